import { useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: ReactNode;
  /** plain-text header for the sort button's accessible name */
  headerText: string;
  render: (row: T) => ReactNode;
  /** makes the column sortable */
  sortValue?: (row: T) => string | number | null;
  className?: string;
}

interface TableProps<T> {
  caption: ReactNode;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  /** opening a row: click, or Enter on the focused row */
  onOpen?: (row: T) => void;
  /** accessible name of a row for the "open" action, e.g. the application number and name */
  rowLabel?: (row: T) => string;
  initialSort?: { key: string; dir: 'asc' | 'desc' };
  empty: ReactNode;
  /** the caption is for screen readers only */
  captionHidden?: boolean;
  testId?: string;
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

/**
 * A dense data table: headers sort (aria-sort), one row is in the Tab order
 * and ↑ ↓ Home End move between rows, Enter opens a row.
 */
export function DataTable<T>({ caption, columns, rows, rowKey, onOpen, rowLabel, initialSort, empty, captionHidden, testId }: TableProps<T>) {
  const [sort, setSort] = useState(initialSort ?? null);
  const [active, setActive] = useState(0);
  const body = useRef<HTMLTableSectionElement>(null);

  const sorted = useMemo(() => {
    const col = sort && columns.find((c) => c.key === sort.key);
    if (!col?.sortValue) return rows;
    const get = col.sortValue;
    const out = [...rows].sort((a, b) => {
      const x = get(a);
      const y = get(b);
      if (x === y) return 0;
      if (x === null) return 1; // blanks last in either direction
      if (y === null) return -1;
      const c = typeof x === 'number' && typeof y === 'number' ? x - y : collator.compare(String(x), String(y));
      return sort!.dir === 'asc' ? c : -c;
    });
    return out;
  }, [rows, columns, sort]);

  const activeIndex = Math.min(active, Math.max(0, sorted.length - 1));

  const focusRow = (i: number) => {
    const n = Math.max(0, Math.min(sorted.length - 1, i));
    setActive(n);
    body.current?.querySelectorAll<HTMLTableRowElement>('tr')[n]?.focus();
  };

  const onKey = (e: KeyboardEvent<HTMLTableRowElement>, i: number, row: T) => {
    if (e.target !== e.currentTarget) return;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        focusRow(i + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        focusRow(i - 1);
        break;
      case 'Home':
        e.preventDefault();
        focusRow(0);
        break;
      case 'End':
        e.preventDefault();
        focusRow(sorted.length - 1);
        break;
      case 'Enter':
      case ' ':
        if (onOpen) {
          e.preventDefault();
          onOpen(row);
        }
        break;
    }
  };

  const toggleSort = (key: string) => {
    setSort((s) => (s?.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' }));
  };

  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        <caption className={captionHidden ? 'sr-only' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => {
              const dir = sort?.key === c.key ? sort.dir : null;
              return (
                <th key={c.key} scope="col" className={c.className} aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : c.sortValue ? 'none' : undefined}>
                  {c.sortValue ? (
                    <button type="button" className="sort-button" onClick={() => toggleSort(c.key)} title={`按${c.headerText}排序`}>
                      {c.header}
                      <span className="sort-mark" aria-hidden="true">
                        {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '↕'}
                      </span>
                    </button>
                  ) : (
                    c.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody ref={body}>
          {sorted.length === 0 ? (
            <tr className="empty-row">
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : (
            sorted.map((row, i) => (
              <tr
                key={rowKey(row)}
                tabIndex={i === activeIndex ? 0 : -1}
                aria-label={rowLabel?.(row)}
                className={onOpen ? 'clickable' : undefined}
                onFocus={() => setActive(i)}
                onKeyDown={(e) => onKey(e, i, row)}
                onClick={(e) => {
                  if ((e.target as HTMLElement).closest('a, button, input')) return;
                  onOpen?.(row);
                }}
              >
                {columns.map((c) => (
                  <td key={c.key} className={c.className}>
                    {c.render(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
