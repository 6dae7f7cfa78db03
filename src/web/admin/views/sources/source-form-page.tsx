import type { Source } from '../../../../content/index.js';
import { type AdminChrome, AdminLayout } from '../admin-layout.js';
import { AdminForm, CheckboxField, Field, type FieldErrors, FormError, SelectField } from '../form.js';

export interface SourceFormValues {
  name: string;
  feedUrl: string;
  homepage: string;
  defaultSectionId: string;
  policy: string;
  attributionTemplate: string;
  pollIntervalSeconds: string;
  isEnabled: boolean;
  isLocal: boolean;
  rules: string;
}

/** Add (no `source`) or edit a source; errors sit beside their fields. */
export function SourceFormPage(props: { chrome: AdminChrome; source?: Source; sectionOptions: [string, string][]; values: SourceFormValues; errors: FieldErrors }) {
  const { source, values, errors } = props;
  const { csrf } = props.chrome.visitor;
  return (
    <AdminLayout chrome={props.chrome} title={source ? `Source: ${source.name}` : 'Add a source'}>
      <p>
        <a href="/admin/sources">← All sources</a>
        {source && (
          <>
            {' '}
            · <a href={`/source/${source.slug}/`}>View on the site</a>
          </>
        )}
      </p>
      <AdminForm action={source ? `/admin/sources/${source.id}` : '/admin/sources'} csrf={csrf} class="source-form">
        <FormError errors={errors} />
        <Field label="Name" name="name" value={values.name} errors={errors} required hint={source ? `Its address stays /source/${source.slug}/.` : undefined} />
        <Field label="Feed URL" name="feedUrl" type="url" value={values.feedUrl} errors={errors} hint="RSS, Atom or JSON Feed. Leave blank for a source you only credit by hand." />
        <Field label="Homepage" name="homepage" type="url" value={values.homepage} errors={errors} />
        <SelectField label="Default section" name="defaultSectionId" value={values.defaultSectionId} options={[['', '(the first section)'], ...props.sectionOptions]} errors={errors} />
        <SelectField
          label="Policy"
          name="policy"
          value={values.policy}
          options={[
            ['review', 'Review: new items wait as drafts'],
            ['publish', 'Publish: new items go live at once'],
          ]}
          errors={errors}
        />
        <Field label="Attribution" name="attributionTemplate" value={values.attributionTemplate} errors={errors} hint="Shown with each article; {name} is replaced by the source's name." />
        <Field label="Poll every (seconds)" name="pollIntervalSeconds" type="number" value={values.pollIntervalSeconds} errors={errors} hint="600 is every 10 minutes; from 60 to 604800." />
        <Field
          label="Section rules"
          name="rules"
          value={values.rules}
          errors={errors}
          rows={4}
          placeholder="category: Sport -> sport"
          hint="One a line: “category: VALUE -> SECTION” files items with that category, “keyword: WORD -> SECTION” items with that word in the title. SECTION is its path, such as world/europe."
        />
        <CheckboxField label="Enabled: poll this feed" name="isEnabled" checked={values.isEnabled} />
        <CheckboxField label="Local: the feed is on a private network address" name="isLocal" checked={values.isLocal} hint="Only for a wire inside your own network." />
        <button type="submit" class="primary">
          {source ? 'Save source' : 'Add source'}
        </button>
      </AdminForm>
      {source && (
        <>
          <h2>Delete</h2>
          <AdminForm action={`/admin/sources/${source.id}/delete`} csrf={csrf} class="actions">
            <button type="submit" class="danger" data-confirm={`Delete the source ${source.name}? Its articles stay, without the credit.`}>
              Delete this source
            </button>
          </AdminForm>
        </>
      )}
    </AdminLayout>
  );
}
