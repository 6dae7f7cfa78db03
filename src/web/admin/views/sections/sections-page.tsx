import type { Section, SectionTree } from '../../../../content/index.js';
import { type AdminChrome, AdminLayout } from '../admin-layout.js';
import { AdminForm, type FieldErrors } from '../form.js';
import { SectionForm, type SectionFormValues } from './section-form.js';

function MoveButton(props: { section: Section; csrf: string; direction: 'up' | 'down'; disabled: boolean }) {
  const label = props.direction === 'up' ? '↑' : '↓';
  return (
    <AdminForm action={`/admin/sections/${props.section.id}/move`} csrf={props.csrf} class="inline">
      <input type="hidden" name="direction" value={props.direction} />
      <button type="submit" disabled={props.disabled} aria-label={`Move ${props.section.name} ${props.direction}`} title={`Move ${props.direction}`}>
        {label}
      </button>
    </AdminForm>
  );
}

function SectionBranch(props: { sections: Section[]; counts: Map<number, number>; csrf: string }) {
  return (
    <ol class="section-tree">
      {props.sections.map((section, index) => {
        const count = props.counts.get(section.id) ?? 0;
        return (
          <li id={`section-${section.id}`}>
            <div class="section-row">
              <a href={`/admin/sections/${section.id}`} class="section-name">
                {section.name}
              </a>
              <a href={`/${section.path}/`} class="section-path">{`/${section.path}/`}</a>
              <span class="count">
                {count} article{count === 1 ? '' : 's'}
              </span>
              <span class="section-moves">
                <MoveButton section={section} csrf={props.csrf} direction="up" disabled={index === 0} />
                <MoveButton section={section} csrf={props.csrf} direction="down" disabled={index === props.sections.length - 1} />
              </span>
            </div>
            {section.children.length > 0 && <SectionBranch sections={section.children} counts={props.counts} csrf={props.csrf} />}
          </li>
        );
      })}
    </ol>
  );
}

/** /admin/sections: the tree in its order, with the form to add one. */
export function SectionsPage(props: { chrome: AdminChrome; tree: SectionTree; counts: Map<number, number>; values: SectionFormValues; errors: FieldErrors }) {
  const { csrf } = props.chrome.visitor;
  return (
    <AdminLayout chrome={props.chrome} title="Sections">
      {props.tree.roots.length === 0 ? <p>No sections yet.</p> : <SectionBranch sections={props.tree.roots} counts={props.counts} csrf={csrf} />}
      <h2 id="add">Add a section</h2>
      <SectionForm action="/admin/sections" csrf={csrf} tree={props.tree} values={props.values} errors={props.errors} submit="Add section" />
    </AdminLayout>
  );
}
