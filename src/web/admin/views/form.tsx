import type { ComponentChildren } from 'preact';

/** Messages keyed by field name; `form` is for errors that belong to no single field. */
export type FieldErrors = Record<string, string | undefined>;

/** Every admin form: POST, with the visitor's CSRF token. */
export function AdminForm(props: { action: string; csrf: string; children: ComponentChildren; class?: string; id?: string }) {
  return (
    <form method="post" action={props.action} class={props.class} id={props.id}>
      <input type="hidden" name="_csrf" value={props.csrf} />
      {props.children}
    </form>
  );
}

/** An error for the whole form, announced to screen readers. */
export function FormError(props: { errors: FieldErrors }) {
  return props.errors.form ? (
    <p class="form-error" role="alert">
      {props.errors.form}
    </p>
  ) : null;
}

interface FieldProps {
  label: string;
  name: string;
  /** Needed when one page repeats a form (one per row); default `field-<name>`. */
  id?: string;
  value?: string | null;
  errors?: FieldErrors;
  type?: 'text' | 'email' | 'password' | 'url' | 'search' | 'number' | 'datetime-local';
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  /** Rows for a textarea; without it the field is a single-line input. */
  rows?: number;
  placeholder?: string;
  /** Id of a `<datalist>` of suggestions. */
  list?: string;
}

/** A labelled field with its error beside it (aria-invalid and aria-describedby set). */
export function Field(props: FieldProps) {
  const id = props.id ?? `field-${props.name}`;
  const error = props.errors?.[props.name];
  const describedBy = [error ? `${id}-error` : '', props.hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name: props.name, required: props.required, 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': describedBy, placeholder: props.placeholder };
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.rows ? (
        <textarea {...common} rows={props.rows}>
          {props.value ?? ''}
        </textarea>
      ) : (
        <input {...common} type={(props.type ?? 'text') as 'text'} value={props.value ?? ''} autocomplete={props.autocomplete} list={props.list} />
      )}
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A labelled select; `options` are [value, label] pairs. */
export function SelectField(props: { label: string; name: string; value?: string | null; options: readonly (readonly [string, string])[]; errors?: FieldErrors; hint?: string }) {
  const id = `field-${props.name}`;
  const error = props.errors?.[props.name];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {props.options.map(([value, label]) => (
          <option value={value} selected={value === (props.value ?? '')}>
            {label}
          </option>
        ))}
      </select>
      {props.hint && <p class="hint">{props.hint}</p>}
      {error && (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A labelled checkbox sending `value` ("1") when ticked and nothing when not. */
export function CheckboxField(props: { label: string; name: string; checked: boolean; hint?: string }) {
  const id = `field-${props.name}`;
  return (
    <div class="field checkbox">
      <label for={id}>
        <input type="checkbox" id={id} name={props.name} value="1" checked={props.checked} /> {props.label}
      </label>
      {props.hint && <p class="hint">{props.hint}</p>}
    </div>
  );
}
