import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { api, ApiError } from '../api';
import { pinSchema } from '../../../shared/contract/slices/panel';
import type { EntryView, SheetView } from '../../../shared/contract/slices/scoring';
import { SERVICE_TYPES, SERVICE_TYPE_LABEL } from '../../../shared/domain/enums';
import { flatCriteria, scoreProblem, type Criterion } from '../../../shared/rubric/rubric';
import { Badge } from '../components/Badge';
import { Dialog } from '../components/Dialog';
import { FieldError, TextAreaField, errorId } from '../components/Field';
import { MemberSignIn, SessionBar } from '../components/MemberSignIn';
import { OfflineSignIn, PackageApplicantInfo, SheetExportAction, usePackageInfo } from '../components/OfflineScoring';
import type { PackageInfo } from '../../../shared/contract/slices/offline';
import { Kbd, LoadError, Loading } from '../components/Page';
import { ReviewFrame } from '../components/ReviewNav';
import { Bar, ScoringProgress } from '../components/ScoringProgress';
import { Citation } from '../components/RuleState';
import { asMember, useScoringSession, type ScoringSession } from '../components/scoringSession';
import { errorMessage, useToast } from '../components/Toast';
import { useHotkey } from '../components/useHotkey';
import { useLoad } from '../components/useLoad';
import { formatTimestamp, toHalfWidth } from '../format';
import { Link } from '../router';

type SheetApplicant = SheetView['applicants'][number];

/** 评分: a member signs in with their PIN and fills in their own sheet. */
export function ScoringPage({ roundId }: { roundId: string }) {
  const { session, minutesLeft } = useScoringSession(roundId);
  const panel = useLoad(() => api['panel.get']({ roundId }), [roundId]);
  const progress = useLoad(() => api['scoring.progress']({ roundId }), [roundId, session?.token]);
  // a round imported from a package (member's laptop, issue 5): key passphrase sign-in, 导出签名评分表
  const pkg = usePackageInfo(roundId);
  return (
    <ReviewFrame
      roundId={roundId}
      section="scoring"
      wide
      lead={(r) => <p>{r.name} · 成员各自独立评分：提交评分表之前，只能看到自己的评分；组长在提交本人评分表后可查看全体成员的评分。</p>}
    >
      {(r) =>
        session && !pkg.known ? (
          <Loading what="评分表" />
        ) : session ? (
          <Sheet key={session.token} roundId={roundId} session={session} minutesLeft={minutesLeft} editable={r.status === 'open'} offline={pkg.info} />
        ) : panel.error ? (
          <LoadError error={panel.error} onRetry={panel.reload} />
        ) : !panel.data || !pkg.known ? (
          <Loading what="审核小组" />
        ) : (
          <>
            {pkg.info ? <OfflineSignIn roundId={roundId} info={pkg.info} /> : <MemberSignIn roundId={roundId} members={panel.data.members} heading="评分成员登录" />}
            {progress.data && <ScoringProgress p={progress.data} />}
          </>
        )
      }
    </ReviewFrame>
  );
}

const APPLICANT_STATE: Record<SheetApplicant['state'], { text: string; tone: 'info' | 'neutral' | 'warn' | 'success' | 'danger' }> = {
  to_score: { text: '待评', tone: 'info' },
  stepped_aside: { text: '已回避', tone: 'neutral' },
  flag_pending: { text: '待确认回避', tone: 'warn' },
  not_required: { text: '无需评分', tone: 'neutral' },
};

function applicantBadge(a: SheetApplicant, criteria: number) {
  if (a.state === 'to_score' || a.state === 'not_required') {
    if (a.complete) return <Badge tone="success">已评 {a.total}分</Badge>;
    if (a.scored > 0) return <Badge tone="warn">已评 {a.scored}/{criteria} 项</Badge>;
  }
  const s = APPLICANT_STATE[a.state];
  return <Badge tone={s.tone}>{s.text}</Badge>;
}

function flagText(f: NonNullable<SheetApplicant['flag']>): string {
  const pct = f.deviation === null ? '' : ` ${Math.round(Math.abs(f.deviation) * 100)}%`;
  return `${f.direction === 'high' ? '偏高' : '偏低'}${pct}`;
}

