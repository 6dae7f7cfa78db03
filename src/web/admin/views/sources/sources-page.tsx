import type { SourceStatus } from '../../../../ingest/index.js';
import { type AdminChrome, AdminLayout } from '../admin-layout.js';
import { AdminForm } from '../form.js';
import { type TimeStyle, When } from '../when.js';

function LastPoll(props: { status: SourceStatus; style: TimeStyle }) {
  const poll = props.status.lastPoll;
  if (!poll) return <span class="hint">Never polled</span>;
  return (
    <>
      <When date={poll.startedAt} style={props.style} /> <span class={`status poll-${poll.status}`}>{poll.status}</span>
      <br />
      <span class="count">
        {poll.items} items: {poll.new} new, {poll.updated} updated, {poll.duplicate} duplicate, {poll.failed} failed
      </span>
      {poll.error && <p class="error">{poll.error}</p>}
    </>
  );
}

/** /admin/sources: each source with its settings at a glance and its latest poll. */
export function SourcesPage(props: { chrome: AdminChrome; statuses: SourceStatus[]; sectionNames: Map<number, string>; style: TimeStyle }) {
  const { csrf } = props.chrome.visitor;
  return (
    <AdminLayout chrome={props.chrome} title="Sources">
      <p class="actions">
        <a class="button primary" href="/admin/sources/new">
          Add a source
        </a>
      </p>
      {props.statuses.length === 0 ? (
        <p>No sources yet.</p>
      ) : (
        <div class="table-wrap">
          <table class="sources">
            <thead>
              <tr>
                <th>Source</th>
                <th class="optional">Files into</th>
                <th>Last poll</th>
                <th>
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {props.statuses.map((status) => {
                const { source } = status;
                return (
                  <tr>
                    <td>
                      <a href={`/admin/sources/${source.id}`}>{source.name}</a>
                      <br />
                      <span class="status">{source.isEnabled ? 'enabled' : 'disabled'}</span> <span class="status">{source.policy === 'publish' ? 'publishes' : 'for review'}</span>
                      {!source.feedUrl && <span class="hint"> no feed</span>}
                    </td>
                    <td class="optional">{source.defaultSectionId ? (props.sectionNames.get(source.defaultSectionId) ?? '—') : 'first section'}</td>
                    <td>
                      <LastPoll status={status} style={props.style} />
                    </td>
                    <td>
                      {source.feedUrl && (
                        <AdminForm action={`/admin/sources/${source.id}/poll`} csrf={csrf} class="inline">
                          <button type="submit">Poll now</button>
                        </AdminForm>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </AdminLayout>
  );
}
