import type { Section, SectionTree } from '../../../../content/index.js';
import { type AdminChrome, AdminLayout } from '../admin-layout.js';
import { AdminForm, type FieldErrors } from '../form.js';
import { SectionForm, type SectionFormValues } from './section-form.js';

/** /admin/sections/:id: edit or move a section, or delete it when it is empty. */
export function SectionEditPage(props: { chrome: AdminChrome; tree: SectionTree; section: Section; articleCount: number; values: SectionFormValues; errors: FieldErrors }) {
  const { section, articleCount } = props;
  const { csrf } = props.chrome.visitor;
  return (
    <AdminLayout chrome={props.chrome} title={`Section: ${section.name}`}>
      <p>
        <a href="/admin/sections">← All sections</a> · <a href={`/${section.path}/`}>View on the site</a>
      </p>
      <SectionForm action={`/admin/sections/${section.id}`} csrf={csrf} tree={props.tree} editing={section} values={props.values} errors={props.errors} submit="Save section" />
      <h2>Delete</h2>
      {articleCount > 0 || section.children.length > 0 ? (
        <p class="hint">
          This section holds {articleCount} article{articleCount === 1 ? '' : 's'} and {section.children.length} sub-section{section.children.length === 1 ? '' : 's'}. Move them elsewhere before
          deleting it.
        </p>
      ) : (
        <AdminForm action={`/admin/sections/${section.id}/delete`} csrf={csrf} class="actions">
          <button type="submit" class="danger" data-confirm={`Delete the section ${section.name}?`}>
            Delete this section
          </button>
        </AdminForm>
      )}
    </AdminLayout>
  );
}
