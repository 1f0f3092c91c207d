import { useEffect, useId, useState } from 'react';
import { api } from '../api';
import { contract } from '../../../shared/contract/methods';
import { fieldErrorsOf } from '../../../shared/contract/validate';
import {
  CHECKLIST_STATES,
  CHECKLIST_STATE_LABEL,
  type ChecklistItem,
  type ChecklistState,
  type Eligibility,
  type NotApplicable,
  type RuleResult,
} from '../../../shared/rules/eligibility/schemas';
import { RULE_STATE_LABEL, type RuleState } from '../../../shared/rules/eligibility/types';
import { Badge } from './Badge';
import { FieldError, errorId } from './Field';
import { LoadError, Loading } from './Page';
import { Citation, OverallBadge, RuleStateChip, STATE_SYMBOL } from './RuleState';
import { useToast } from './Toast';
import { useLoad } from './useLoad';
import { formatDate, formatTimestamp } from '../format';
import { Link } from '../router';

interface Props {
  applicationId: string;
  roundId: string;
  /** why the application cannot be edited now ('' = it can): missing fields are then plain text, not links */
  editBlocker: string;
}

/** Moves focus to an element on this screen (a rule result, a checklist item) and shows it. */
function focusOnScreen(id: string) {
  const el = document.getElementById(id);
  if (!el) return;
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: 'center' });
}

const ruleDomId = (ruleId: string) => `rule-${ruleId}`;
const itemDomId = (itemId: string) => `item-${itemId.replace(/[^a-zA-Z0-9_-]/g, '_')}`;

/**
 * 基础性指标: every rule of the round's profile evaluated on the application's
 * data (on each read, so an edit shows at once), then the 审核内容 checklist the
 * reviewer confirms item by item.
 */
export function EligibilityPanel({ applicationId, roundId, editBlocker }: Props) {
  const view = useLoad(() => api['eligibility.get']({ applicationId }), [applicationId]);
  if (view.error) return <LoadError error={view.error} onRetry={view.reload} />;
  if (!view.data) return <Loading what="基础性指标" />;
  const e = view.data;
  return (
    <div className="eligibility">
      <Summary e={e} roundId={roundId} />
      {e.groups.map((g) => (
        <section key={g.id} className="panel" aria-labelledby={`grp-${g.id}`} data-testid={`group-${g.id}`}>
          <div className="panel-header">
            <h2 id={`grp-${g.id}`}>{g.title}</h2>
            <GroupTally results={g.results} />
          </div>
          <ol className="rule-results">
            {g.results.map((r) => (
              <ResultRow key={r.ruleId} r={r} applicationId={applicationId} editBlocker={editBlocker} />
            ))}
          </ol>
        </section>
      ))}
      <NotApplicableList items={e.notApplicable} />
      <Checklist e={e} onChanged={(fresh) => view.setData(fresh)} />
    </div>
  );
}

