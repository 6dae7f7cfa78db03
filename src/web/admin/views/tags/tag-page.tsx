import type { TagRef } from '../../../../content/index.js';
import { type AdminChrome, AdminLayout } from '../admin-layout.js';
import { AdminForm, Field, type FieldErrors, FormError } from '../form.js';

export interface TagFormValues {
  name: string;
  into: string;
}

/** /admin/tags/:id: rename a tag, or merge it into another. */
export function TagPage(props: { chrome: AdminChrome; tag: TagRef; values: TagFormValues; errors: FieldErrors }) {
  const { tag, values, errors } = props;
  const { csrf } = props.chrome.visitor;
  return (
    <AdminLayout chrome={props.chrome} title={`Tag: ${tag.name}`}>
      <p>
        <a href="/admin/tags">← All tags</a> · <a href={`/tag/${tag.slug}/`}>View on the site</a>
      </p>
      <FormError errors={errors} />
      <h2>Rename</h2>
      <AdminForm action={`/admin/tags/${tag.id}/rename`} csrf={csrf}>
        <Field label="Name" name="name" value={values.name} errors={errors} required hint="The address follows the name." />
        <button type="submit" class="primary">
          Rename
        </button>
      </AdminForm>
      <h2>Merge into another tag</h2>
      <AdminForm action={`/admin/tags/${tag.id}/merge`} csrf={csrf}>
        <Field label="Tag to keep" name="into" value={values.into} errors={errors} required hint={`Its articles get the tag you name here, and “${tag.name}” is deleted.`} />
        <button type="submit" data-confirm={`Merge “${tag.name}” into the other tag? This cannot be undone.`}>
          Merge
        </button>
      </AdminForm>
    </AdminLayout>
  );
}
