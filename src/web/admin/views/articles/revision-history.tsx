import type { ArticleRevisionSummary } from '../../../../content/index.js';
import { formatDateTime } from '../../../views/format.js';
import { AdminForm } from '../form.js';

/** Each saved version, newest first, with a button to bring an older one back as a new version. */
export function RevisionHistory(props: {
  articleId: number;
  currentVersion: number;
  revisions: ArticleRevisionSummary[];
  mayRestore: boolean;
  csrf: string;
  clock: { language: string; timeZone: string };
}) {
  if (props.revisions.length === 0) return null;
  return (
    <section class="revisions" aria-labelledby="revisions-heading">
      <h2 id="revisions-heading">Revision history</h2>
      <ol>
        {props.revisions.map((revision) => (
          <li>
            <strong>Version {revision.version}</strong>{' '}
            <time datetime={revision.createdAt.toISOString()}>{formatDateTime(revision.createdAt, props.clock.language, props.clock.timeZone)}</time> by{' '}
            {revision.actor?.name ?? 'the system'} · {revision.status} · “{revision.title}”{' '}
            {revision.version === props.currentVersion ? (
              <span class="hint">(current)</span>
            ) : (
              props.mayRestore && (
                <AdminForm action={`/admin/articles/${props.articleId}/revisions/${revision.id}/restore`} csrf={props.csrf} class="inline">
                  <input type="hidden" name="version" value={String(props.currentVersion)} />
                  <button type="submit" class="link" data-confirm={`Bring back the text of version ${revision.version}? It is saved as a new version; nothing is lost.`}>
                    Restore version {revision.version}
                  </button>
                </AdminForm>
              )
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
