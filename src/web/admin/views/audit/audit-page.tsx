import type { AuditEntry, AuditPage as AuditEntries } from '../../../../audit/index.js';
import { type AdminChrome, AdminLayout } from '../admin-layout.js';
import { Field, type FieldErrors, FormError, SelectField } from '../form.js';
import { type TimeStyle, When } from '../when.js';

export interface AuditQuery {
  action: string;
  actor: string;
  before?: number;
}

export function auditHref(query: AuditQuery, before?: number): string {
  const params = new URLSearchParams({ ...(query.action ? { action: query.action } : {}), ...(query.actor ? { actor: query.actor } : {}), ...(before ? { before: String(before) } : {}) });
  const text = params.toString();
  return text ? `/admin/audit?${text}` : '/admin/audit';
}

/** Where the admin shows the thing an entry is about, when it has a page of its own. */
const subjectPages: Record<string, (id: string) => string> = {
  article: (id) => `/admin/articles/${id}`,
  comment: (id) => `/admin/comments/${id}/edit`,
  section: (id) => `/admin/sections/${id}`,
  source: (id) => `/admin/sources/${id}`,
  tag: (id) => `/admin/tags/${id}`,
  user: (id) => `/admin/users/${id}`,
  settings: () => '/admin/settings',
};

function Subject(props: { entry: AuditEntry }) {
  const { subjectType, subjectId } = props.entry;
  const label = `${subjectType} ${subjectId}`;
  const page = /^\d+$/.test(subjectId) || subjectType === 'settings' ? subjectPages[subjectType] : undefined;
  return page ? <a href={page(subjectId)}>{label}</a> : <span>{label}</span>;
}

function Details(props: { details: unknown }) {
  if (typeof props.details !== 'object' || props.details === null) return null;
  const pairs = Object.entries(props.details).filter(([key]) => key !== 'system');
  if (pairs.length === 0) return null;
  return (
    <dl class="audit-details">
      {pairs.map(([key, value]) => (
        <>
          <dt>{key}</dt>
          <dd>{typeof value === 'string' ? value : JSON.stringify(value)}</dd>
        </>
      ))}
    </dl>
  );
}

function Actor(props: { entry: AuditEntry; names: Map<number, string> }) {
  const { actorId, details } = props.entry;
  if (actorId === null) {
    const system = typeof details === 'object' && details !== null && 'system' in details ? String(details.system) : '';
    return <span class="hint">System{system ? ` (${system})` : ''}</span>;
  }
  return <a href={`/admin/users/${actorId}`}>{props.names.get(actorId) ?? `user ${actorId}`}</a>;
}

/** /admin/audit: who did what and when, newest first, filtered by action and actor. */
export function AuditPage(props: { chrome: AdminChrome; page: AuditEntries; names: Map<number, string>; groups: string[]; query: AuditQuery; errors: FieldErrors; style: TimeStyle }) {
  const { page, query, names } = props;
  const actorOptions: [string, string][] = [['', 'Anyone'], ['system', 'System'], ...[...names].map(([id, name]): [string, string] => [String(id), name])];
  return (
    <AdminLayout chrome={props.chrome} title="Audit log">
      <form method="get" action="/admin/audit" class="filters">
        <FormError errors={props.errors} />
        <Field label="Action starts with" name="action" value={query.action} errors={props.errors} placeholder="user." hint={props.groups.length ? `Recorded: ${props.groups.join(', ')}` : undefined} />
        <SelectField label="Done by" name="actor" value={query.actor} options={actorOptions} />
        <button type="submit">Filter</button>
      </form>
      {page.entries.length === 0 ? (
        <p>No entries{query.action || query.actor ? ' match these filters' : ''}.</p>
      ) : (
        <div class="table-wrap">
          <table class="audit">
            <thead>
              <tr>
                <th>When</th>
                <th>Who</th>
                <th>Action</th>
                <th>Subject</th>
                <th class="optional">Details</th>
              </tr>
            </thead>
            <tbody>
              {page.entries.map((entry) => (
                <tr>
                  <td>
                    <When date={entry.createdAt} style={props.style} />
                  </td>
                  <td>
                    <Actor entry={entry} names={names} />
                  </td>
                  <td>
                    <code>{entry.action}</code>
                  </td>
                  <td>
                    <Subject entry={entry} />
                  </td>
                  <td class="optional">
                    <Details details={entry.details} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav class="pager" aria-label="Pages">
        {query.before !== undefined && <a href={auditHref(query)}>← Newest</a>}
        {page.nextBefore !== null && (
          <a href={auditHref(query, page.nextBefore)} rel="next">
            Older entries →
          </a>
        )}
      </nav>
    </AdminLayout>
  );
}