function Summary({ e, roundId }: { e: Eligibility; roundId: string }) {
  const c = e.counts;
  const failing = e.groups.flatMap((g) => g.results).filter((r) => r.state === 'fail');
  return (
    <section className="panel elig-summary" aria-labelledby="elig-heading" data-testid="eligibility-summary">
      <div className="elig-summary-head">
        <h2 id="elig-heading">基础性指标</h2>
        <OverallBadge overall={e.overall} large testId="eligibility-overall" />
        <span className="elig-overall-text">{e.overallLabel}</span>
      </div>
      <ul className="elig-counts" aria-label="各结果的规则数">
        {(['pass', 'fail', 'manual', 'warning'] as const).map((s) => (
          <li key={s} className={`elig-count elig-count-${s}${c[s] === 0 ? ' is-zero' : ''}`}>
            <span aria-hidden="true">{STATE_SYMBOL[s]}</span> {RULE_STATE_LABEL[s]} <strong>{c[s]}</strong> 项
          </li>
        ))}
        {e.notApplicable.length > 0 && (
          <li className="elig-count elig-count-na">
            <span aria-hidden="true">—</span> 不适用 <strong>{e.notApplicable.length}</strong> 项
          </li>
        )}
      </ul>
      <p className="elig-basis">
        地区政策配置：<strong>{e.profile.name}</strong>（第{e.profile.version}版）
        <span className="elig-sep" aria-hidden="true">
          ·
        </span>
        <span data-testid="eligibility-reference-date">按受理日期 {formatDate(e.referenceDate)} 计算</span>
        <span className="elig-sep" aria-hidden="true">
          ·
        </span>
        <Link to={{ name: 'roundRules', roundId }}>查看本批次规则目录</Link>
      </p>
      {failing.length > 0 && (
        <p className="elig-jump">
          <span className="muted">不符合：</span>
          {failing.map((r) => (
            <button key={r.ruleId} type="button" className="rule-link rule-link-fail" onClick={() => focusOnScreen(ruleDomId(r.ruleId))}>
              <span aria-hidden="true">{STATE_SYMBOL.fail}</span> {r.title}
            </button>
          ))}
        </p>
      )}
      <p className="muted small">规则按申请信息自动核查，修改申请信息后重新打开本页即按新数据计算。缺少数据的规则列为“待人工核查”，并列出缺少的项目（点击可转到申请表中的该项）。</p>
    </section>
  );
}

function GroupTally({ results }: { results: RuleResult[] }) {
  const n = (s: RuleState) => results.filter((r) => r.state === s).length;
  const parts = (['fail', 'manual', 'warning', 'pass'] as const).filter((s) => n(s) > 0).map((s) => `${RULE_STATE_LABEL[s]} ${n(s)}`);
  return <p className="material-tally">{parts.join('，')}</p>;
}

function ResultRow({ r, applicationId, editBlocker }: { r: RuleResult; applicationId: string; editBlocker: string }) {
  const item = r.checklistItemIds[0];
  return (
    <li id={ruleDomId(r.ruleId)} tabIndex={-1} className={`rule-result rule-result-${r.state}`} data-testid={`rule-${r.ruleId}`}>
      <div className="rule-result-state">
        <RuleStateChip state={r.state} />
      </div>
      <div className="rule-result-main">
        <h3 className="rule-title">
          {r.title}
          {r.citations.map((c) => (
            <Citation key={c}>{c}</Citation>
          ))}
          {r.decidedBy === 'reviewer' && <Badge tone="info">审核人员核查</Badge>}
        </h3>
        <p className="rule-explanation">{r.explanation}</p>
        {r.missingFields.length > 0 && (
          <p className="rule-missing">
            需补充：
            {r.missingFields.map((f, i) => (
              <span key={f.key}>
                {i > 0 && '、'}
                {editBlocker ? (
                  <span>{f.label}</span>
                ) : (
                  <Link to={{ name: 'editApplication', applicationId, field: f.key }} title={`修改申请信息，填写“${f.label}”`}>
                    {f.label}
                  </Link>
                )}
              </span>
            ))}
          </p>
        )}
        <p className="rule-requirement">
          <span className="muted">要求：</span>
          {r.requirement}
        </p>
        {r.kind === 'manual' && item && (
          <p className="rule-to-item">
            <button type="button" className="link-button plain-link" onClick={() => focusOnScreen(itemDomId(item))}>
              到“审核内容”中核查此项
            </button>
          </p>
        )}
      </div>
    </li>
  );
}

