import { type AdminArticle, type ArticleAccess, type ArticleRevisionSummary, articlePath, isPubliclyVisible } from '../../../../content/index.js';
import { formatDateTime } from '../../../views/format.js';
import { AdminLayout, type AdminChrome } from '../admin-layout.js';
import { AdminForm, Field, type FieldErrors, FormError, SelectField } from '../form.js';
import type { ArticleChoices, ArticleFormValues } from './article-form-data.js';
import { ArticleStatus } from './article-status.js';
import { RevisionHistory } from './revision-history.js';

export interface ArticleEditorProps {
  chrome: AdminChrome;
  /** Null while writing a new article. */
  article: AdminArticle | null;
  values: ArticleFormValues;
  errors: FieldErrors;
  /** The form was refused because someone else saved first. */
  conflict: boolean;
  access: ArticleAccess;
  choices: ArticleChoices;
  /** Existing tag names to suggest, most used first. */
  tagNames: string[];
  /** Sanitised HTML of the body, after the Preview button. */
  preview?: string;
  revisions: ArticleRevisionSummary[];
  clock: { now: Date; language: string; timeZone: string };
}

/** The buttons this person may use on this article; each names what it does. */
function ArticleActions(props: { article: AdminArticle | null; access: ArticleAccess }) {
  const { article, access } = props;
  const status = article?.status ?? 'draft';
  const live = status === 'published' || status === 'scheduled';
  if (!access.edit) return <p class="hint">This article is {status}: only an editor can change it now.</p>;
  return (
    <div class="actions">
      <button type="submit" name="intent" value="save" class={access.publish ? undefined : 'primary'}>
        {live ? 'Update' : status === 'draft' ? 'Save draft' : 'Save'}
      </button>
      {!access.publish && status === 'draft' && !article?.submittedAt && (
        <button type="submit" name="intent" value="submit" class="primary">
          Submit for review
        </button>
      )}
      {access.publish && (
        <>
          {status !== 'published' && (
            <button type="submit" name="intent" value="publish" class="primary">
              Publish now
            </button>
          )}
          <button type="submit" name="intent" value="schedule">
            {status === 'scheduled' ? 'Reschedule' : 'Schedule'}
          </button>
          {live && (
            <button type="submit" name="intent" value="unpublish" class="danger" data-confirm="Take this article off the site? It goes back to being a draft.">
              Unpublish
            </button>
          )}
        </>
      )}
    </div>
  );
}

function ArticleSummaryLine(props: { article: AdminArticle; clock: ArticleEditorProps['clock'] }) {
  const { article, clock } = props;
  const visible = isPubliclyVisible(article, clock.now);
  return (
    <p class="article-meta">
      <ArticleStatus article={article} now={clock.now} /> version {article.version}
      {article.submittedAt && ` · waiting for review since ${formatDateTime(article.submittedAt, clock.language, clock.timeZone)}`}
      {article.status === 'scheduled' && article.publishedAt && !visible && ` · goes live ${formatDateTime(article.publishedAt, clock.language, clock.timeZone)}`} ·{' '}
      <a href={articlePath(article)}>View{visible ? '' : ' (not public yet)'}</a>
    </p>
  );
}

/** /admin/articles/new and /admin/articles/:id: the whole article on one form, and its history. */
export function ArticleEditorPage(props: ArticleEditorProps) {
  const { article, values, errors, access, choices, clock } = props;
  const csrf = props.chrome.visitor.csrf;
  const html = article?.bodyFormat === 'html';
  return (
    <AdminLayout chrome={props.chrome} title={article ? 'Edit article' : 'New article'}>
      {article && <ArticleSummaryLine article={article} clock={clock} />}
      <AdminForm action={article ? `/admin/articles/${article.id}` : '/admin/articles/new'} csrf={csrf} class="article-editor">
        <FormError errors={errors} />
        {props.conflict && article && (
          <p class="hint">
            Your text is still in the form below. Copy what you want to keep, then <a href={`/admin/articles/${article.id}`}>open the latest version</a>.
          </p>
        )}
        <input type="hidden" name="version" value={values.version} />
        <Field label="Title" name="title" value={values.title} errors={errors} required />
        <Field label="Slug" name="slug" value={values.slug} errors={errors} hint="The last part of the article's web address. Leave blank to make it from the title." />
        <Field label="Excerpt" name="excerpt" value={values.excerpt} errors={errors} rows={3} hint="Shown in lists and link previews. Leave blank to use the first sentences of the body." />
        <Field label={html ? 'Body (HTML)' : 'Body (Markdown)'} name="body" value={values.body} errors={errors} rows={18} hint={html ? undefined : '**bold**, *italic*, [link](https://…), ## heading, > quote, - list'} />
        <div class="actions">
          <button type="submit" name="intent" value="preview">
            Preview
          </button>
        </div>
        {props.preview !== undefined && (
          <section class="preview" aria-labelledby="preview-heading">
            <h2 id="preview-heading">Preview (not saved)</h2>
            {/* Our sanitiser produced this HTML, as it does for the public page. */}
            <div class="preview-body" dangerouslySetInnerHTML={{ __html: props.preview }} />
          </section>
        )}
        <SelectField label="Section" name="sectionId" value={values.sectionId} options={choices.sections} errors={errors} />
        <Field label="Tags" name="tags" value={values.tags} errors={errors} list="tag-choices" hint="Separate tags with commas. A name that is not a tag yet becomes a new one." />
        <datalist id="tag-choices">
          {props.tagNames.map((tag) => (
            <option value={tag} />
          ))}
        </datalist>
        <SelectField label="Source" name="sourceId" value={values.sourceId} options={[['', 'None: our own story'], ...choices.sources]} errors={errors} />
        <Field label="Original URL" name="originalUrl" type="url" value={values.originalUrl} errors={errors} hint="Where the source first published it, if anywhere." />
        {access.chooseAuthor && <SelectField label="Author" name="authorId" value={values.authorId} options={[['', 'No author shown'], ...choices.authors]} errors={errors} />}
        {access.publish && (
          <Field label={`Publish at (${clock.timeZone} time)`} name="publishedAt" type="datetime-local" value={values.publishedAt} errors={errors} hint="Used by Schedule: the article appears on the site at this time." />
        )}
        <ArticleActions article={article} access={access} />
      </AdminForm>
      {article && (
        <RevisionHistory articleId={article.id} currentVersion={article.version} revisions={props.revisions} mayRestore={access.edit} csrf={csrf} clock={clock} />
      )}
    </AdminLayout>
  );
}