function Sheet({ roundId, session, minutesLeft, editable, offline }: { roundId: string; session: ScoringSession; minutesLeft: number | null; editable: boolean; offline?: PackageInfo | null }) {
  const toast = useToast();
  const sheet = useLoad(() => asMember('scoring.sheet', {}), [session.token]);
  const latest = useRef<SheetView | undefined>(undefined);
  latest.current = sheet.data;
  const [current, setCurrent] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // After the last applicant: focus goes to 提交评分表 once the fresh sheet has enabled it.
  const [focusSubmit, setFocusSubmit] = useState(0);
  useEffect(() => {
    if (focusSubmit > 0) document.getElementById('submit-sheet')?.focus();
  }, [focusSubmit, sheet.data]);

  // First open: the first applicant still to score.
  useEffect(() => {
    if (!sheet.data || current) return;
    const first = sheet.data.applicants.find((a) => a.state === 'to_score' && !a.complete) ?? sheet.data.applicants[0];
    if (first) setCurrent(first.applicationId);
  }, [sheet.data, current]);

  const entry = useLoad(() => (current ? asMember('scoring.entry', { applicationId: current }) : Promise.resolve(null)), [current, session.token]);

  const refreshSheet = async () => {
    const s = await asMember('scoring.sheet', {});
    sheet.setData(s);
    latest.current = s;
    return s;
  };

  const go = (target: 'next' | 'prev' | 'nextUnscored') => {
    const s = latest.current;
    if (!s || s.applicants.length === 0) return;
    const list = s.applicants;
    const i = Math.max(0, list.findIndex((a) => a.applicationId === current));
    if (target === 'nextUnscored') {
      for (let k = 1; k <= list.length; k++) {
        const a = list[(i + k) % list.length]!;
        if (a.state === 'to_score' && !a.complete) return setCurrent(a.applicationId);
      }
      toast.success(offline ? '全部申请已评完，可以导出签名评分表' : s.canSubmit ? '全部申请已评完，可以提交评分表' : '没有待评的申请了');
      setFocusSubmit((n) => n + 1);
      return;
    }
    const j = target === 'next' ? Math.min(list.length - 1, i + 1) : Math.max(0, i - 1);
    if (j !== i) setCurrent(list[j]!.applicationId);
  };

  if (sheet.error) {
    return (
      <>
        <SessionBar session={session} minutesLeft={minutesLeft} />
        <LoadError error={sheet.error} onRetry={sheet.reload} />
      </>
    );
  }
  if (!sheet.data) return <Loading what="评分表" />;
  const s = sheet.data;
  const criteria = flatCriteria(s.rubric);
  const selected = s.applicants.find((a) => a.applicationId === current);

  return (
    <div className="scoring" data-testid="scoring-sheet">
      <SessionBar
        session={session}
        minutesLeft={minutesLeft}
        extra={
          s.status === 'submitted' && session.role === 'chair' ? (
            <Link to={{ name: 'roundReview', roundId, section: 'results' }} className="btn btn-small">
              查看评审结果 <Kbd>Alt+J</Kbd>
            </Link>
          ) : undefined
        }
      />
      <div className="sheet-summary">
        <div className="sheet-summary-main">
          <h2 className="sheet-title">
            {s.member.name}的评分表
            {s.status === 'submitted' ? (
              <Badge tone="success">已提交 {formatTimestamp(s.submittedAt)}</Badge>
            ) : (
              <Badge tone="warn">未提交</Badge>
            )}
          </h2>
          <p className="muted small">
            {s.rubric.title}（第{s.rubricVersion}版，{criteria.length}项，共{s.rubric.totalPoints}分）
          </p>
        </div>
        <div className="sheet-progress" data-testid="sheet-progress">
          <span>
            已完成 <strong>{s.progress.done}</strong> / {s.progress.required} 个申请
          </span>
          <Bar done={s.progress.done} total={s.progress.required} label="评分表完成进度" />
        </div>
        <div className="sheet-submit">
          {offline && <SheetExportAction sheet={s} session={session} onExported={() => void refreshSheet()} />}
          {!offline && s.status === 'draft' && (
            <button id="submit-sheet" type="button" className="btn btn-primary" disabled={!s.canSubmit || !editable} aria-describedby={s.submitBlocker ? 'submit-blocker' : undefined} onClick={() => setSubmitting(true)}>
              提交评分表…
            </button>
          )}
          {!offline && s.submitBlocker && s.status === 'draft' && (
            <span id="submit-blocker" className="blocker" data-testid="submit-blocker">
              {s.submitBlocker}
            </span>
          )}
          {!offline && s.status === 'submitted' && <span className="muted small">提交后修改评分须填写修改原因，修改记入日志。</span>}
        </div>
      </div>
      {s.allSheetsIn && s.applicants.some((a) => a.flag && !a.flag.explained) && (
        <div className="banner banner-warn" role="status">
          <p>
            全体成员已提交。您有 {s.applicants.filter((a) => a.flag && !a.flag.explained).length} 个申请的总分与其他成员平均分相差较大（
            <span aria-hidden="true">⚑</span>），请填写评分畸高畸低说明或修改评分。
          </p>
        </div>
      )}
      <div className="sheet-layout">
        <nav
          className="sheet-list"
          aria-label="待评申请"
          onKeyDown={(e) => {
            // A digit typed on the list goes straight into the first empty score of the open applicant.
            if (e.ctrlKey || e.altKey || e.metaKey || !/^[0-9０-９]$/.test(e.key)) return;
            const inputs = [...document.querySelectorAll<HTMLInputElement>('.score-input:not(:disabled)')];
            (inputs.find((i) => i.value === '') ?? inputs[0])?.focus();
          }}
        >
          <p className="sheet-list-head">
            申请（{s.applicants.length}）<span className="muted small">PgUp/PgDn 切换</span>
          </p>
          <ul>
            {s.applicants.map((a) => (
              <li key={a.applicationId}>
                <button
                  type="button"
                  className={`sheet-item sheet-item-${a.state}`}
                  aria-current={a.applicationId === current ? 'true' : undefined}
                  onClick={() => setCurrent(a.applicationId)}
                  data-testid={`sheet-item-${a.applicationNo}`}
                  title={a.reason ?? undefined}
                >
                  <span className="sheet-item-name">
                    <span className="mono small">{a.applicationNo}</span> {a.name}
                  </span>
                  <span className="sheet-item-badges">
                    {applicantBadge(a, criteria.length)}
                    {a.flag && (
                      <span className={`flag-chip flag-${a.flag.direction}${a.flag.explained ? ' flag-explained' : ''}`}>
                        <span aria-hidden="true">⚑</span> {flagText(a.flag)}
                        {a.flag.explained ? '（已说明）' : ''}
                      </span>
                    )}
                  </span>
                  {a.state === 'stepped_aside' && a.reason && <span className="sheet-item-reason">{a.reason}</span>}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <div className="sheet-main">
          {offline && selected && <PackageApplicantInfo key={selected.applicationId} roundId={roundId} applicationId={selected.applicationId} />}
          {!selected ? (
            <p className="muted">本批次还没有通过形式审查的申请。</p>
          ) : entry.error ? (
            <LoadError error={entry.error} onRetry={entry.reload} />
          ) : !entry.data ? (
            <Loading what="评分" />
          ) : (
            <EntryForm
              sheet={s}
              applicant={selected}
              entry={entry.data}
              editable={editable}
              explainable={editable && !offline}
              onSaved={async (e) => {
                entry.setData(e);
                await refreshSheet();
              }}
              onExplained={async () => {
                await refreshSheet();
                entry.setData(await asMember('scoring.entry', { applicationId: selected.applicationId }));
              }}
              onGo={go}
            />
          )}
        </div>
      </div>
      {submitting && (
        <SubmitDialog
          sheet={s}
          onClose={() => setSubmitting(false)}
          onDone={(fresh) => {
            sheet.setData(fresh);
            setSubmitting(false);
          }}
        />
      )}
    </div>
  );
}

interface Val {
  points: string;
  comment: string;
}

const valsOf = (e: EntryView): Record<string, Val> => Object.fromEntries(e.scores.map((x) => [x.criterionId, { points: x.points === null ? '' : String(x.points), comment: x.comment ?? '' }]));

/** '' → null; a number → it; half-typed ('3.') → 'partial'; else NaN. */
function parsePoints(raw: string): number | null | 'partial' {
  const t = toHalfWidth(raw).trim().replace(/。/g, '.');
  if (t === '') return null;
  if (/^\d+\.$/.test(t)) return 'partial';
  if (!/^\d+(\.\d+)?$/.test(t)) return Number.NaN;
  return Number(t);
}

function EntryForm({
  sheet,
  applicant,
  entry,
  editable,
  explainable = editable,
  onSaved,
  onExplained,
  onGo,
}: {
  sheet: SheetView;
  applicant: SheetApplicant;
  entry: EntryView;
  editable: boolean;
  /** 评分畸高畸低说明 can be written here (not on a member's laptop: issue 5) */
  explainable?: boolean;
  onSaved: (e: EntryView) => Promise<void>;
  onExplained: () => Promise<void>;
  onGo: (t: 'next' | 'prev' | 'nextUnscored') => void;
}) {
  const toast = useToast();
  const criteria = useMemo(() => flatCriteria(sheet.rubric), [sheet.rubric]);
  const [vals, setVals] = useState<Record<string, Val>>(() => valsOf(entry));
  const [blurred, setBlurred] = useState<Set<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [reasonFor, setReasonFor] = useState<null | ((reason: string) => void)>(null);
  const [openHistory, setOpenHistory] = useState<string | null>(null);
  useEffect(() => {
    setVals(valsOf(entry));
    setBlurred(new Set());
    setAttempted(false);
  }, [entry]);

  const scorable = editable && (entry.state === 'to_score' || entry.state === 'not_required');
  // the sheet is fresher than the entry (submitting does not reload the entry)
  const submitted = sheet.status === 'submitted' || entry.sheetStatus === 'submitted';
  const saved = useMemo(() => new Map(entry.scores.map((x) => [x.criterionId, x])), [entry.scores]);

  // The first empty criterion takes focus when an applicant opens: digits go straight in.
  useEffect(() => {
    if (!scorable) return;
    const firstEmpty = criteria.find((c) => saved.get(c.id)?.points === null) ?? criteria[0];
    if (firstEmpty) window.setTimeout(() => focusScore(firstEmpty.id), 0);
  }, [entry.applicationId]);

  const analysis = useMemo(() => {
    const problems: Record<string, string> = {};
    const changes: { criterionId: string; points: number; comment: string }[] = [];
    let total = 0;
    let filled = 0;
    let dirty = false;
    for (const c of criteria) {
      const v = vals[c.id] ?? { points: '', comment: '' };
      const s = saved.get(c.id);
      const p = parsePoints(v.points);
      const commentChanged = v.comment.trim() !== (s?.comment ?? '');
      const pointsChanged = (p === null ? null : p) !== (s?.points ?? null);
      if (pointsChanged || commentChanged) dirty = true;
      if (p === null) {
        if (s?.points != null) problems[c.id] = '已保存的得分不能清空；如需修改请填写新的分值';
        else if (commentChanged && v.comment.trim()) problems[c.id] = '填写评语前请先填写得分';
        continue;
      }
      if (p === 'partial') {
        problems[c.id] = `“${c.title}”的得分应为数字`;
        continue;
      }
      const problem = scoreProblem(c, p);
      if (problem) {
        problems[c.id] = problem;
        continue;
      }
      total += p;
      filled++;
      if (pointsChanged || commentChanged) changes.push({ criterionId: c.id, points: p, comment: v.comment.trim() });
    }
    return { problems, changes, total: Math.round(total * 100) / 100, filled, dirty };
  }, [vals, criteria, saved]);

  const shownProblem = (c: Criterion) => {
    const p = analysis.problems[c.id];
    if (!p) return undefined;
    const partial = parsePoints(vals[c.id]?.points ?? '') === 'partial';
    return attempted || blurred.has(c.id) || !partial ? p : undefined;
  };

  const focusScore = (id: string | undefined) => {
    if (!id) return;
    const el = document.getElementById(`score-${id}`) as HTMLInputElement | null;
    el?.focus();
    el?.select();
  };
  const neighbour = (i: number, d: 1 | -1) => criteria[i + d]?.id;

  /** Saves what changed (asking a reason once the sheet is submitted), then runs `then`. */
  const saveThen = (then?: () => void) => {
    if (busy) return;
    if (!analysis.dirty) {
      then?.();
      return;
    }
    setAttempted(true);
    const bad = criteria.find((c) => analysis.problems[c.id]);
    if (bad) {
      toast.error(analysis.problems[bad.id]!);
      focusScore(bad.id);
      return;
    }
    if (analysis.changes.length === 0) {
      then?.();
      return;
    }
    const revising = analysis.changes.some((x) => saved.get(x.criterionId)?.points != null);
    if (submitted && revising) {
      setReasonFor(() => (reason: string) => void doSave(reason, then));
      return;
    }
    void doSave(undefined, then);
  };
  const doSave = async (reason: string | undefined, then?: () => void) => {
    setBusy(true);
    try {
      const e = await asMember('scoring.save', { applicationId: entry.applicationId, entries: analysis.changes, ...(reason ? { reason } : {}) });
      await onSaved(e);
      toast.success(`已保存“${entry.name}”的评分（${e.complete ? `合计${e.total}分` : `已评${e.scores.filter((x) => x.points !== null).length}/${criteria.length}项`}）`);
      then?.();
    } catch (err) {
      // A reason the screen did not know was needed: ask for it and try again.
      if (!reason && err instanceof ApiError && err.fieldErrors?.reason) setReasonFor(() => (r: string) => void doSave(r, then));
      else toast.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  useHotkey('Ctrl+Enter', () => saveThen(() => onGo('nextUnscored')));
  useHotkey('Ctrl+S', () => saveThen());
  useHotkey('PageDown', () => saveThen(() => onGo('next')));
  useHotkey('PageUp', () => saveThen(() => onGo('prev')));

  const onScoreKey = (e: KeyboardEvent<HTMLInputElement>, i: number, c: Criterion) => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    const next = neighbour(i, 1);
    const prev = neighbour(i, -1);
    if (e.key === 'Enter' || (e.key === 'Tab' && !e.shiftKey) || e.key === 'ArrowDown') {
      e.preventDefault();
      setBlurred((b) => new Set(b).add(c.id));
      if (next) focusScore(next);
      else document.getElementById('save-entry')?.focus();
    } else if ((e.key === 'Tab' && e.shiftKey) || e.key === 'ArrowUp') {
      if (!prev) return;
      e.preventDefault();
      focusScore(prev);
    } else if (e.key === 'F2') {
      e.preventDefault();
      document.getElementById(`comment-${c.id}`)?.focus();
    }
  };
  const onCommentKey = (e: KeyboardEvent<HTMLInputElement>, i: number, c: Criterion) => {
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    if (e.key === 'Enter' || (e.key === 'Tab' && !e.shiftKey)) {
      e.preventDefault();
      const next = neighbour(i, 1);
      if (next) focusScore(next);
      else document.getElementById('save-entry')?.focus();
    } else if (e.key === 'Escape' || (e.key === 'Tab' && e.shiftKey)) {
      e.preventDefault();
      focusScore(c.id);
    }
  };

  const stateBanner = () => {
    switch (entry.state) {
      case 'stepped_aside':
        return (
          <div className="banner banner-neutral" role="note" data-testid="entry-state">
            <p>
              <strong>您已就该申请回避</strong>，不参加对它的评分和表决。{entry.reason}
            </p>
          </div>
        );
      case 'flag_pending':
        return (
          <div className="banner banner-warn" role="note" data-testid="entry-state">
            <p>
              <strong>系统提示您与该申请可能存在利害关系</strong>（{entry.reason}）。请经办人在“回避声明”中确认回避或排除后才能评分。
            </p>
          </div>
        );
      case 'not_required':
        return (
          <div className="banner banner-neutral" role="note" data-testid="entry-state">
            <p>{entry.reason ?? '该申请无需评分'}。</p>
          </div>
        );
      default:
        return null;
    }
  };

  const pct = criteria.length ? Math.round((analysis.filled / criteria.length) * 100) : 0;
  let index = -1;
  return (
    <section className="entry" aria-labelledby="entry-h" data-testid="entry-form">
      <div className="entry-head">
        <h2 id="entry-h">
          <span className="mono">{entry.applicationNo}</span> {entry.name}
        </h2>
        <p className="muted small">
          {SERVICE_TYPES.filter((t) => applicant.serviceTypes.includes(t))
            .map((t) => SERVICE_TYPE_LABEL[t])
            .join('、')}
        </p>
      </div>
      {stateBanner()}
      {submitted && scorable && (
        <p className="blocker" role="note">
          评分表已提交：修改已保存的得分时须填写修改原因。
        </p>
      )}
      {applicant.flag && <FlagPanel applicant={applicant} entry={entry} editable={explainable} onExplained={onExplained} />}
      {entry.state !== 'stepped_aside' && entry.state !== 'flag_pending' && (
        <>
          <div className="entry-total" aria-live="polite" data-testid="entry-total">
            <span>
              本申请合计 <strong className="entry-total-value">{analysis.total}</strong> / {sheet.rubric.totalPoints} 分
            </span>
            <span className="muted">
              已评 {analysis.filled} / {criteria.length} 项
            </span>
            <span className="bar bar-wide" aria-hidden="true">
              <span className={`bar-fill${pct === 100 ? ' bar-done' : ''}`} style={{ width: `${pct}%` }} />
            </span>
            {analysis.dirty && <span className="dirty-note">有未保存的修改</span>}
          </div>
          <p className="hint keys-hint">
            <Kbd>Enter</Kbd>/<Kbd>Tab</Kbd> 下一项 · <Kbd>Shift+Tab</Kbd> 上一项 · <Kbd>F2</Kbd> 写评语 · <Kbd>Ctrl+Enter</Kbd> 保存并打开下一个待评申请 · <Kbd>PgUp</Kbd>/<Kbd>PgDn</Kbd> 上一个/下一个申请（先保存）
          </p>
          {sheet.rubric.groups.map((g, gi) => (
            <div key={g.id} className="entry-group" role="group" aria-labelledby={`eg-${g.id}`}>
              <h3 id={`eg-${g.id}`} className="entry-group-title">
                {gi + 1}. {g.title}
                <span className="muted small">（{g.points}分）</span>
              </h3>
              <ol className="criteria">
                {g.criteria.map((c0) => {
                  index++;
                  const i = index;
                  const c = criteria[i]!;
                  const v = vals[c.id] ?? { points: '', comment: '' };
                  const s = saved.get(c.id);
                  const err = shownProblem(c);
                  const sid = `score-${c.id}`;
                  return (
                    <li key={c0.id} className={`criterion${err ? ' criterion-error' : ''}`} data-testid={`criterion-${c.id}`}>
                      <div className="criterion-text">
                        <p className="criterion-title">
                          <span className="criterion-no">
                            {gi + 1}.{g.criteria.indexOf(c0) + 1}
                          </span>
                          {c.title}
                          {c.citation && <Citation>{c.citation}</Citation>}
                        </p>
                        <p className="criterion-guidance" id={`guide-${c.id}`}>
                          {c.guidance}
                        </p>
                      </div>
                      <div className="criterion-score">
                        <label htmlFor={sid} className="sr-only">
                          {c.title}得分
                        </label>
                        <span className="score-box">
                          <input
                            id={sid}
                            type="text"
                            inputMode="decimal"
                            autoComplete="off"
                            className="score-input"
                            value={v.points}
                            disabled={!scorable}
                            aria-invalid={err ? true : undefined}
                            aria-describedby={[err ? errorId(sid) : '', `max-${c.id}`, `guide-${c.id}`].filter(Boolean).join(' ')}
                            aria-keyshortcuts="F2"
                            onFocus={(e) => e.currentTarget.select()}
                            onChange={(e) => setVals((x) => ({ ...x, [c.id]: { ...v, points: e.target.value } }))}
                            onBlur={() => setBlurred((b) => (b.has(c.id) ? b : new Set(b).add(c.id)))}
                            onKeyDown={(e) => onScoreKey(e, i, c)}
                          />
                          <span className="score-max" id={`max-${c.id}`}>
                            / {c.maxPoints} 分<span className="muted small">（最小{c.step}分）</span>
                          </span>
                        </span>
                        <FieldError id={sid} error={err} />
                        {s && s.revisions > 0 && (
                          <button
                            type="button"
                            className="link-button plain-link revisions"
                            aria-expanded={openHistory === c.id}
                            aria-controls={`hist-${c.id}`}
                            onClick={() => setOpenHistory(openHistory === c.id ? null : c.id)}
                          >
                            已修改 {s.revisions} 次
                          </button>
                        )}
                      </div>
                      <div className="criterion-comment">
                        <label htmlFor={`comment-${c.id}`} className="sr-only">
                          {c.title}评语
                        </label>
                        <input
                          id={`comment-${c.id}`}
                          type="text"
                          tabIndex={-1}
                          maxLength={500}
                          placeholder="评语（可不填，F2）"
                          value={v.comment}
                          disabled={!scorable}
                          onChange={(e) => setVals((x) => ({ ...x, [c.id]: { ...v, comment: e.target.value } }))}
                          onKeyDown={(e) => onCommentKey(e, i, c)}
                        />
                      </div>
                      {openHistory === c.id && <History applicationId={entry.applicationId} criterion={c} onClose={() => setOpenHistory(null)} />}
                    </li>
                  );
                })}
              </ol>
            </div>
          ))}
          <div className="form-actions sticky-actions">
            <button id="save-entry" type="button" className="btn btn-primary" disabled={busy || !scorable} aria-keyshortcuts="Control+Enter" onClick={() => saveThen(() => onGo('nextUnscored'))}>
              {busy ? '正在保存…' : '保存并打开下一个待评申请'} <Kbd>Ctrl+Enter</Kbd>
            </button>
            <button type="button" className="btn" disabled={busy || !scorable || !analysis.dirty} aria-keyshortcuts="Control+S" onClick={() => saveThen()}>
              只保存 <Kbd>Ctrl+S</Kbd>
            </button>
            <button type="button" className="btn" onClick={() => saveThen(() => onGo('prev'))}>
              上一个 <Kbd>PgUp</Kbd>
            </button>
            <button type="button" className="btn" onClick={() => saveThen(() => onGo('next'))}>
              下一个 <Kbd>PgDn</Kbd>
            </button>
          </div>
        </>
      )}
      {reasonFor && (
        <ReasonDialog
          onClose={() => setReasonFor(null)}
          onConfirm={(r) => {
            const f = reasonFor;
            setReasonFor(null);
            f(r);
          }}
        />
      )}
    </section>
  );
}

function History({ applicationId, criterion, onClose }: { applicationId: string; criterion: Criterion; onClose: () => void }) {
  const h = useLoad(() => asMember('scoring.history', { applicationId, criterionId: criterion.id }), [applicationId, criterion.id]);
  return (
    <div className="history-pop" id={`hist-${criterion.id}`} role="region" aria-label={`${criterion.title}的修改记录`}>
      <div className="history-head">
        <strong>{criterion.title}的修改记录</strong>
        <button type="button" className="dialog-x" onClick={onClose} aria-label="关闭修改记录">
          ×
        </button>
      </div>
      {h.error ? (
        <LoadError error={h.error} />
      ) : !h.data ? (
        <Loading what="修改记录" />
      ) : (
        <ol className="check-history">
          {[...h.data].reverse().map((x) => (
            <li key={x.scoreId}>
              <span className="nowrap">{formatTimestamp(x.enteredAt)}</span> {x.enteredBy}：<strong>{x.points}分</strong>
              {x.comment ? `（评语：${x.comment}）` : ''}
              {x.reason ? ` — 修改原因：${x.reason}` : x.supersedes ? '' : ' — 首次录入'}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function ReasonDialog({ onClose, onConfirm }: { onClose: () => void; onConfirm: (reason: string) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const submit = () => {
    if (!reason.trim()) {
      setError('请填写修改原因');
      document.getElementById('revise-reason')?.focus();
      return;
    }
    onConfirm(reason.trim());
  };
  return (
    <Dialog
      title="修改已提交的评分"
      onClose={onClose}
      onSubmit={submit}
      testId="reason-dialog"
      footer={
        <>
          <button type="submit" className="btn btn-primary">
            保存修改
          </button>
          <button type="button" className="btn" onClick={onClose}>
            取消
          </button>
        </>
      }
    >
      <p>评分表已提交。修改已保存的得分须写明原因，原分值和修改原因都保留在记录中。</p>
      <TextAreaField
        id="revise-reason"
        label="修改原因"
        required
        value={reason}
        error={error}
        onChange={(e) => {
          setReason(e.target.value);
          setError(undefined);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            submit();
          }
        }}
      />
    </Dialog>
  );
}

/** 偏高/偏低 X%: the member explains (评分畸高畸低说明) or revises. */
function FlagPanel({ applicant, entry, editable, onExplained }: { applicant: SheetApplicant; entry: EntryView; editable: boolean; onExplained: () => Promise<void> }) {
  const toast = useToast();
  const f = applicant.flag!;
  const [note, setNote] = useState(entry.explanation ?? '');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!note.trim()) {
      setError('请填写评分畸高畸低说明');
      document.getElementById('explain-note')?.focus();
      return;
    }
    setBusy(true);
    try {
      await asMember('scoring.explain', { applicationId: applicant.applicationId, note: note.trim() });
      await onExplained();
      toast.success('已记录评分畸高畸低说明');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={`banner ${f.explained ? 'banner-neutral' : 'banner-warn'} flag-panel`} role="note" data-testid="flag-panel">
      <p>
        <span aria-hidden="true">⚑ </span>
        <strong>
          您的总分比其他成员平均分{flagText(f)}
        </strong>
        。这是讨论提示，不是错误：请填写评分畸高畸低说明，或修改评分（须写明修改原因）。
      </p>
      {f.explained && entry.explanation && (
        <p className="small">
          已说明：{entry.explanation}
        </p>
      )}
      {editable && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <TextAreaField id="explain-note" label="评分畸高畸低说明" required value={note} error={error} onChange={(e) => setNote(e.target.value)} />
          <button type="submit" className="btn" disabled={busy}>
            {f.explained ? '更新说明' : '提交说明'}
          </button>
        </form>
      )}
    </div>
  );
}

function SubmitDialog({ sheet, onClose, onDone }: { sheet: SheetView; onClose: () => void; onDone: (s: SheetView) => void }) {
  const toast = useToast();
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy) return;
    const p = pinSchema.safeParse(toHalfWidth(pin).trim());
    if (!p.success) {
      setError(pin ? 'PIN须为6至12位数字' : '请输入您的PIN');
      document.getElementById('submit-pin')?.focus();
      return;
    }
    setBusy(true);
    try {
      const s = await asMember('scoring.submit', { pin: p.data });
      toast.success('评分表已提交');
      onDone(s);
    } catch (e) {
      setPin('');
      setError(e instanceof ApiError && e.fieldErrors?.pin ? e.fieldErrors.pin : errorMessage(e));
      document.getElementById('submit-pin')?.focus();
    } finally {
      setBusy(false);
    }
  };
  const steppedAside = sheet.applicants.filter((a) => a.state === 'stepped_aside').length;
  return (
    <Dialog
      title="提交评分表"
      onClose={onClose}
      onSubmit={() => void submit()}
      testId="submit-dialog"
      footer={
        <>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? '正在提交…' : '确认提交'}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            取消
          </button>
        </>
      }
    >
      <p>
        {sheet.member.name}：已评 {sheet.progress.done} / {sheet.progress.required} 个申请{steppedAside > 0 ? `，回避 ${steppedAside} 个` : ''}。
      </p>
      <p>提交即为本人签名确认。提交后仍可修改评分，但须写明修改原因并记入日志。</p>
      <div className={`field${error ? ' has-error' : ''}`}>
        <label htmlFor="submit-pin">请再次输入您的PIN</label>
        <input
          id="submit-pin"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={12}
          className="pin-input"
          value={pin}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId('submit-pin') : undefined}
          onChange={(e) => {
            setPin(e.target.value);
            setError(undefined);
          }}
        />
        <FieldError id="submit-pin" error={error} />
      </div>
    </Dialog>
  );
}
