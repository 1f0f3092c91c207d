import type { NoticeView } from '../../../shared/contract/slices/publicNotice';
import { weekdayOf } from '../format';

type Period = NoticeView['period'];
type DayKind = Period['days'][number]['kind'];

/** What each kind of day is called on the strip, in its legend and in its accessible label. */
export const DAY_KIND_LABEL: Record<DayKind, string> = {
  working: '工作日',
  makeup: '调休上班',
  weekend: '周末休息',
  holiday: '法定节假日',
};
const LEGEND_HINT: Record<DayKind, string> = {
  working: '计入公示期',
  makeup: '周末调休上班，计入公示期',
  weekend: '不计入',
  holiday: '不计入',
};
const KINDS: readonly DayKind[] = ['working', 'makeup', 'weekend', 'holiday'];

/** '2025-10-01' → '10月1日' */
export function monthDay(iso: string): string {
  const [, m = '', d = ''] = iso.split('-');
  return `${Number(m)}月${Number(d)}日`;
}

/** A day's accessible name: '10月1日 法定节假日', '9月28日 调休上班，第1个工作日'. */
export function dayLabel(date: string, kind: DayKind, ordinal: number | null, last: boolean): string {
  return `${monthDay(date)} ${DAY_KIND_LABEL[kind]}${ordinal !== null ? `，第${ordinal}个工作日` : ''}${last ? '，公示期最后一日' : ''}`;
}

/**
 * The days of a 公示 period, one cell each, coloured by kind (working day,
 * make-up working day 调休上班, weekend, statutory holiday), starting with the
 * publication day (not counted) and numbering the working days that count.
 * Wraps onto more lines in large-font mode.
 */
export function NoticeDayStrip({ period, testId = 'day-strip' }: { period: Period; testId?: string }) {
  let count = 0;
  const cells = period.days.map((d, i) => {
    const counted = d.kind === 'working' || d.kind === 'makeup';
    if (counted) count += 1;
    const prev = i === 0 ? period.startOn : period.days[i - 1]!.date;
    return { ...d, ordinal: counted ? count : null, newMonth: prev.slice(0, 7) !== d.date.slice(0, 7), last: i === period.days.length - 1 };
  });
  const startLabel = `${monthDay(period.startOn)} 公示发布日（不计入公示期）`;
  const present = new Set(period.days.map((d) => d.kind));
  return (
    <figure className="pn-strip" data-testid={testId}>
      <figcaption className="pn-strip-caption">
        公示期逐日：发布日次日起算，{period.workingDays}个工作日
        {period.end.provisional && <span className="warn-text">（跨入节假日安排尚未公布的年份，按周一至周五暂计，结束日期待定）</span>}
      </figcaption>
      <ol className="pn-days" aria-label="公示期逐日">
        <li className="pn-day pn-day-start" data-date={period.startOn} data-kind="start" title={startLabel} aria-label={startLabel}>
          <span className="pn-day-month" aria-hidden="true">
            {Number(period.startOn.slice(5, 7))}月
          </span>
          <span className="pn-day-num" aria-hidden="true">
            {Number(period.startOn.slice(8, 10))}
          </span>
          <span className="pn-day-week" aria-hidden="true">
            {weekdayOf(period.startOn).slice(2)}
          </span>
          <span className="pn-day-tag" aria-hidden="true">
            发布
          </span>
        </li>
        {cells.map((c) => {
          const label = dayLabel(c.date, c.kind, c.ordinal, c.last);
          return (
            <li
              key={c.date}
              className={`pn-day pn-day-${c.kind}${c.last ? ' pn-day-last' : ''}`}
              data-date={c.date}
              data-kind={c.kind}
              title={label}
              aria-label={label}
            >
              <span className="pn-day-month" aria-hidden="true">
                {c.newMonth ? `${Number(c.date.slice(5, 7))}月` : '\u00a0'}
              </span>
              <span className="pn-day-num" aria-hidden="true">
                {Number(c.date.slice(8, 10))}
              </span>
              <span className="pn-day-week" aria-hidden="true">
                {weekdayOf(c.date).slice(2)}
              </span>
              <span className="pn-day-tag" aria-hidden="true">
                {c.ordinal !== null ? (c.kind === 'makeup' ? `班${c.ordinal}` : `第${c.ordinal}`) : c.kind === 'holiday' ? '假' : '休'}
                {c.last && '·止'}
              </span>
            </li>
          );
        })}
      </ol>
      <ul className="pn-legend" aria-label="图例">
        <li>
          <span className="pn-swatch pn-day-start" aria-hidden="true" />
          公示发布日（不计入）
        </li>
        {KINDS.map((k) => (
          <li key={k} className={present.has(k) ? undefined : 'pn-legend-absent'}>
            <span className={`pn-swatch pn-day-${k}`} aria-hidden="true" />
            {DAY_KIND_LABEL[k]}
            <span className="muted small">（{LEGEND_HINT[k]}）</span>
          </li>
        ))}
        <li>
          <span className="pn-swatch pn-day-working pn-day-last" aria-hidden="true" />
          公示期最后一日（止）
        </li>
      </ul>
    </figure>
  );
}
