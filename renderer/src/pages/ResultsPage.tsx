import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { api } from '../api';
import type { ApplicantDetail, ResultsView } from '../../../shared/contract/slices/scoring';
import { CONFLICT_KIND_LABEL } from '../../../shared/rules/panel';
import { RANK_STATUS_LABEL, type RankStatus } from '../../../shared/rules/aggregation';
import { Badge } from '../components/Badge';
import { MemberSignIn, SessionBar } from '../components/MemberSignIn';
import { LoadError, Loading } from '../components/Page';
import { ReviewFrame } from '../components/ReviewNav';
import { ScoringProgress } from '../components/ScoringProgress';
import { asMember, useScoringSession, type ScoringSession } from '../components/scoringSession';
import { MemberTotalsChart, ScoreStripChart, type ChartMember, type StripRow } from '../components/TotalsChart';
import { useLoad } from '../components/useLoad';
import { formatTimestamp } from '../format';
import { Link } from '../router';
import { BASIC_STATE_LOOK } from './BasicChecksPage';

type Applicant = ResultsView['applicants'][number];
type Ranking = ResultsView['rankings'][number];

const fmt = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(2));
const pctOf = (d: number | null) => (d === null ? '' : `${Math.round(Math.abs(d) * 100)}%`);

const RANK_TONE: Record<RankStatus, 'success' | 'warn' | 'neutral' | 'danger'> = { within: 'success', tie_at_line: 'warn', outside: 'neutral', not_ranked: 'neutral' };

/**
 * 评审结果: what keeps deliberation from starting (for anyone), and for the
 * chair, after submitting their own sheet, the ranking per service type, the
 * aggregates, the chart of member totals and the per-criterion breakdown.
 */
export function ResultsPage({ roundId }: { roundId: string }) {
  const { session, minutesLeft } = useScoringSession(roundId);
  const progress = useLoad(() => api['scoring.progress']({ roundId }), [roundId, session?.token]);
  const panel = useLoad(() => api['panel.get']({ roundId }), [roundId]);
  return (
    <ReviewFrame roundId={roundId} section="results" wide lead={(r) => <p>{r.name} · 集体评议前，只有组长在提交本人评分表后可以查看全体成员的评分。</p>}>
      {() => (
        <>
          {progress.error ? <LoadError error={progress.error} onRetry={progress.reload} /> : progress.data ? <ScoringProgress p={progress.data} heading="评分进度与集体评议前待办" /> : <Loading what="评分进度" />}
          {session ? (
            <ChairResults key={session.token} session={session} minutesLeft={minutesLeft} roundId={roundId} />
          ) : panel.data ? (
            <MemberSignIn
              roundId={roundId}
              members={panel.data.members}
              onlyChair
              heading="组长登录查看评审结果"
              intro={<p className="small">组长提交本人评分表后，可在此查看排序、各成员评分及分歧提示。其他成员只能在“评分”页查看自己的评分。</p>}
            />
          ) : panel.error ? (
            <LoadError error={panel.error} onRetry={panel.reload} />
          ) : null}
        </>
      )}
    </ReviewFrame>
  );
}

function ChairResults({ session, minutesLeft, roundId }: { session: ScoringSession; minutesLeft: number | null; roundId: string }) {
  const results = useLoad(() => asMember('scoring.results', {}), [session.token]);
  const [selected, setSelected] = useState<string | null>(null);
  if (results.error) {
    return (
      <>
        <SessionBar session={session} minutesLeft={minutesLeft} />
        <div className="banner banner-warn" role="alert" data-testid="results-refused">
          <p>{results.error instanceof Error ? results.error.message : '不能查看评审结果'}</p>
          <p className="small">
            <Link to={{ name: 'roundReview', roundId, section: 'scoring' }}>到“评分”页</Link>
          </p>
        </div>
      </>
    );
  }
  if (!results.data) return <Loading what="评审结果" />;
  const r = results.data;
  const names = new Map(r.members.map((m) => [m.id, m.name]));
  const sel = r.applicants.find((a) => a.applicationId === selected) ?? null;
  return (
    <div className="results" data-testid="results">
      <SessionBar session={session} minutesLeft={minutesLeft} />
      {!r.allSheetsIn && (
        <div className="banner banner-neutral" role="note">
          <p>尚有成员未提交评分表：以下结果只含已提交的评分，会随提交而变化。</p>
        </div>
      )}
      <Rankings r={r} onPick={setSelected} />
      <Summary r={r} names={names} selected={selected} onPick={setSelected} />
      <section className="panel" aria-labelledby="strip-h">
        <div className="panel-header">
          <h2 id="strip-h">成员总分分布</h2>
          <p className="material-tally">每个点是一名成员给出的总分；按得分由高到低</p>
        </div>
        <ScoreStripChart rows={stripRows(r, names)} maxPoints={r.rubric.totalPoints} />
      </section>
      {sel && <Detail key={sel.applicationId} r={r} a={sel} names={names} />}
    </div>
  );
}