function NotApplicableList({ items }: { items: NotApplicable[] }) {
  if (items.length === 0) return null;
  return (
    <details className="panel na-list" data-testid="not-applicable">
      <summary>
        不适用于本申请的规则（{items.length} 项）<span className="muted small">（按服务机构类型和申请服务类型不适用；点击展开）</span>
      </summary>
      <ul>
        {items.map((n) => (
          <li key={n.ruleId}>
            <span className="na-title">{n.title}</span>
            {n.citations.map((c) => (
              <Citation key={c}>{c}</Citation>
            ))}
            <span className="muted small">：{n.reason}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/* ------------------------------------------------------------------ 审核内容 */

type Run = (fn: () => Promise<Eligibility>, done: string) => Promise<boolean>;

function Checklist({ e, onChanged }: { e: Eligibility; onChanged: (e: Eligibility) => void }) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const cl = e.checklist;

  const run: Run = async (fn, done) => {
    setBusy(true);
    try {
      onChanged(await fn());
      toast.success(done);
      return true;
    } catch (err) {
      toast.fromError(err);
      throw err;
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="checklist-heading" data-testid="checklist">
      <div className="panel-header">
        <h2 id="checklist-heading">审核内容</h2>
        <p className="material-tally" aria-live="polite" data-testid="checklist-tally">
          共 {cl.items.length} 项：符合 {cl.counts.met}，不符合 {cl.counts.not_met}，待定 {cl.counts.pending}
          {cl.counts.unconfirmed > 0 ? `；${cl.counts.unconfirmed} 项尚未经审核人员确认` : '；均已确认'}
        </p>
      </div>
      <p className="muted small">
        “规则预填”是按上方规则结果给出的建议，须由审核人员逐项确认：选择“符合”“不符合”或“待定”。记为“不符合”须写明理由。每次标记都保留记录。
      </p>
      {!cl.canMark && cl.blocker && (
        <p className="blocker" id="checklist-blocker">
          {cl.blocker}
        </p>
      )}
      <ol className="checklist">
        {cl.items.map((item) => (
          <ChecklistRow key={item.itemId} item={item} applicationId={e.applicationId} canMark={cl.canMark} busy={busy} run={run} />
        ))}
      </ol>
    </section>
  );
}

const SOURCE_TAG: Record<ChecklistItem['source'], { text: string; tone: 'info' | 'neutral' | 'success' }> = {
  reviewer: { text: '审核确认', tone: 'success' },
  rules: { text: '规则预填', tone: 'info' },
  none: { text: '未核查', tone: 'neutral' },
};

function ChecklistRow({ item, applicationId, canMark, busy, run }: { item: ChecklistItem; applicationId: string; canMark: boolean; busy: boolean; run: Run }) {
  const titleId = useId();
  const noteId = `note-${itemDomId(item.itemId)}`;
  const [note, setNote] = useState(item.note ?? '');
  const [noteError, setNoteError] = useState<string | undefined>();
  useEffect(() => setNote(item.note ?? ''), [item.note]);
  const confirmed = item.source === 'reviewer';

  const mark = (state: ChecklistState) => {
    if (busy || !canMark) return;
    const trimmed = note.trim();
    if (state === 'not_met' && !trimmed) {
      setNoteError('记为“不符合”时请写明理由');
      document.getElementById(noteId)?.focus();
      return;
    }
    if (confirmed && item.state === state && (item.note ?? '') === trimmed) return;
    const input = { applicationId, itemId: item.itemId, state, note: trimmed };
    const r = contract['checklist.mark'].input.safeParse(input);
    if (!r.success) {
      setNoteError(fieldErrorsOf(r.error).note ?? Object.values(fieldErrorsOf(r.error))[0]);
      return;
    }
    setNoteError(undefined);
    void run(() => api['checklist.mark'](input), `已记录：${item.title.length > 24 ? `${item.title.slice(0, 24)}…` : item.title} — ${CHECKLIST_STATE_LABEL[state]}`).catch((err: unknown) => {
      const fe = (err as { fieldErrors?: Record<string, string> }).fieldErrors;
      if (fe?.note) setNoteError(fe.note);
    });
  };
  /** A changed note on a confirmed item is saved with the same result. */
  const saveNote = () => {
    if (confirmed && (item.note ?? '') !== note.trim() && !(item.state === 'not_met' && !note.trim())) mark(item.state);
  };

  const tag = SOURCE_TAG[item.source];
  return (
    <li
      className={`check-item check-${item.state}${confirmed ? ' check-confirmed' : ''}`}
      role="group"
      aria-labelledby={titleId}
      id={itemDomId(item.itemId)}
      tabIndex={-1}
      data-testid={`check-${item.itemId}`}
    >
      <div className="check-main">
        <div className="check-title">
          <span id={titleId}>{item.title}</span>
          <Citation>{item.citation}</Citation>
        </div>
        <p className="check-status">
          <span className={`state-label check-state-${item.state}`} data-testid="check-state">
            {CHECKLIST_STATE_LABEL[item.state]}
          </span>
          <Badge tone={tag.tone}>{tag.text}</Badge>
          {confirmed && item.markedBy && (
            <span className="muted small">
              {item.markedBy} · {formatTimestamp(item.markedAt)}
            </span>
          )}
        </p>
        {item.suggestion && (
          <p className="check-suggestion">
            <span className="muted">规则建议：</span>
            <strong>{CHECKLIST_STATE_LABEL[item.suggestion.state]}</strong>。{item.suggestion.explanation}
          </p>
        )}
        {item.rules.length > 0 && (
          <p className="check-rules">
            <span className="muted">相关规则：</span>
            {item.rules.map((r) => (
              <button key={r.ruleId} type="button" className={`rule-link rule-link-${r.state}`} onClick={() => focusOnScreen(ruleDomId(r.ruleId))} title="转到该规则的结果">
                <span aria-hidden="true">{STATE_SYMBOL[r.state]}</span> {r.title}
                <span className="sr-only">（{RULE_STATE_LABEL[r.state]}）</span>
              </button>
            ))}
          </p>
        )}
        {canMark ? (
          <div className="check-note">
            <label htmlFor={noteId} className="sr-only">
              {item.title}的说明
            </label>
            <input
              id={noteId}
              type="text"
              placeholder={confirmed ? '说明（修改后按 Enter 保存）' : '说明（记为“不符合”时必填）'}
              value={note}
              maxLength={500}
              aria-invalid={noteError ? true : undefined}
              aria-describedby={noteError ? errorId(noteId) : undefined}
              onChange={(ev) => {
                setNote(ev.target.value);
                setNoteError(undefined);
              }}
              onBlur={(ev) => {
                // Going to this item's 符合/不符合/待定: the button saves the note with its own result.
                const to = ev.relatedTarget as HTMLElement | null;
                if (to && ev.currentTarget.closest('.check-item')?.querySelector('.check-actions')?.contains(to)) return;
                saveNote();
              }}
              onKeyDown={(ev) => {
                if (ev.key === 'Enter') {
                  ev.preventDefault();
                  saveNote();
                }
              }}
            />
            <FieldError id={noteId} error={noteError} />
          </div>
        ) : (
          item.note && <p className="material-note-text">说明：{item.note}</p>
        )}
        {(item.history.length > 0 || item.profileNote) && (
          <details className="check-more">
            <summary>{item.history.length > 0 ? `标记记录（${item.history.length} 次）` : '配置说明'}</summary>
            {item.profileNote && <p className="muted small">配置说明：{item.profileNote}</p>}
            {item.history.length > 0 && (
              <ol className="check-history">
                {item.history.map((h, i) => (
                  <li key={i}>
                    <span className="nowrap">{formatTimestamp(h.markedAt)}</span> {h.markedBy} 记为<strong>{CHECKLIST_STATE_LABEL[h.state]}</strong>
                    {h.note ? `：${h.note}` : ''}
                  </li>
                ))}
              </ol>
            )}
          </details>
        )}
      </div>
      <div className="check-actions">
        <div className="segmented" role="group" aria-label={`${item.title}的审核结果`} aria-describedby={canMark ? undefined : 'checklist-blocker'}>
          {CHECKLIST_STATES.map((s) => {
            const suggested = !confirmed && item.state === s && item.source === 'rules';
            return (
              <button
                key={s}
                type="button"
                className={`seg seg-check-${s}${suggested ? ' seg-suggested' : ''}`}
                aria-pressed={confirmed && item.state === s}
                disabled={!canMark}
                aria-busy={busy || undefined}
                title={suggested ? '规则建议的结果，按此确认' : undefined}
                onClick={() => mark(s)}
              >
                {CHECKLIST_STATE_LABEL[s]}
              </button>
            );
          })}
        </div>
      </div>
    </li>
  );
}
