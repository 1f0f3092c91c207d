import { useEffect, useRef, type ReactNode } from 'react';
import { Link, type Route } from '../router';
import { errorMessage } from './Toast';

export const APP_TITLE = '长护服务机构定点审核';

/**
 * A screen's heading. On mount it sets the window title and takes focus, so
 * after navigating a keyboard or screen-reader user starts at the new screen.
 */
export function PageHeading({ title, children, actions }: { title: string; children?: ReactNode; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} - ${APP_TITLE}`;
  }, [title]);
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="page-heading">
      <div className="page-heading-text">
        <h1 ref={ref} tabIndex={-1}>
          {title}
        </h1>
        {children}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

export interface Crumb {
  label: string;
  to?: Route;
}

export function Breadcrumbs({ items }: { items: Crumb[] }) {
  return (
    <nav className="breadcrumbs" aria-label="当前位置">
      <ol>
        {items.map((c, i) => (
          <li key={i}>
            {c.to && i < items.length - 1 ? <Link to={c.to}>{c.label}</Link> : <span aria-current={i === items.length - 1 ? 'page' : undefined}>{c.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function Loading({ what = '数据' }: { what?: string }) {
  return (
    <p className="loading" role="status">
      正在读取{what}…
    </p>
  );
}

/** A screen whose data could not be read. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div className="banner banner-error" role="alert">
      <p>{errorMessage(error)}</p>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          重试
        </button>
      )}
    </div>
  );
}

/** Shortcut hint shown inside a button: 新建批次 (Alt+N). */
export function Kbd({ children }: { children: ReactNode }) {
  return <kbd className="kbd">{children}</kbd>;
}
