import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api';

type ToastKind = 'error' | 'success' | 'info';
interface ToastItem {
  id: number;
  kind: ToastKind;
  message: string;
}

interface ToastApi {
  error(message: string): void;
  success(message: string): void;
  info(message: string): void;
  /** Shows a thrown error's Chinese message (ApiError) or a generic one. */
  fromError(e: unknown): void;
  clear(): void;
}

const ToastContext = createContext<ToastApi | null>(null);

export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error && /[\u4e00-\u9fff]/.test(e.message)) return e.message;
  return '操作失败，数据未作修改。请重试或联系技术支持';
}

/**
 * Messages for the clerk. Errors stay until closed (role="alert", read out at
 * once); confirmations go away by themselves (role="status").
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const next = useRef(1);

  const remove = useCallback((id: number) => setItems((xs) => xs.filter((x) => x.id !== id)), []);
  const push = useCallback(
    (kind: ToastKind, message: string) => {
      const id = next.current++;
      // The same error twice in a row is shown once.
      // A success after an error means the clerk has dealt with it: the old error goes.
      setItems((xs) => [...xs.filter((x) => !(x.kind === kind && x.message === message) && !(kind === 'success' && x.kind === 'error')), { id, kind, message }].slice(-4));
      if (kind !== 'error') window.setTimeout(() => remove(id), 5000);
    },
    [remove],
  );

  const api = useMemo<ToastApi>(
    () => ({
      error: (m) => push('error', m),
      success: (m) => push('success', m),
      info: (m) => push('info', m),
      fromError: (e) => push('error', errorMessage(e)),
      clear: () => setItems([]),
    }),
    [push],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="toasts" aria-label="消息">
        {items.map((t) => (
          <div key={t.id} className={`toast toast-${t.kind}`} role={t.kind === 'error' ? 'alert' : 'status'} data-testid={`toast-${t.kind}`}>
            <span className="toast-text">{t.message}</span>
            <button type="button" className="toast-close" onClick={() => remove(t.id)} aria-label="关闭消息">
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const ctx = useContext(ToastContext);
  if (!ctx) throw new Error('useToast outside ToastProvider');
  return ctx;
}
