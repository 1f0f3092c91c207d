import { useEffect, useMemo, useState } from 'react';
import { api } from '../api';
import type { BasicView } from '../../../shared/contract/slices/scoring';
import type { CellState, Matrix } from '../../../shared/rules/eligibility/schemas';
import { Badge } from '../components/Badge';
import { FieldError, TextAreaField, errorId } from '../components/Field';
import { LoadError, Loading } from '../components/Page';
import { ReviewFrame } from '../components/ReviewNav';
import { CELL_LABEL, Citation, OverallBadge, STATE_SYMBOL } from '../components/RuleState';
import { useToast } from '../components/Toast';
import { useLoad } from '../components/useLoad';
import { formatTimestamp } from '../format';
import { Link } from '../router';

type Row = Matrix['rows'][number];
type BasicState = BasicView['state'];

export const BASIC_STATE_LOOK: Record<BasicState, { text: string; tone: 'success' | 'danger' | 'warn' | 'neutral' }> = {
  passed: { text: '基础性指标已通过', tone: 'success' },
  failed: { text: '基础性指标未通过', tone: 'danger' },
  pending: { text: '基础性指标待核查', tone: 'warn' },
  none: { text: '无适用的基础性指标', tone: 'neutral' },
};

/**
 * 基础性指标核查: the panel's pass/fail record per applicant against the
 * rubric's basic indicators (what the ranking uses), next to what the
 * eligibility rules computed from the application (基础性指标 tab).
 */
export function BasicChecksPage({ roundId }: { roundId: string }) {
  const rubric = useLoad(() => api['rubric.get']({ roundId }), [roundId]);
  const matrix = useLoad(() => api['eligibility.matrix']({ roundId }), [roundId]);
  const frozen = rubric.data?.current?.status === 'frozen';
  const accepted = useMemo(() => (matrix.data?.rows ?? []).filter((r) => r.status === 'accepted'), [matrix.data]);
  const ids = accepted.map((a) => a.applicationId).join(',');
  const basics = useLoad(
    async () => {
      if (!frozen || accepted.length === 0) return new Map<string, BasicView>();
      const views = await Promise.all(accepted.map((a) => api['scoring.basic']({ roundId, applicationId: a.applicationId })));
      return new Map(views.map((v) => [v.applicationId, v]));
    },
    [roundId, frozen, ids, rubric.data?.current?.id],
  );
  const [selected, setSelected] = useState<string | null>(null);
  const sel = accepted.find((a) => a.applicationId === selected) ?? accepted[0];

  return (
    <ReviewFrame roundId={roundId} section="basic" lead={(r) => <p>{r.name} · 通过形式审查的申请，逐项认定评分细则中的基础性指标；未通过的不参加排序。</p>}>
      {(r) =>
        rubric.error || matrix.error ? (
          <LoadError error={rubric.error ?? matrix.error} onRetry={() => void Promise.all([rubric.reload(), matrix.reload()])} />
        ) : !rubric.data || !matrix.data ? (
          <Loading what="基础性指标" />
        ) : !frozen ? (
          <div className="banner banner-neutral" role="note">
            <p>
              {rubric.data.current ? `评分细则第${rubric.data.current.version}版尚未确定。` : '本批次还没有评分细则。'}基础性指标按确定后的评分细则核查，请先在
              <Link to={{ name: 'roundReview', roundId, section: 'rubric' }}>评分细则</Link>页面确定（开始评分）。
            </p>
          </div>
        ) : accepted.length === 0 ? (
          <p className="muted">本批次还没有通过形式审查的申请。</p>
        ) : basics.error ? (
          <LoadError error={basics.error} onRetry={basics.reload} />
        ) : !basics.data ? (
          <Loading what="核查结果" />
        ) : (
          <>
            <div className="banner banner-neutral" role="note">
              <p className="small">
                “系统核查”是申请页“基础性指标”按申请信息自动核查的结果（含审核人员在“审核内容”中的确认），仅供参考；本页记录的是审核小组评分排序所用的认定结果。两者不一致时，请在说明中写明理由。
              </p>
            </div>
            <div className="sheet-layout">
              <nav className="sheet-list" aria-label="申请">
                <p className="sheet-list-head">
                  已核查 {[...basics.data.values()].filter((v) => v.state === 'passed' || v.state === 'failed').length} / {accepted.length}
                </p>
                <ul>
                  {accepted.map((a) => {
                    const v = basics.data!.get(a.applicationId);
                    const look = v ? BASIC_STATE_LOOK[v.state] : null;
                    return (
                      <li key={a.applicationId}>
                        <button
                          type="button"
                          className="sheet-item"
                          aria-current={sel?.applicationId === a.applicationId ? 'true' : undefined}
                          onClick={() => setSelected(a.applicationId)}
                          data-testid={`basic-item-${a.applicationNo}`}
                        >
                          <span className="sheet-item-name">
                            <span className="mono small">{a.applicationNo}</span> {a.name}
                          </span>
                          <span className="sheet-item-badges">
                            {look && <Badge tone={look.tone}>{look.text.replace('基础性指标', '')}</Badge>}
                            <span className="muted small">系统：</span>
                            <OverallBadge overall={a.overall} />
                          </span>
                        </button>
                      </li>
                    );
                  })}
                </ul>
              </nav>
              <div className="sheet-main">
                {sel && basics.data.get(sel.applicationId) && (
                  <BasicForm
                    key={`${sel.applicationId}-${basics.data.get(sel.applicationId)!.recordedAt ?? ''}`}
                    roundId={roundId}
                    row={sel}
                    rules={matrix.data.rules}
                    view={basics.data.get(sel.applicationId)!}
                    editable={r.status === 'open'}
                    onSaved={(v) => basics.setData(new Map(basics.data!).set(v.applicationId, v))}
                  />
                )}
              </div>
            </div>
          </>
        )
      }
    </ReviewFrame>
  );
}

