import { useEffect, useId, useRef, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons; rendered inside the form so Enter submits. */
  footer: ReactNode;
  /** When given, the body is a form and Enter submits it. */
  onSubmit?: () => void;
  /** Wider dialog for lists (e.g. reasons with citations). */
  wide?: boolean;
  testId?: string;
  /** id of the element to focus on close when the one that opened the dialog is gone or disabled */
  returnFocusTo?: string;
}

/**
 * A modal dialog on the native <dialog> (the page behind is inert). Esc
 * closes it, Tab and Shift+Tab cycle inside it, focus returns to where it was.
 * Render it only while open.
 */
export function Dialog({ title, onClose, children, footer, onSubmit, wide, testId, returnFocusTo }: DialogProps) {
  const returnRef = useRef(returnFocusTo);
  returnRef.current = returnFocusTo;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    const before = document.activeElement as HTMLElement | null;
    if (!d.open) d.showModal();
    // First field, else the first button that is not "取消".
    const first =
      d.querySelector<HTMLElement>('[data-autofocus]') ??
      d.querySelector<HTMLElement>('input:not([disabled]), select:not([disabled]), textarea:not([disabled])') ??
      d.querySelector<HTMLElement>('.dialog-footer .btn-primary:not([disabled])') ??
      d.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      onCloseRef.current();
    };
    d.addEventListener('cancel', onCancel);
    return () => {
      d.removeEventListener('cancel', onCancel);
      if (d.open) d.close();
      // After the action the opener may have gone (e.g. the notice replaced its button): wait a frame for the new screen.
      window.setTimeout(() => {
        if (document.activeElement && document.activeElement !== document.body) return;
        if (before && before.isConnected && !(before as HTMLButtonElement).disabled) before.focus();
        else if (returnRef.current) document.getElementById(returnRef.current)?.focus();
      }, 0);
    };
  }, []);

  const trap = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onCloseRef.current();
      return;
    }
    if (e.key !== 'Tab' || !ref.current) return;
    const items = [...ref.current.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
    if (items.length === 0) return;
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  const body = (
    <>
      <div className="dialog-body">{children}</div>
      <div className="dialog-footer">{footer}</div>
    </>
  );

  return (
    <dialog ref={ref} className={`dialog${wide ? ' dialog-wide' : ''}`} aria-labelledby={titleId} onKeyDown={trap} data-testid={testId}>
      <div className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="dialog-x" onClick={onClose} aria-label="关闭对话框（Esc）">
          ×
        </button>
      </div>
      {onSubmit ? (
        <form
          noValidate
          onSubmit={(e: FormEvent) => {
            e.preventDefault();
            onSubmit();
          }}
        >
          {body}
        </form>
      ) : (
        body
      )}
    </dialog>
  );
}

interface ConfirmProps {
  returnFocusTo?: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
  busy?: boolean;
  danger?: boolean;
}

/** Yes/no question before an action that cannot be undone. */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onClose, busy, danger, returnFocusTo }: ConfirmProps) {
  return (
    <Dialog
      returnFocusTo={returnFocusTo}
      title={title}
      onClose={onClose}
      onSubmit={onConfirm}
      footer={<DialogActions label={confirmLabel} busy={busy} danger={danger} autoFocus={danger ? 'cancel' : 'submit'} onCancel={onClose} />}
    >
      {children}
    </Dialog>
  );
}

/**
 * The footer of a form dialog: the submit button (another label while busy)
 * and 取消. `autoFocus` names the button focused on open, where the dialog
 * has no field to focus first.
 */
export function DialogActions({
  label,
  busyLabel = '处理中…',
  busy,
  disabled,
  danger,
  autoFocus,
  onCancel,
}: {
  label: string;
  busyLabel?: string;
  busy?: boolean | undefined;
  disabled?: boolean;
  danger?: boolean | undefined;
  autoFocus?: 'submit' | 'cancel';
  onCancel: () => void;
}) {
  return (
    <>
      <button type="submit" className={danger ? 'btn btn-danger' : 'btn btn-primary'} disabled={busy || disabled} data-autofocus={autoFocus === 'submit' ? '' : undefined}>
        {busy ? busyLabel : label}
      </button>
      <button type="button" className="btn" onClick={onCancel} data-autofocus={autoFocus === 'cancel' ? '' : undefined}>
        取消
      </button>
    </>
  );
}
