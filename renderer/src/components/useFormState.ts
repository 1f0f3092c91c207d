import { useCallback, useMemo, useState } from 'react';
import type { z } from 'zod';
import { fieldErrorsOf } from '../../../shared/contract/validate';
import { ApiError } from '../api';
import { focusField } from './Field';

interface Options<V> {
  /** the shared schema the back end also applies */
  schema: z.ZodType;
  /** form values → the schema's input */
  toInput: (values: V) => unknown;
  /** field paths in screen order (for the summary and focus on submit) */
  fields: readonly string[];
  /**
   * Fields whose empty value the schema reports in generic words (a number
   * "应为数字", a date "格式应为…"): path → label, shown as 请填写<label>.
   */
  requiredLabels?: Record<string, string>;
  /** path → the raw value, to tell "empty" from "wrong" for requiredLabels */
  rawValue?: (values: V, path: string) => unknown;
  /** extra checks over the parsed input, e.g. the cross-field rules that zod runs only once the rest is valid */
  extraErrors?: (input: unknown, errors: Record<string, string>) => Record<string, string>;
}

/**
 * Inline validation with the shared zod schema: a field's message appears
 * once it was left (blur) or the form was submitted; server field errors
 * (e.g. duplicate USCC) sit next to their field until it changes.
 */
export function useFormState<V>(initial: V, opts: Options<V>) {
  const [values, setValues] = useState<V>(initial);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});

  const { schema, toInput, fields, requiredLabels, rawValue, extraErrors } = opts;

  const parsed = useMemo(() => {
    const input = toInput(values);
    const r = schema.safeParse(input);
    let errors: Record<string, string> = {};
    if (!r.success) {
      for (const [k, msg] of Object.entries(fieldErrorsOf(r.error))) {
        const key = normaliseKey(k, fields);
        if (!(key in errors)) errors[key] = msg;
      }
    }
    if (requiredLabels && rawValue) {
      for (const [path, label] of Object.entries(requiredLabels)) {
        const raw = rawValue(values, path);
        if (errors[path] && (raw === '' || raw === undefined || raw === null)) errors[path] = `请填写${label}`;
      }
    }
    if (extraErrors) {
      for (const [k, msg] of Object.entries(extraErrors(input, errors))) {
        const key = normaliseKey(k, fields);
        if (!(key in errors)) errors[key] = msg;
      }
    }
    // screen order
    errors = Object.fromEntries(Object.entries(errors).sort(([a], [b]) => order(a, fields) - order(b, fields)));
    return { ok: r.success && Object.keys(errors).length === 0, data: r.success ? (r.data as unknown) : undefined, errors };
  }, [values, schema, toInput, fields, requiredLabels, rawValue, extraErrors]);

  const errorOf = useCallback(
    (path: string): string | undefined => serverErrors[path] ?? (submitted || touched.has(path) ? parsed.errors[path] : undefined),
    [serverErrors, submitted, touched, parsed.errors],
  );

  const set = useCallback(<K extends keyof V>(key: K, value: V[K], path: string = String(key)) => {
    setValues((v) => ({ ...v, [key]: value }));
    setServerErrors((s) => {
      if (!(path in s)) return s;
      const rest = { ...s };
      delete rest[path];
      return rest;
    });
  }, []);

  const touch = useCallback((path: string) => {
    setTouched((t) => (t.has(path) ? t : new Set(t).add(path)));
  }, []);

  /** On submit: show every message; returns the parsed data, or null after focusing the first bad field. */
  const validateAll = useCallback((): unknown | null => {
    setSubmitted(true);
    if (!parsed.ok) {
      const first = Object.keys(parsed.errors)[0];
      if (first) window.setTimeout(() => focusField(first), 0);
      return null;
    }
    return parsed.data;
  }, [parsed]);

  /** Puts a back-end refusal's field errors next to the fields; returns true when there were any. */
  const applyServerError = useCallback(
    (e: unknown): boolean => {
      if (!(e instanceof ApiError) || !e.fieldErrors) return false;
      const mapped: Record<string, string> = {};
      for (const [k, msg] of Object.entries(e.fieldErrors)) mapped[normaliseKey(k.replace(/^data\./, ''), fields)] = msg;
      setServerErrors(mapped);
      const first = Object.keys(mapped)[0];
      if (first) window.setTimeout(() => focusField(first), 0);
      return Object.keys(mapped).length > 0;
    },
    [fields],
  );

  /** Everything the error summary lists: after submit, all messages; server messages always. */
  const summary = useMemo(() => ({ ...(submitted ? parsed.errors : {}), ...serverErrors }), [submitted, parsed.errors, serverErrors]);

  return { values, setValues, set, touch, errorOf, validateAll, applyServerError, summary, valid: parsed.ok, submitted };
}

function normaliseKey(key: string, fields: readonly string[]): string {
  let k = key;
  while (!fields.includes(k) && k.includes('.')) k = k.slice(0, k.lastIndexOf('.'));
  return k;
}

function order(key: string, fields: readonly string[]): number {
  const i = fields.indexOf(key);
  return i < 0 ? fields.length : i;
}
