import type { Section, SectionTree } from '../../../../content/index.js';
import { AdminForm, Field, type FieldErrors, FormError, SelectField } from '../form.js';

export interface SectionFormValues {
  name: string;
  slug: string;
  description: string;
  parentId: string;
}

export function sectionFormValues(section?: Section): SectionFormValues {
  return { name: section?.name ?? '', slug: section?.slug ?? '', description: section?.description ?? '', parentId: section?.parentId ? String(section.parentId) : '' };
}

/** Every section depth-first in tree order, with its depth, for indented lists and selects. */
export function flattenTree(tree: SectionTree): { section: Section; depth: number }[] {
  const out: { section: Section; depth: number }[] = [];
  const walk = (sections: Section[], depth: number) => {
    for (const section of sections) {
      out.push({ section, depth });
      walk(section.children, depth + 1);
    }
  };
  walk(tree.roots, 0);
  return out;
}

/** [id, indented name] choices for a section select, optionally leaving some sections out. */
export function sectionChoices(tree: SectionTree, keep: (section: Section) => boolean = () => true): [string, string][] {
  return flattenTree(tree)
    .filter(({ section }) => keep(section))
    .map(({ section, depth }): [string, string] => [String(section.id), `${'— '.repeat(depth)}${section.name} (/${section.path}/)`]);
}

/** Parent choices: the top level, then every section except `editing` and those under it. */
function parentOptions(tree: SectionTree, editing?: Section): [string, string][] {
  return [['', '(top level)'], ...sectionChoices(tree, (section) => !editing || !section.ancestry.some((a) => a.id === editing.id))];
}

/** The add and edit form of a section; errors sit beside their fields. */
export function SectionForm(props: { action: string; csrf: string; tree: SectionTree; editing?: Section; values: SectionFormValues; errors: FieldErrors; submit: string }) {
  const { values, errors } = props;
  return (
    <AdminForm action={props.action} csrf={props.csrf} class="section-form">
      <FormError errors={errors} />
      <Field label="Name" name="name" value={values.name} errors={errors} required />
      <Field label="Slug" name="slug" value={values.slug} errors={errors} hint="The section's part of the address. Leave blank to make it from the name." />
      <SelectField label="Parent" name="parentId" value={values.parentId} options={parentOptions(props.tree, props.editing)} errors={errors} />
      <Field label="Description" name="description" value={values.description} errors={errors} rows={3} />
      <button type="submit" class="primary">
        {props.submit}
      </button>
    </AdminForm>
  );
}