function chartMembers(r: ResultsView, a: Applicant, names: Map<string, string>): ChartMember[] {
  const totals = new Map(a.memberTotals.map((t) => [t.memberId, t.total]));
  const flags = new Map(a.memberFlags.map((f) => [f.memberId, f.direction]));
  const aside = new Set(a.steppedAside.map((s) => s.memberId));
  return r.members
    .filter((m) => totals.has(m.id) || aside.has(m.id))
    .map((m) => ({
      memberId: m.id,
      name: names.get(m.id) ?? m.id,
      total: totals.get(m.id) ?? null,
      flag: flags.get(m.id) ?? null,
      dropped: a.dropped?.highMemberId === m.id ? 'high' : a.dropped?.lowMemberId === m.id ? 'low' : null,
      ...(aside.has(m.id) ? { note: '回避' } : {}),
    }));
}

function stripRows(r: ResultsView, names: Map<string, string>): StripRow[] {
  return [...r.applicants]
    .sort((x, y) => (y.score ?? -1) - (x.score ?? -1))
    .map((a) => ({ applicationId: a.applicationId, label: `${a.applicationNo} ${a.name}`, totals: chartMembers(r, a, names), mean: a.mean, trimmedMean: a.trimmed ? a.trimmedMean : null, score: a.score }));
}

