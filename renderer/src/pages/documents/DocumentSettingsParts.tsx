import type { ReactNode } from 'react';

/** Field → message, for the sections' forms. */
export type Errors = Record<string, string | undefined>;

/** Moves focus to a field after React has rendered its message. */
export function focusLater(id: string) {
  window.setTimeout(() => {
    const el = document.getElementById(id) as HTMLInputElement | null;
    el?.focus();
    el?.select?.();
  }, 0);
}

export function SaveButton({ busy, children, testId }: { busy: boolean; children: ReactNode; testId?: string }) {
  return (
    <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy || undefined} data-testid={testId}>
      {busy ? '正在保存…' : children}
    </button>
  );
}