type Entry = { passed: boolean | null; note: string };

function BasicForm({
  roundId,
  row,
  rules,
  view,
  editable,
  onSaved,
}: {
  roundId: string;
  row: Row;
  rules: Matrix['rules'];
  view: BasicView;
  editable: boolean;
  onSaved: (v: BasicView) => void;
}) {
  const toast = useToast();
  const applicable = view.indicators.filter((i) => i.applies);
  const notApplicable = view.indicators.filter((i) => !i.applies);
  const initial = () => Object.fromEntries(applicable.map((i) => [i.id, { passed: i.passed, note: i.note ?? '' }])) as Record<string, Entry>;
  const [entries, setEntries] = useState<Record<string, Entry>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => setErrors({}), [view]);
  const recorded = view.recordedAt !== null;
  // Template indicators carry the eligibility rule's id (basicIndicatorsOf); basic.get does not return ruleId, so the id is matched.
  const known = new Set(rules.map((r) => r.id));
  const systemOf = (id: string): CellState | null => (known.has(id) ? (row.cells[id] ?? null) : null);
  const set = (id: string, e: Partial<Entry>) => {
    setEntries((x) => ({ ...x, [id]: { ...x[id]!, ...e } }));
    if (errors[id]) setErrors((x) => ({ ...x, [id]: '' }));
  };
  const changed = applicable.filter((i) => {
    const e = entries[i.id]!;
    return e.passed !== i.passed || (e.note.trim() || null) !== (i.note ?? null);
  });
  const unset = applicable.filter((i) => entries[i.id]!.passed === null).length;

  const fillFromSystem = () =>
    setEntries((x) => {
      const out = { ...x };
      for (const i of applicable) {
        const s = systemOf(i.id);
        if (out[i.id]!.passed === null && (s === 'pass' || s === 'fail')) out[i.id] = { ...out[i.id]!, passed: s === 'pass' };
      }
      return out;
    });
  const restPass = () =>
    setEntries((x) => {
      const out = { ...x };
      for (const i of applicable) if (out[i.id]!.passed === null) out[i.id] = { ...out[i.id]!, passed: true };
      return out;
    });

  const save = async () => {
    if (busy) return;
    const e: Record<string, string> = {};
    for (const i of changed) {
      const en = entries[i.id]!;
      if (en.passed === false && !en.note.trim()) e[i.id] = `“${i.title}”认定不符合，须写明理由`;
    }
    if (recorded && changed.length > 0 && !reason.trim()) e.reason = '已有核查结果，修改须填写修改原因';
    setErrors(e);
    const first = Object.keys(e)[0];
    if (first) return document.getElementById(first === 'reason' ? 'basic-reason' : `bn-${first}`)?.focus();
    const results = changed.filter((i) => entries[i.id]!.passed !== null).map((i) => ({ indicatorId: i.id, passed: entries[i.id]!.passed!, note: entries[i.id]!.note.trim() || undefined }));
    if (results.length === 0) return toast.info('没有要保存的修改');
    setBusy(true);
    try {
      const v = await api['scoring.recordBasic']({ roundId, applicationId: row.applicationId, results, ...(recorded ? { reason: reason.trim() } : {}) });
      toast.success(`已保存“${row.name}”的基础性指标核查结果`);
      onSaved(v);
    } catch (err) {
      toast.fromError(err);
    } finally {
      setBusy(false);
    }
  };

  const look = BASIC_STATE_LOOK[view.state];
  return (
    <section className="panel" aria-labelledby="basic-h" data-testid="basic-form">
      <div className="panel-header">
        <h2 id="basic-h">
          <span className="mono">{row.applicationNo}</span> {row.name}
        </h2>
        <Badge tone={look.tone}>{look.text}</Badge>
      </div>
      <p className="small">
        系统核查：<OverallBadge overall={row.overall} testId="basic-system-overall" />（符合 {row.counts.pass}，不符合 {row.counts.fail}，待人工核查 {row.counts.manual}）
        <span className="elig-sep" aria-hidden="true">
          ·
        </span>
        <Link to={{ name: 'application', applicationId: row.applicationId, tab: 'eligibility' }}>查看该申请的基础性指标</Link>
      </p>
      {recorded && (
        <p className="muted small">
          最近记录：{view.recordedBy} · {formatTimestamp(view.recordedAt)}
          {view.revisions > 0 && `（修改过 ${view.revisions} 次）`} · 评分细则第{view.rubricVersion}版
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="btn btn-small" disabled={!editable || unset === 0} onClick={fillFromSystem}>
          按系统核查结果填入未填项
        </button>
        <button type="button" className="btn btn-small" disabled={!editable || unset === 0} onClick={restPass}>
          其余 {unset} 项全部标为符合
        </button>
      </div>
      <ol className="basic-list">
        {applicable.map((i) => {
          const en = entries[i.id]!;
          const sys = systemOf(i.id);
          const mismatch = sys && en.passed !== null && ((sys === 'fail' && en.passed) || (sys === 'pass' && !en.passed));
          const noteId = `bn-${i.id}`;
          return (
            <li key={i.id} className={`basic-row${en.passed === true ? ' basic-pass' : en.passed === false ? ' basic-fail' : ''}`} role="group" aria-labelledby={`bt-${i.id}`} data-testid={`basic-${i.id}`}>
              <div className="basic-main">
                <p className="basic-title" id={`bt-${i.id}`}>
                  {i.title}
                  {i.citation && <Citation>{i.citation}</Citation>}
                </p>
                {i.requirement && <p className="small">{i.requirement}</p>}
                <p className="small">
                  <span className="muted">系统核查：</span>
                  {sys ? (
                    <span className={`sys-state sys-${sys}`} title={row.notes[i.id] ?? undefined}>
                      <span aria-hidden="true">{STATE_SYMBOL[sys]}</span> {CELL_LABEL[sys]}
                    </span>
                  ) : (
                    <span className="muted">无对应的自动核查规则</span>
                  )}
                  {sys && row.notes[i.id] && <span className="muted"> — {row.notes[i.id]}</span>}
                </p>
                {mismatch && (
                  <p className="blocker" role="note">
                    与系统核查结果（{CELL_LABEL[sys]}）不一致，请在说明中写明理由。
                  </p>
                )}
                <div className="check-note">
                  <label htmlFor={noteId} className="sr-only">
                    {i.title}的说明
                  </label>
                  <input
                    id={noteId}
                    type="text"
                    value={en.note}
                    maxLength={500}
                    disabled={!editable}
                    placeholder={en.passed === false ? '说明（不符合时必填）' : '说明（可不填）'}
                    aria-invalid={errors[i.id] ? true : undefined}
                    aria-describedby={errors[i.id] ? errorId(noteId) : undefined}
                    onChange={(ev) => set(i.id, { note: ev.target.value })}
                  />
                  <FieldError id={noteId} error={errors[i.id] || undefined} />
                </div>
              </div>
              <div className="segmented" role="group" aria-label={`${i.title}的认定`}>
                <button type="button" className="seg seg-check-met" aria-pressed={en.passed === true} disabled={!editable} onClick={() => set(i.id, { passed: true })}>
                  符合
                </button>
                <button type="button" className="seg seg-check-not_met" aria-pressed={en.passed === false} disabled={!editable} onClick={() => set(i.id, { passed: false })}>
                  不符合
                </button>
              </div>
            </li>
          );
        })}
      </ol>
      {notApplicable.length > 0 && (
        <details className="na-list">
          <summary>不适用于该申请的指标（{notApplicable.length} 项）</summary>
          <ul>
            {notApplicable.map((i) => (
              <li key={i.id}>{i.title}</li>
            ))}
          </ul>
        </details>
      )}
      {recorded && changed.length > 0 && (
        <TextAreaField id="basic-reason" label="修改原因" required value={reason} error={errors.reason || undefined} onChange={(e) => setReason(e.target.value)} />
      )}
      <div className="form-actions">
        <button type="button" className="btn btn-primary" disabled={busy || !editable || changed.length === 0} onClick={() => void save()}>
          {busy ? '正在保存…' : '保存核查结果'}
        </button>
        <span className="muted small" aria-live="polite">
          {changed.length > 0 ? `有 ${changed.length} 项未保存的修改` : unset > 0 ? `还有 ${unset} 项未认定` : '全部已认定'}
        </span>
      </div>
    </section>
  );
}