function Rankings({ r, onPick }: { r: ResultsView; onPick: (id: string) => void }) {
  const [tab, setTab] = useState(() => r.rankings.find((k) => k.rows.length > 0)?.serviceType ?? r.rankings[0]?.serviceType);
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const current = r.rankings.find((k) => k.serviceType === tab) ?? r.rankings[0];
  const apps = new Map(r.applicants.map((a) => [a.applicationId, a]));
  const onKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const i = r.rankings.findIndex((k) => k.serviceType === tab);
    const next = r.rankings[(i + (e.key === 'ArrowRight' ? 1 : r.rankings.length - 1)) % r.rankings.length]!;
    setTab(next.serviceType);
    refs.current[next.serviceType]?.focus();
  };
  if (!current) return null;
  return (
    <section className="panel" aria-labelledby="rank-h" data-testid="rankings">
      <div className="panel-header">
        <h2 id="rank-h">排序（按服务类型，对照配置规划名额）</h2>
        <p className="material-tally">
          评分细则第{r.rubric.version}版 · 满分{r.rubric.totalPoints}分 · {r.config.trimEnabled ? `有效评分不少于${r.config.trimMinCount}人时去掉一个最高分和一个最低分` : '取全部成员平均分'}
        </p>
      </div>
      <div className="tabs" role="tablist" aria-label="服务类型">
        {r.rankings.map((k) => (
          <button
            key={k.serviceType}
            ref={(el) => {
              refs.current[k.serviceType] = el;
            }}
            type="button"
            role="tab"
            id={`rt-${k.serviceType}`}
            aria-selected={k.serviceType === current.serviceType}
            aria-controls={`rp-${k.serviceType}`}
            tabIndex={k.serviceType === current.serviceType ? 0 : -1}
            className="tab"
            onClick={() => setTab(k.serviceType)}
            onKeyDown={onKey}
          >
            {k.label}
            <span className="tab-key">
              名额{k.quota} · {k.rows.length}个申请
            </span>
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`rp-${current.serviceType}`} aria-labelledby={`rt-${current.serviceType}`}>
        <RankingTable k={current} apps={apps} onPick={onPick} />
      </div>
    </section>
  );
}

function RankingTable({ k, apps, onPick }: { k: Ranking; apps: Map<string, Applicant>; onPick: (id: string) => void }) {
  return (
    <>
      <p className="rank-quota">
        {k.label}名额 <strong>{k.quota}</strong> 个；名额内 <strong>{k.withinCount}</strong> 个
        {k.tie && (
          <>
            ；并列 <strong>{k.tie.applicationIds.length}</strong> 个争 <strong>{k.tie.seats}</strong> 个名额
          </>
        )}
        。
      </p>
      {k.tie && (
        <div className="banner banner-warn" role="note" data-testid="tie-message">
          <p>
            <strong>并列：</strong>
            {k.tie.message}
          </p>
        </div>
      )}
      {k.rows.length === 0 ? (
        <p className="muted">没有申请该服务类型的申请。</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table rank-table" data-testid={`ranking-${k.serviceType}`}>
            <thead>
              <tr>
                <th scope="col" className="num">
                  名次
                </th>
                <th scope="col">申请编号</th>
                <th scope="col">机构名称</th>
                <th scope="col" className="num">
                  得分
                </th>
                <th scope="col">结果</th>
                <th scope="col">说明</th>
              </tr>
            </thead>
            <tbody>
              {k.rows.map((row, i) => {
                const a = apps.get(row.applicationId);
                const lineAfter = row.status === 'within' && k.rows[i + 1] && k.rows[i + 1]!.status !== 'within';
                return (
                  <tr key={row.applicationId} className={`rank-${row.status}${lineAfter ? ' quota-line' : ''}`} data-testid={`rank-row-${a?.applicationNo}`}>
                    <td className="num">{row.rank ?? '—'}</td>
                    <td className="mono">{a?.applicationNo}</td>
                    <th scope="row" className="wrap">
                      <button type="button" className="link-button plain-link rank-name" onClick={() => onPick(row.applicationId)}>
                        {a?.name}
                      </button>
                    </th>
                    <td className="num">
                      <strong>{fmt(row.score)}</strong>
                    </td>
                    <td>
                      <Badge tone={RANK_TONE[row.status]}>
                        {row.status === 'tie_at_line' ? '⚠ ' : ''}
                        {RANK_STATUS_LABEL[row.status]}
                      </Badge>
                    </td>
                    <td className="wrap small">
                      {row.reason ??
                        (row.tiedWith.length > 0 ? `与${row.tiedWith.map((id) => apps.get(id)?.name ?? id).join('、')}同分，由集体评议决定` : '')}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function droppedText(a: Applicant, names: Map<string, string>): string {
  if (!a.trimmed || !a.dropped) return '';
  const d = a.dropped;
  return `去掉 ${names.get(d.highMemberId)}（最高${d.highTied ? '，有同分' : ''}）、${names.get(d.lowMemberId)}（最低${d.lowTied ? '，有同分' : ''}）`;
}

function Summary({ r, names, selected, onPick }: { r: ResultsView; names: Map<string, string>; selected: string | null; onPick: (id: string) => void }) {
  const criteria = new Map(r.rubric.criteria.map((c) => [c.id, c]));
  const rows = useMemo(() => [...r.applicants].sort((x, y) => (y.score ?? -1) - (x.score ?? -1)), [r.applicants]);
  return (
    <section className="panel" aria-labelledby="sum-h">
      <div className="panel-header">
        <h2 id="sum-h">各申请评分汇总</h2>
        <p className="material-tally">
          分歧提示：总分偏离其他成员平均分超过{Math.round(r.config.deviationShare * 100)}%，或单项分差超过该项分值的{Math.round(r.config.spreadShare * 100)}%（供讨论，不是错误）
        </p>
      </div>
      <div className="table-wrap">
        <table className="data-table summary-table" data-testid="results-summary">
          <thead>
            <tr>
              <th scope="col">申请</th>
              <th scope="col">基础性指标</th>
              <th scope="col" className="num">
                有效评分
              </th>
              <th scope="col" className="num">
                平均分
              </th>
              <th scope="col" className="num">
                去高低平均
              </th>
              <th scope="col" className="num">
                得分
              </th>
              <th scope="col">分歧提示</th>
              <th scope="col">回避</th>
              <th scope="col">明细</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => {
              const flagged = a.memberFlags.length > 0 || a.criterionFlags.length > 0;
              return (
                <tr key={a.applicationId} className={`${flagged ? 'row-flagged' : ''}${selected === a.applicationId ? ' row-selected' : ''}`} data-testid={`summary-${a.applicationNo}`}>
                  <th scope="row" className="wrap">
                    <span className="mono small">{a.applicationNo}</span> {a.name}
                  </th>
                  <td>
                    <Badge tone={BASIC_STATE_LOOK[a.basic].tone}>{BASIC_STATE_LOOK[a.basic].text.replace('基础性指标', '')}</Badge>
                  </td>
                  <td className="num">{a.count} 人</td>
                  <td className="num">{fmt(a.mean)}</td>
                  <td className="num">
                    {a.trimmed ? fmt(a.trimmedMean) : <span className="muted">未去掉</span>}
                    {a.trimmed && <span className="dropped-note">{droppedText(a, names)}</span>}
                  </td>
                  <td className="num">
                    <strong>{fmt(a.score)}</strong>
                    {a.ineligibleReason && <span className="dropped-note">{a.ineligibleReason}</span>}
                  </td>
                  <td className="wrap">
                    {a.memberFlags.map((f) => (
                      <span key={f.memberId} className={`flag-chip flag-${f.direction}${f.explanation ? ' flag-explained' : ''}`} title={f.explanation ?? '尚未说明'}>
                        <span aria-hidden="true">⚑</span> {names.get(f.memberId)} {f.direction === 'high' ? '偏高' : '偏低'}
                        {pctOf(f.deviation)}
                        {f.explanation ? '（已说明）' : '（未说明）'}
                      </span>
                    ))}
                    {a.criterionFlags.map((c) => (
                      <span key={c.criterionId} className="flag-chip flag-spread">
                        “{criteria.get(c.criterionId)?.title}”分差 {c.min}–{c.max}
                      </span>
                    ))}
                    {!flagged && <span className="muted">—</span>}
                  </td>
                  <td className="wrap small">
                    {a.steppedAside.length === 0
                      ? '—'
                      : a.steppedAside.map((s) => `${names.get(s.memberId)}（${s.kind ? CONFLICT_KIND_LABEL[s.kind] : '回避'}${s.note ? `：${s.note}` : ''}）`).join('；')}
                  </td>
                  <td>
                    <button type="button" className="btn btn-small" aria-pressed={selected === a.applicationId} onClick={() => onPick(a.applicationId)} aria-label={`查看${a.name}的评分明细`}>
                      查看
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Detail({ r, a, names }: { r: ResultsView; a: Applicant; names: Map<string, string> }) {
  const detail = useLoad(() => asMember('scoring.applicantDetail', { applicationId: a.applicationId }), [a.applicationId]);
  const ref = useRef<HTMLHeadingElement>(null);
  // Opened from a table row: the reader is taken to it.
  useEffect(() => {
    ref.current?.focus({ preventScroll: true });
    ref.current?.scrollIntoView({ block: 'start' });
  }, []);
  return (
    <section className="panel" aria-labelledby="detail-h" data-testid="applicant-detail">
      <div className="panel-header">
        <h2 id="detail-h" ref={ref} tabIndex={-1}>
          评分明细：<span className="mono">{a.applicationNo}</span> {a.name}
        </h2>
        <p className="material-tally">
          有效评分 {a.count} 人 · 平均 {fmt(a.mean)} · {a.trimmed ? `去高低平均 ${fmt(a.trimmedMean)}` : '未去掉最高最低分'} · 得分 {fmt(a.score)}
        </p>
      </div>
      <MemberTotalsChart title={`${a.name}：各成员总分`} members={chartMembers(r, a, names)} maxPoints={r.rubric.totalPoints} mean={a.mean} trimmedMean={a.trimmed ? a.trimmedMean : null} />
      {a.steppedAside.length > 0 && (
        <p className="small" data-testid="stepped-aside">
          <strong>回避：</strong>
          {a.steppedAside.map((s) => `${names.get(s.memberId)}（${s.kind ? CONFLICT_KIND_LABEL[s.kind] : '回避'}${s.note ? `：${s.note}` : ''}）`).join('；')}
        </p>
      )}
      {detail.error ? <LoadError error={detail.error} onRetry={detail.reload} /> : !detail.data ? <Loading what="评分明细" /> : <Breakdown d={detail.data} names={names} flags={a.memberFlags} />}
    </section>
  );
}

function Breakdown({ d, names, flags }: { d: ApplicantDetail; names: Map<string, string>; flags: Applicant['memberFlags'] }) {
  const totals = new Map(d.memberTotals.map((t) => [t.memberId, t.total]));
  const flagOf = new Map(flags.map((f) => [f.memberId, f]));
  let lastGroup = '';
  return (
    <>
      <div className="table-wrap">
        <table className="data-table breakdown" data-testid="criterion-breakdown">
          <caption>各评分项得分（标 ⚑ 的行成员间分差较大，提示讨论）</caption>
          <thead>
            <tr>
              <th scope="col">评分项</th>
              <th scope="col" className="num">
                分值
              </th>
              {d.members.map((m) => {
                const f = flagOf.get(m.id);
                return (
                  <th key={m.id} scope="col" className={`num${f ? ` th-flag-${f.direction}` : ''}`}>
                    {m.name}
                    {f && <span className="small"> {f.direction === 'high' ? '↑' : '↓'}</span>}
                  </th>
                );
              })}
              <th scope="col" className="num">
                最低
              </th>
              <th scope="col" className="num">
                最高
              </th>
              <th scope="col" className="num">
                平均
              </th>
            </tr>
          </thead>
          <tbody>
            {d.criteria.flatMap((c) => {
              const out = [];
              if (c.groupTitle !== lastGroup) {
                lastGroup = c.groupTitle;
                out.push(
                  <tr key={`g-${c.criterionId}`} className="group-row">
                    <th scope="colgroup" colSpan={d.members.length + 5}>
                      {c.groupTitle}
                    </th>
                  </tr>,
                );
              }
              const by = new Map(c.scores.map((s) => [s.memberId, s]));
              out.push(
                <tr key={c.criterionId} className={c.flagged ? 'row-flagged' : undefined} data-testid={`bd-${c.criterionId}`}>
                  <th scope="row" className="wrap">
                    {c.flagged && (
                      <span className="flag-mark" title="分差较大">
                        ⚑<span className="sr-only">分差较大</span>{' '}
                      </span>
                    )}
                    {c.title}
                  </th>
                  <td className="num">{c.maxPoints}</td>
                  {d.members.map((m) => {
                    const s = by.get(m.id);
                    return (
                      <td key={m.id} className="num bd-cell">
                        {s ? s.points : '—'}
                        {s?.comment && <span className="bd-comment">{s.comment}</span>}
                      </td>
                    );
                  })}
                  <td className="num">{c.min ?? '—'}</td>
                  <td className="num">{c.max ?? '—'}</td>
                  <td className="num">{c.mean ?? '—'}</td>
                </tr>,
              );
              return out;
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">总分</th>
              <td />
              {d.members.map((m) => (
                <td key={m.id} className="num">
                  <strong>{totals.get(m.id) ?? '—'}</strong>
                </td>
              ))}
              <td colSpan={3} />
            </tr>
          </tfoot>
        </table>
      </div>
      {d.explanations.length > 0 && (
        <div className="explanations">
          <h3>评分畸高畸低说明</h3>
          <ul>
            {d.explanations.map((e) => (
              <li key={e.memberId}>
                <strong>{names.get(e.memberId)}</strong>：{e.note}
                <span className="muted small"> · {formatTimestamp(e.at)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
