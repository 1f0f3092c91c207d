import { useId } from 'react';

/**
 * Charts of the members' totals, drawn as plain SVG (no chart library): one
 * per applicant (a bar per member with the mean and the trimmed-mean lines)
 * and an overview strip of every applicant. Flagged and dropped members are
 * marked by colour and by a word, and each chart carries a text description
 * for screen readers.
 */

export interface ChartMember {
  memberId: string;
  name: string;
  /** null: stepped aside (回避) or no valid total */
  total: number | null;
  flag: 'high' | 'low' | null;
  dropped: 'high' | 'low' | null;
  note?: string;
}

const COLOR = { normal: '#1a5fb4', high: '#b42318', low: '#b54708', mean: '#344054', trimmed: '#067647', grid: '#e4e7ec', axis: '#98a2b3', text: '#1d2939', muted: '#5d6b7e' };
const fmt = (x: number) => (Math.round(x * 100) / 100).toString();
const fmt2 = (x: number) => x.toFixed(2);

function flagWord(m: ChartMember): string {
  const parts: string[] = [];
  if (m.flag) parts.push(m.flag === 'high' ? '偏高' : '偏低');
  if (m.dropped) parts.push(m.dropped === 'high' ? '去掉(最高)' : '去掉(最低)');
  return parts.join(' ');
}

