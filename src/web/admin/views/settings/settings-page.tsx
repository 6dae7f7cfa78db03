import { siteSettingLabels } from '../../../../content/index.js';
import { type AdminChrome, AdminLayout } from '../admin-layout.js';
import { AdminForm, Field, type FieldErrors, FormError, SelectField } from '../form.js';
import { type CommentField, commentFieldGroups } from './comment-fields.js';

/** The site settings this page edits, in form order. */
export const siteFormKeys = ['title', 'description', 'timezone', 'language', 'publisherName', 'articlesPerPage', 'nearDuplicatePolicy', 'ingestTagStyle'] as const;
export type SiteFormValues = Record<(typeof siteFormKeys)[number], string>;

const nearDuplicateOptions = [
  ['link', 'Link: one article crediting every source'],
  ['skip', 'Skip the later copy'],
  ['keep', 'Keep both as separate articles'],
] as const;
const tagStyleOptions = [
  ['entities', 'People, places, organisations and key terms'],
  ['title-words', 'Every word of the title'],
] as const;

/** Every IANA zone the runtime knows, plus the stored one should it be a link name (Europe/Kiev). */
function timezoneOptions(current: string): [string, string][] {
  const zones = new Set(['UTC', ...Intl.supportedValuesOf('timeZone')]);
  zones.add(current);
  return [...zones].sort().map((zone) => [zone, zone.replaceAll('_', ' ')]);
}

function CommentInput(props: { field: CommentField; values: Record<string, string>; errors: FieldErrors }) {
  const { field, values, errors } = props;
  if (field.kind === 'select') return <SelectField label={field.label} name={field.name} value={values[field.name]} options={field.options ?? []} errors={errors} hint={field.hint} />;
  const rows = field.kind === 'lines' ? 5 : field.kind === 'textarea' ? 12 : undefined;
  return <Field label={field.label} name={field.name} value={values[field.name]} errors={errors} hint={field.hint} rows={rows} />;
}

/** /admin/settings: the site's own settings and the comment settings, each its own form. */
export function SettingsPage(props: { chrome: AdminChrome; site: SiteFormValues; siteErrors: FieldErrors; comments: Record<string, string>; commentErrors: FieldErrors }) {
  const { csrf } = props.chrome.visitor;
  const { site, siteErrors } = props;
  return (
    <AdminLayout chrome={props.chrome} title="Settings">
      <h2 id="site">Site</h2>
      <AdminForm action="/admin/settings/site" csrf={csrf}>
        <FormError errors={siteErrors} />
        <Field label={siteSettingLabels.title} name="title" value={site.title} errors={siteErrors} required />
        <Field label={siteSettingLabels.description} name="description" value={site.description} errors={siteErrors} rows={2} />
        <SelectField label={siteSettingLabels.timezone} name="timezone" value={site.timezone} options={timezoneOptions(site.timezone)} errors={siteErrors} hint="Dates on the site and in the admin are shown in this zone." />
        <Field label={siteSettingLabels.language} name="language" value={site.language} errors={siteErrors} hint="A language tag such as en, bg or pt-BR." />
        <Field label={siteSettingLabels.publisherName} name="publisherName" value={site.publisherName} errors={siteErrors} hint="Shown in the footer and structured data; the title when blank." />
        <Field label={siteSettingLabels.articlesPerPage} name="articlesPerPage" type="number" value={site.articlesPerPage} errors={siteErrors} hint="On the home, section, tag, source and author pages (5–100)." />
        <SelectField label={siteSettingLabels.nearDuplicatePolicy} name="nearDuplicatePolicy" value={site.nearDuplicatePolicy} options={nearDuplicateOptions} errors={siteErrors} hint="When ingest finds the same story from another source, or lightly rewritten." />
        <SelectField label={siteSettingLabels.ingestTagStyle} name="ingestTagStyle" value={site.ingestTagStyle} options={tagStyleOptions} errors={siteErrors} />
        <button type="submit" class="primary">
          Save site settings
        </button>
      </AdminForm>
      <h2 id="comments">Comments</h2>
      <AdminForm action="/admin/settings/comments" csrf={csrf}>
        <FormError errors={props.commentErrors} />
        {commentFieldGroups.map((group) => (
          <fieldset>
            <legend>{group.title}</legend>
            {group.fields.map((field) => (
              <CommentInput field={field} values={props.comments} errors={props.commentErrors} />
            ))}
          </fieldset>
        ))}
        <button type="submit" class="primary">
          Save comment settings
        </button>
      </AdminForm>
    </AdminLayout>
  );
}
