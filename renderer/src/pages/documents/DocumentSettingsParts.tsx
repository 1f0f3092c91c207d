import type { FormEvent, ReactNode } from 'react';

/**
 * A section's form: checked by the section itself (noValidate), submitted
 * with Enter or its button, with the refusal that belongs to no field shown
 * in a banner at its top (after the heading, when it has one).
 */
export function SectionForm({
  onSubmit,
  banner,
  heading,
  className,
  labelledBy,
  testId,
  children,
}: {
  onSubmit: () => void | Promise<void>;
  banner?: string | null;
  heading?: ReactNode;
  className?: string;
  labelledBy?: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <form
      className={className}
      noValidate
      aria-labelledby={labelledBy}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void onSubmit();
      }}
      data-testid={testId}
    >
      {heading}
      {banner && (
        <div className="banner banner-error" role="alert">
          <p>{banner}</p>
        </div>
      )}
      {children}
    </form>
  );
}

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