export function MemberTotalsChart({
  title,
  members,
  maxPoints,
  mean,
  trimmedMean,
}: {
  title: string;
  members: ChartMember[];
  maxPoints: number;
  mean: number | null;
  trimmedMean: number | null;
}) {
  const uid = useId();
  const n = Math.max(1, members.length);
  const slot = 88;
  const left = 44;
  const right = 132;
  const top = 16;
  const plotH = 190;
  const bottom = 56;
  const W = left + n * slot + right;
  const H = top + plotH + bottom;
  const y = (v: number) => top + plotH - (Math.max(0, Math.min(maxPoints, v)) / maxPoints) * plotH;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(maxPoints * f * 100) / 100);
  const barW = 38;

  const desc = [
    ...members.map((m) => (m.total === null ? `${m.name}：${m.note ?? '无有效评分'}` : `${m.name} ${fmt(m.total)}分${flagWord(m) ? `（${flagWord(m)}）` : ''}`)),
    mean !== null ? `平均 ${fmt(mean)} 分` : '',
    trimmedMean !== null ? `去掉最高最低分后平均 ${fmt(trimmedMean)} 分` : '',
  ]
    .filter(Boolean)
    .join('；');

  // Line labels on the right; pushed apart when the two values are close.
  const meanY = mean !== null ? y(mean) : null;
  const trimY = trimmedMean !== null ? y(trimmedMean) : null;
  let meanLabelY = meanY;
  let trimLabelY = trimY;
  if (meanLabelY !== null && trimLabelY !== null && Math.abs(meanLabelY - trimLabelY) < 14) {
    const mid = (meanLabelY + trimLabelY) / 2;
    const up = (mean ?? 0) >= (trimmedMean ?? 0);
    meanLabelY = mid + (up ? -8 : 8);
    trimLabelY = mid + (up ? 8 : -8);
  }

  return (
    <figure className="chart" data-testid="member-totals-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${uid}-t ${uid}-d`} className="chart-svg" style={{ maxWidth: `${(W / 16) * 1.4}rem` }}>
        <title id={`${uid}-t`}>{title}</title>
        <desc id={`${uid}-d`}>{desc}</desc>
        <defs>
          <pattern id={`${uid}-hatch`} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#ffffff" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#98a2b3" strokeWidth="3" />
          </pattern>
        </defs>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={left} x2={left + n * slot} y1={y(t)} y2={y(t)} stroke={COLOR.grid} />
            <text x={left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill={COLOR.muted}>
              {t}
            </text>
          </g>
        ))}
        <line x1={left} x2={left} y1={top} y2={top + plotH} stroke={COLOR.axis} />
        <line x1={left} x2={left + n * slot} y1={top + plotH} y2={top + plotH} stroke={COLOR.axis} />
        {members.map((m, i) => {
          const cx = left + i * slot + slot / 2;
          const color = m.flag === 'high' ? COLOR.high : m.flag === 'low' ? COLOR.low : COLOR.normal;
          const word = flagWord(m);
          return (
            <g key={m.memberId}>
              {m.total !== null ? (
                <>
                  <rect
                    x={cx - barW / 2}
                    y={y(m.total)}
                    width={barW}
                    height={top + plotH - y(m.total)}
                    fill={m.dropped ? `url(#${uid}-hatch)` : color}
                    stroke={color}
                    strokeWidth={m.dropped ? 2 : 0}
                    strokeDasharray={m.dropped ? '4 2' : undefined}
                  >
                    <title>{`${m.name}：${fmt(m.total)}分${word ? `（${word}）` : ''}`}</title>
                  </rect>
                  <text x={cx} y={y(m.total) - 5} textAnchor="middle" fontSize="12" fontWeight="700" fill={m.flag ? color : COLOR.text}>
                    {fmt(m.total)}
                  </text>
                </>
              ) : (
                <text x={cx} y={top + plotH - 8} textAnchor="middle" fontSize="11" fill={COLOR.muted}>
                  {m.note ?? '—'}
                </text>
              )}
              <text x={cx} y={top + plotH + 18} textAnchor="middle" fontSize="13" fill={COLOR.text}>
                {m.name}
              </text>
              {word && (
                <text x={cx} y={top + plotH + 36} textAnchor="middle" fontSize="11" fontWeight="700" fill={m.flag ? color : COLOR.muted}>
                  {m.flag === 'high' ? '↑' : m.flag === 'low' ? '↓' : ''}
                  {word}
                </text>
              )}
            </g>
          );
        })}
        {meanY !== null && mean !== null && (
          <g>
            <line x1={left} x2={left + n * slot + 6} y1={meanY} y2={meanY} stroke={COLOR.mean} strokeWidth="2" strokeDasharray="6 4" />
            <text x={left + n * slot + 10} y={(meanLabelY ?? meanY) + 4} fontSize="12" fill={COLOR.mean}>
              平均 {fmt2(mean)}
            </text>
          </g>
        )}
        {trimY !== null && trimmedMean !== null && (
          <g>
            <line x1={left} x2={left + n * slot + 6} y1={trimY} y2={trimY} stroke={COLOR.trimmed} strokeWidth="2.5" />
            <text x={left + n * slot + 10} y={(trimLabelY ?? trimY) + 4} fontSize="12" fontWeight="700" fill={COLOR.trimmed}>
              去高低 {fmt2(trimmedMean)}
            </text>
          </g>
        )}
      </svg>
      <figcaption className="chart-legend">
        <span>
          <span className="legend-swatch" style={{ background: COLOR.normal }} aria-hidden="true" /> 成员总分
        </span>
        <span>
          <span className="legend-swatch" style={{ background: COLOR.high }} aria-hidden="true" /> ↑偏高
        </span>
        <span>
          <span className="legend-swatch" style={{ background: COLOR.low }} aria-hidden="true" /> ↓偏低
        </span>
        <span>
          <span className="legend-swatch legend-hatch" aria-hidden="true" /> 去掉的最高/最低分
        </span>
        <span>
          <span className="legend-line legend-dashed" aria-hidden="true" /> 平均分
        </span>
        <span>
          <span className="legend-line legend-solid" aria-hidden="true" /> 去掉最高最低分后平均
        </span>
      </figcaption>
    </figure>
  );
}

