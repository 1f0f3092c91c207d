import type { FocusEvent, InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

/**
 * Form fields with their label, hint and inline error wired up for assistive
 * technology: <label htmlFor>, aria-invalid and aria-describedby.
 */

interface FieldFrame {
  id: string;
  label: ReactNode;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  /** grid width: 1 (default), 2 = spans two columns, 'full' = the whole row */
  span?: 1 | 2 | 'full';
  className?: string;
}

export const errorId = (id: string) => `${id}-error`;
const hintId = (id: string) => `${id}-hint`;

function describedBy(id: string, error?: string, hint?: ReactNode): string | undefined {
  const ids = [error ? errorId(id) : null, hint ? hintId(id) : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function spanClass(span: FieldFrame['span']) {
  return span === 2 ? ' span-2' : span === 'full' ? ' span-full' : '';
}

function Frame({ id, label, error, hint, required, span, className, children }: FieldFrame & { children: ReactNode }) {
  return (
    <div className={`field${error ? ' has-error' : ''}${spanClass(span)}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="req" aria-hidden="true">
            *
          </span>
        )}
      </label>
      {children}
      {hint && (
        <p id={hintId(id)} className="hint">
          {hint}
        </p>
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}

export function FieldError({ id, error }: { id: string; error?: string | undefined }) {
  if (!error) return null;
  return (
    <p id={errorId(id)} className="field-error" data-testid={errorId(id)}>
      {error}
    </p>
  );
}

type InputProps = FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;

export function TextField({ id, label, error, hint, required, span, className, ...input }: InputProps) {
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={required} span={span} className={className}>
      <input
        id={id}
        name={id}
        type="text"
        autoComplete="off"
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...input}
      />
    </Frame>
  );
}

type SelectProps = FieldFrame & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { children: ReactNode };

export function SelectField({ id, label, error, hint, required, span, className, children, ...select }: SelectProps) {
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={required} span={span} className={className}>
      <select
        id={id}
        name={id}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...select}
      >
        {children}
      </select>
    </Frame>
  );
}

type TextAreaProps = FieldFrame & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>;

export function TextAreaField({ id, label, error, hint, required, span, className, ...ta }: TextAreaProps) {
  return (
    <Frame id={id} label={label} error={error} hint={hint} required={required} span={span} className={className}>
      <textarea
        id={id}
        name={id}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...ta}
      />
    </Frame>
  );
}

interface ChoiceGroupProps<V extends string> {
  id: string;
  legend: ReactNode;
  type: 'radio' | 'checkbox';
  options: readonly { value: V; label: ReactNode; hint?: ReactNode }[];
  value: V | V[] | undefined;
  onChange: (value: V | V[]) => void;
  /** called when focus leaves the whole group */
  onBlur?: () => void;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  span?: 1 | 2 | 'full';
  /** options stacked instead of in a row */
  vertical?: boolean;
}

/** A fieldset of radios or checkboxes; arrow keys move between radios. */
export function ChoiceGroup<V extends string>(p: ChoiceGroupProps<V>) {
  const selected = Array.isArray(p.value) ? p.value : p.value ? [p.value] : [];
  const onBlur = (e: FocusEvent<HTMLFieldSetElement>) => {
    if (!e.currentTarget.contains(e.relatedTarget as Node | null)) p.onBlur?.();
  };
  return (
    <fieldset
      className={`field choice-group${p.error ? ' has-error' : ''}${spanClass(p.span)}`}
      id={p.id}
      tabIndex={-1}
      aria-describedby={describedBy(p.id, p.error, p.hint)}
      aria-required={p.required || undefined}
      onBlur={onBlur}
    >
      <legend>
        {p.legend}
        {p.required && (
          <span className="req" aria-hidden="true">
            *
          </span>
        )}
      </legend>
      <div className={`choices${p.vertical ? ' vertical' : ''}`}>
        {p.options.map((o) => {
          const oid = `${p.id}-${o.value}`;
          const checked = selected.includes(o.value);
          return (
            <label key={o.value} htmlFor={oid} className={`choice${checked ? ' checked' : ''}`}>
              <input
                id={oid}
                type={p.type}
                name={p.id}
                value={o.value}
                checked={checked}
                aria-invalid={p.error ? true : undefined}
                onChange={(e) => {
                  if (p.type === 'radio') p.onChange(o.value);
                  else p.onChange(e.target.checked ? [...selected, o.value] : selected.filter((v) => v !== o.value));
                }}
              />
              <span>{o.label}</span>
              {o.hint && <span className="choice-hint">{o.hint}</span>}
            </label>
          );
        })}
      </div>
      {p.hint && (
        <p id={hintId(p.id)} className="hint">
          {p.hint}
        </p>
      )}
      <FieldError id={p.id} error={p.error} />
    </fieldset>
  );
}

/** Read-only value shown in a form's grid (e.g. a derived ratio), announced when it changes. */
export function OutputField({ id, label, children, hint, span }: { id: string; label: ReactNode; children: ReactNode; hint?: ReactNode; span?: 1 | 2 | 'full' }) {
  return (
    <div className={`field${spanClass(span)}`}>
      <span className="label" id={`${id}-label`}>
        {label}
      </span>
      <output id={id} className="output" aria-labelledby={`${id}-label`} aria-live="polite" aria-describedby={hint ? hintId(id) : undefined}>
        {children}
      </output>
      {hint && (
        <p id={hintId(id)} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** List of a form's errors on submit; each entry moves focus to its field. */
export function ErrorSummary({ errors, labels, title = '请修改以下内容后再保存' }: { errors: Record<string, string>; labels?: Record<string, string>; title?: string }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} data-testid="error-summary">
      <h2>
        {title}（共{entries.length}处）
      </h2>
      <ul>
        {entries.map(([path, msg]) => (
          <li key={path}>
            <button type="button" className="link-button" onClick={() => focusField(path)}>
              {labels?.[path] && !msg.includes(labels[path]!) ? `${labels[path]}：${msg}` : msg}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Field ids are the schema path with '.' → '-' ('legalRep.phone' → 'f-legalRep-phone'). */
export function fieldId(path: string): string {
  return `f-${path.replace(/\./g, '-')}`;
}

export function focusField(path: string) {
  const el = document.getElementById(fieldId(path));
  if (!el) return;
  const target = el.tagName === 'FIELDSET' ? (el.querySelector<HTMLElement>('input:checked') ?? el.querySelector<HTMLElement>('input')) : el;
  target?.focus();
  target?.scrollIntoView({ block: 'center' });
}
