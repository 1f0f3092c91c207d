import { useEffect, useState, type ReactNode } from 'react';
import { api } from '../api';
import { FieldError, errorId } from './Field';
import { useToast } from './Toast';
import '../offline.css';

/**
 * A file path (issue 5: packages, keys and score sheets travel on USB sticks).
 * The text box is always there and always usable — in the browser host it is
 * the only way to give a path. In the desktop app a 浏览… button opens the
 * native open/save dialog (system.pickPath); it appears once a first call
 * (a probe, which shows no dialog) says dialogs are available.
 */

export interface FileFilter {
  name: string;
  extensions: string[];
}

export const JSON_FILTERS: FileFilter[] = [
  { name: 'JSON 文件', extensions: ['json'] },
  { name: '所有文件', extensions: ['*'] },
];

let availability: Promise<boolean> | null = null;

function dialogsAvailable(): Promise<boolean> {
  availability ??= api['system.pickPath']({ mode: 'open', title: '浏览', probe: true }).then(
    (r) => r.available,
    () => false,
  );
  return availability;
}

/** Whether native file dialogs are available here (false until the probe answers). */
export function useFileDialogs(): boolean {
  const [on, setOn] = useState(false);
  useEffect(() => {
    let live = true;
    void dialogsAvailable().then((v) => {
      if (live) setOn(v);
    });
    return () => {
      live = false;
    };
  }, []);
  return on;
}

/** The paths of a several-files field: one per line, blanks dropped. */
export function pathLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}

interface PathFieldProps {
  id: string;
  label: ReactNode;
  /** open an existing file, or choose where to save one */
  mode: 'open' | 'save';
  value: string;
  onChange: (value: string) => void;
  /** the native dialog's title */
  dialogTitle: string;
  /** save: the file name the dialog offers */
  defaultName?: string;
  filters?: FileFilter[];
  /** several files, one per line (open only) */
  multi?: boolean;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
  placeholder?: string;
  onEnter?: () => void;
}

export function PathField({ id, label, mode, value, onChange, dialogTitle, defaultName, filters, multi, error, hint, required, placeholder, onEnter }: PathFieldProps) {
  const available = useFileDialogs();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const hintId = `${id}-hint`;
  const describedBy = [error ? errorId(id) : '', hint ? hintId : ''].filter(Boolean).join(' ') || undefined;

  const browse = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const r = await api['system.pickPath']({
        mode,
        title: dialogTitle,
        ...(defaultName ? { defaultName } : {}),
        ...(filters ? { filters } : {}),
        ...(multi ? { multi: true } : {}),
      });
      if (r.paths.length > 0) {
        if (multi) {
          const have = pathLines(value);
          onChange([...have, ...r.paths.filter((p) => !have.includes(p))].join('\n'));
        } else {
          onChange(r.paths[0]!);
        }
      }
    } catch (e) {
      toast.fromError(e);
    } finally {
      setBusy(false);
      document.getElementById(id)?.focus();
    }
  };

  const common = {
    id,
    name: id,
    value,
    spellCheck: false,
    autoComplete: 'off',
    placeholder,
    'aria-invalid': error ? true : undefined,
    'aria-required': required || undefined,
    'aria-describedby': describedBy,
  } as const;

  return (
    <div className={`field path-field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="req" aria-hidden="true">
            *
          </span>
        )}
      </label>
      <div className="path-row">
        {multi ? (
          <textarea {...common} rows={3} className="mono path-input" onChange={(e) => onChange(e.target.value)} />
        ) : (
          <input
            {...common}
            type="text"
            className="mono path-input"
            onChange={(e) => onChange(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && onEnter) {
                e.preventDefault();
                onEnter();
              }
            }}
          />
        )}
        {available && (
          <button type="button" className="btn path-browse" onClick={() => void browse()} disabled={busy} title={dialogTitle}>
            浏览…
          </button>
        )}
      </div>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}