export interface StripRow {
  applicationId: string;
  label: string;
  totals: ChartMember[];
  mean: number | null;
  trimmedMean: number | null;
  score: number | null;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Every applicant on one scale: a dot per member, the mean tick and the trimmed-mean diamond. */
export function ScoreStripChart({ rows, maxPoints, limit = 60 }: { rows: StripRow[]; maxPoints: number; limit?: number }) {
  const uid = useId();
  const shown = rows.slice(0, limit);
  const left = 300;
  const plotW = 560;
  const right = 70;
  const rowH = 30;
  const top = 28;
  const W = left + plotW + right;
  const H = top + shown.length * rowH + 8;
  const x = (v: number) => left + (Math.max(0, Math.min(maxPoints, v)) / maxPoints) * plotW;
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1].map((f) => Math.round(maxPoints * f * 100) / 100);
  const desc = shown
    .map((r) => `${r.label}：${r.totals.filter((t) => t.total !== null).map((t) => `${t.name}${fmt(t.total!)}`).join('、') || '无有效评分'}${r.score !== null ? `，得分${fmt(r.score)}` : ''}`)
    .join('；');
  return (
    <figure className="chart" data-testid="strip-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${uid}-t ${uid}-d`} className="chart-svg" style={{ maxWidth: `${(W / 16) * 1.25}rem` }}>
        <title id={`${uid}-t`}>各申请成员总分分布</title>
        <desc id={`${uid}-d`}>{desc}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={x(t)} x2={x(t)} y1={top - 6} y2={H - 6} stroke={COLOR.grid} />
            <text x={x(t)} y={top - 10} textAnchor="middle" fontSize="11" fill={COLOR.muted}>
              {t}
            </text>
          </g>
        ))}
        {shown.map((r, i) => {
          const cy = top + i * rowH + rowH / 2;
          return (
            <g key={r.applicationId}>
              {i % 2 === 1 && <rect x={0} y={cy - rowH / 2} width={W} height={rowH} fill="#f6f8fb" />}
              <text x={left - 10} y={cy + 4} textAnchor="end" fontSize="12" fill={COLOR.text}>
                {clip(r.label, 24)}
              </text>
              <line x1={left} x2={left + plotW} y1={cy} y2={cy} stroke={COLOR.grid} />
              {r.mean !== null && <line x1={x(r.mean)} x2={x(r.mean)} y1={cy - 10} y2={cy + 10} stroke={COLOR.mean} strokeWidth="2" />}
              {r.totals.map((t) =>
                t.total === null ? null : (
                  <circle
                    key={t.memberId}
                    cx={x(t.total)}
                    cy={cy}
                    r={5.5}
                    fill={t.dropped ? '#ffffff' : t.flag === 'high' ? COLOR.high : t.flag === 'low' ? COLOR.low : COLOR.normal}
                    stroke={t.flag === 'high' ? COLOR.high : t.flag === 'low' ? COLOR.low : COLOR.normal}
                    strokeWidth={2}
                    fillOpacity={0.85}
                  >
                    <title>{`${t.name}：${fmt(t.total)}分${flagWord(t) ? `（${flagWord(t)}）` : ''}`}</title>
                  </circle>
                ),
              )}
              {r.trimmedMean !== null && (
                <path d={`M ${x(r.trimmedMean)} ${cy - 7} l 6 7 l -6 7 l -6 -7 z`} fill={COLOR.trimmed}>
                  <title>{`去掉最高最低分后平均 ${fmt(r.trimmedMean)}`}</title>
                </path>
              )}
              <text x={left + plotW + 10} y={cy + 4} fontSize="12" fontWeight="700" fill={COLOR.text}>
                {r.score !== null ? fmt(r.score) : '—'}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="chart-legend">
        <span>
          <span className="legend-dot" style={{ background: COLOR.normal }} aria-hidden="true" /> 成员总分
        </span>
        <span>
          <span className="legend-dot" style={{ background: COLOR.high }} aria-hidden="true" /> 偏高
        </span>
        <span>
          <span className="legend-dot" style={{ background: COLOR.low }} aria-hidden="true" /> 偏低
        </span>
        <span>
          <span className="legend-dot legend-hollow" aria-hidden="true" /> 去掉的最高/最低分
        </span>
        <span>
          <span className="legend-tick" aria-hidden="true" /> 平均分
        </span>
        <span>
          <span className="legend-diamond" aria-hidden="true" /> 去掉最高最低分后平均
        </span>
        <span className="muted">右侧数字为得分{rows.length > limit ? `；仅显示前${limit}个申请` : ''}</span>
      </figcaption>
    </figure>
  );
}
