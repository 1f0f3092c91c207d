import type { ReactNode } from 'react';
import { pinSchema } from '../../../shared/contract/slices/panel';
import { toHalfWidth } from '../format';
import { FieldError, errorId } from './Field';

/** A PIN as typed (full-width digits and spaces allowed), checked: the PIN to send, or the message for the field. */
export function checkPin(typed: string, emptyMessage: string): { value: string; error?: undefined } | { value?: undefined; error: string } {
  const p = pinSchema.safeParse(toHalfWidth(typed).trim());
  if (p.success) return { value: p.data };
  return { error: typed ? 'PIN须为6至12位数字' : emptyMessage };
}

/**
 * A personal PIN input (6 to 12 digits, never shown) with its label, error
 * and hint. `describedBy` names a hint placed elsewhere, read when there is
 * no error.
 */
export function PinField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  describedBy,
  autoComplete = 'off',
  className = 'pin-input',
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  describedBy?: string;
  /** 'new-password' where a PIN is being set */
  autoComplete?: 'off' | 'new-password';
  /** the input's class; '' for a plain input */
  className?: string;
}) {
  const described = [error ? errorId(id) : '', hint ? `${id}-hint` : '', error ? '' : (describedBy ?? '')].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="password"
        inputMode="numeric"
        autoComplete={autoComplete}
        maxLength={12}
        className={className || undefined}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={described || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}
