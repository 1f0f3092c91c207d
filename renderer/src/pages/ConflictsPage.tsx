import { useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { api, ApiError } from '../api';
import { contract } from '../../../shared/contract/methods';
import { fieldErrorsOf } from '../../../shared/contract/validate';
import type { ConflictCell, ConflictsView } from '../../../shared/contract/slices/panel';
import { APPLICATION_STATUS_LABEL } from '../../../shared/domain/application';
import { CONFLICT_KINDS, CONFLICT_KIND_LABEL, type ConflictKind } from '../../../shared/rules/panel';
import { ApplicationStatusBadge, Badge } from '../components/Badge';
import { Dialog, DialogActions } from '../components/Dialog';
import { EditableReviewFrame } from '../components/EditableReviewFrame';
import { ChoiceGroup, TextAreaField } from '../components/Field';
import { LoadError, Loading } from '../components/Page';
import { errorMessage, useToast } from '../components/Toast';
import { useLoad } from '../components/useLoad';
import { formatTimestamp } from '../format';
import { Link } from '../router';

type ConflictMember = ConflictsView['members'][number];
type ConflictApp = ConflictsView['applications'][number];

const key = (memberId: string, applicationId: string) => `${memberId}|${applicationId}`;

interface CellLook {
  cls: string;
  symbol: string;
  short: string;
  text: string;
}

/** How a member × applicant cell reads: symbol and word, never colour alone. */
function look(cell: ConflictCell | undefined): CellLook {
  if (!cell) return { cls: 'clear', symbol: '', short: '—', text: '无回避记录' };
  if (cell.standing === 'flag_pending') return { cls: 'flag', symbol: '!', short: '系统提示', text: `系统提示可能存在利害关系，待确认：${cell.flags.map((f) => f.reason).join('；')}` };
  if (cell.standing === 'conflicted') {
    const kind = cell.kind ? CONFLICT_KIND_LABEL[cell.kind] : '回避';
    return { cls: 'conflicted', symbol: '✗', short: '回避', text: `回避（${kind}）${cell.note ? `：${cell.note}` : ''}` };
  }
  return { cls: 'cleared', symbol: '✓', short: '已排除', text: `已排除${cell.note ? `：${cell.note}` : ''}` };
}

/** 回避声明: member × applicant, the app's flags, and who stepped aside and why. */
export function ConflictsPage({ roundId }: { roundId: string }) {
  const view = useLoad(() => api['panel.conflicts']({ roundId }), [roundId]);
  const [open, setOpen] = useState<{ member: ConflictMember; app: ConflictApp } | null>(null);
  const [onlyMarked, setOnlyMarked] = useState(false);

  return (
    <EditableReviewFrame roundId={roundId} section="conflicts" wide lead={(r) => <p>{r.name} · 与申请机构存在利害关系的成员应当回避，不参加对该申请的评分和表决。</p>}>
      {(_r, editing) =>
        view.error ? (
          <LoadError error={view.error} onRetry={view.reload} />
        ) : !view.data ? (
          <Loading what="回避声明" />
        ) : (
          <>
            <Summary v={view.data} roundId={roundId} />
            <Matrix v={view.data} readOnly={editing.memberLaptop} onlyMarked={onlyMarked} setOnlyMarked={setOnlyMarked} onOpen={(member, app) => setOpen({ member, app })} />
            <Records v={view.data} />
            {open && (
              <ConflictDialog
                roundId={roundId}
                member={open.member}
                app={open.app}
                cell={view.data.cells.find((c) => c.memberId === open.member.id && c.applicationId === open.app.id)}
                blocker={editing.blocker}
                onClose={() => setOpen(null)}
                onSaved={(v) => {
                  view.setData(v);
                  setOpen(null);
                }}
              />
            )}
          </>
        )
      }
    </EditableReviewFrame>
  );
}

function Summary({ v, roundId }: { v: ConflictsView; roundId: string }) {
  const conflicted = v.cells.filter((c) => c.standing === 'conflicted').length;
  if (v.members.length === 0) {
    return (
      <div className="banner banner-neutral" role="note">
        <p>
          审核小组还没有成员。请先在<Link to={{ name: 'roundReview', roundId, section: 'panel' }}>审核小组</Link>页面加入成员。
        </p>
      </div>
    );
  }
  return (
    <div className={`banner ${v.pendingFlags > 0 ? 'banner-warn' : 'banner-neutral'}`} role="status" data-testid="conflicts-summary">
      <p>
        {v.members.length} 名成员 × {v.applications.length} 个申请：回避 <strong>{conflicted}</strong> 处；
        {v.pendingFlags > 0 ? (
          <>
            系统提示待确认 <strong data-testid="pending-flags">{v.pendingFlags}</strong> 处。确认回避或排除之前，该成员不能对该申请评分，也不能提交评分表。
          </>
        ) : (
          <>没有待确认的系统提示。</>
        )}
      </p>
    </div>
  );
}

function Matrix({
  v,
  readOnly,
  onlyMarked,
  setOnlyMarked,
  onOpen,
}: {
  v: ConflictsView;
  /** a member's laptop: the cells open the record to read */
  readOnly: boolean;
  onlyMarked: boolean;
  setOnlyMarked: (b: boolean) => void;
  onOpen: (m: ConflictMember, a: ConflictApp) => void;
}) {
  const cells = useMemo(() => new Map(v.cells.map((c) => [key(c.memberId, c.applicationId), c])), [v.cells]);
  const apps = onlyMarked ? v.applications.filter((a) => v.members.some((m) => cells.has(key(m.id, a.id)))) : v.applications;
  const [active, setActive] = useState<[number, number]>([0, 0]);
  const table = useRef<HTMLTableElement>(null);
  const ar = Math.min(active[0], Math.max(0, apps.length - 1));
  const ac = Math.min(active[1], Math.max(0, v.members.length - 1));

  const focusCell = (r: number, c: number) => {
    const rr = Math.max(0, Math.min(apps.length - 1, r));
    const cc = Math.max(0, Math.min(v.members.length - 1, c));
    setActive([rr, cc]);
    table.current?.querySelector<HTMLButtonElement>(`[data-cell="${rr}-${cc}"]`)?.focus();
  };
  const onKey = (e: KeyboardEvent<HTMLButtonElement>, r: number, c: number) => {
    const moves: Record<string, [number, number]> = {
      ArrowRight: [r, c + 1],
      ArrowLeft: [r, c - 1],
      ArrowDown: [r + 1, c],
      ArrowUp: [r - 1, c],
      Home: [r, 0],
      End: [r, v.members.length - 1],
    };
    const to = moves[e.key];
    if (to) {
      e.preventDefault();
      focusCell(to[0], to[1]);
    }
  };

  return (
    <section className="panel" aria-labelledby="cx-heading">
      <div className="panel-header">
        <h2 id="cx-heading">回避情况一览</h2>
        <label className="switch">
          <input type="checkbox" checked={onlyMarked} onChange={(e) => setOnlyMarked(e.target.checked)} />
          只显示有回避或系统提示的申请
        </label>
      </div>
      <ul className="matrix-legend cx-legend" aria-label="图例">
        <li>
          <span className="cx-sym cx-flag" aria-hidden="true">
            !
          </span>
          系统提示，待确认
        </li>
        <li>
          <span className="cx-sym cx-conflicted" aria-hidden="true">
            ✗
          </span>
          回避
        </li>
        <li>
          <span className="cx-sym cx-cleared" aria-hidden="true">
            ✓
          </span>
          已排除（经核实无利害关系）
        </li>
        <li>
          <span className="cx-sym cx-clear" aria-hidden="true" />
          无回避记录
        </li>
      </ul>
      {v.members.length === 0 || v.applications.length === 0 ? (
        <p className="muted">{v.applications.length === 0 ? '本批次还没有有效申请。' : '审核小组还没有成员。'}</p>
      ) : (
        <div className="table-wrap cx-wrap">
          <table className="cx-matrix" ref={table} data-testid="conflict-matrix">
            <caption className="table-caption">
              显示 {apps.length} / 共 {v.applications.length} 个申请
              <span className="muted small">{readOnly ? '（点击格子或按 Enter 查看回避记录；方向键在格子间移动）' : '（点击格子或按 Enter 声明回避、确认或排除系统提示；方向键在格子间移动）'}</span>
            </caption>
            <thead>
              <tr>
                <th scope="col" className="cx-app-h">
                  申请
                </th>
                {v.members.map((m) => (
                  <th key={m.id} scope="col" className="cx-member-h">
                    {m.name}
                    {m.role === 'chair' && <span className="muted small">（组长）</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {apps.map((a, r) => (
                <tr key={a.id}>
                  <th scope="row" className="cx-app">
                    <span className="mono small">{a.applicationNo}</span> {a.name}
                    {a.status !== 'accepted' && (
                      <span className="cx-status">
                        <ApplicationStatusBadge status={a.status} />
                      </span>
                    )}
                  </th>
                  {v.members.map((m, c) => {
                    const cell = cells.get(key(m.id, a.id));
                    const l = look(cell);
                    return (
                      <td key={m.id} className={`cx-cell cx-${l.cls}`}>
                        <button
                          type="button"
                          className="cx-button"
                          data-cell={`${r}-${c}`}
                          data-testid={`cx-${a.applicationNo}-${m.name}`}
                          tabIndex={r === ar && c === ac ? 0 : -1}
                          aria-label={`${m.name} × ${a.name}：${l.text}${cell?.hasScores ? '（已有评分）' : ''}`}
                          title={`${m.name} × ${a.name}\n${l.text}`}
                          onFocus={() => setActive([r, c])}
                          onKeyDown={(e) => onKey(e, r, c)}
                          onClick={() => onOpen(m, a)}
                        >
                          <span className="cx-symbol" aria-hidden="true">
                            {l.symbol}
                          </span>
                          <span aria-hidden="true">{l.short}</span>
                          {cell?.standing === 'conflicted' && cell.kind && (
                            <span className="cx-kind" aria-hidden="true">
                              {CONFLICT_KIND_LABEL[cell.kind].replace(/关系$/, '')}
                            </span>
                          )}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Records({ v }: { v: ConflictsView }) {
  const decided = v.cells.filter((c) => c.decision !== null);
  const names = new Map(v.members.map((m) => [m.id, m.name]));
  const apps = new Map(v.applications.map((a) => [a.id, a]));
  return (
    <section className="panel" aria-labelledby="cx-records">
      <div className="panel-header">
        <h2 id="cx-records">回避与排除记录</h2>
        <p className="material-tally">共 {decided.length} 条</p>
      </div>
      {decided.length === 0 ? (
        <p className="muted">还没有回避或排除记录。</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="conflict-records">
            <thead>
              <tr>
                <th scope="col">成员</th>
                <th scope="col">申请</th>
                <th scope="col">结果</th>
                <th scope="col">说明</th>
                <th scope="col">来源</th>
                <th scope="col">记录</th>
              </tr>
            </thead>
            <tbody>
              {decided.map((c) => {
                const a = apps.get(c.applicationId);
                return (
                  <tr key={key(c.memberId, c.applicationId)}>
                    <th scope="row">{names.get(c.memberId)}</th>
                    <td className="wrap">
                      {a && (
                        <>
                          <span className="mono small">{a.applicationNo}</span> {a.name}
                        </>
                      )}
                    </td>
                    <td>
                      {c.decision === 'conflicted' ? (
                        <Badge tone="danger">回避{c.kind ? `（${CONFLICT_KIND_LABEL[c.kind]}）` : ''}</Badge>
                      ) : (
                        <Badge tone="success">已排除</Badge>
                      )}
                      {c.hasScores && c.decision === 'conflicted' && <span className="muted small"> 此前的评分不再计入</span>}
                    </td>
                    <td className="wrap">{c.note ?? <span className="muted">—</span>}</td>
                    <td className="wrap">{c.source === 'flag' ? `系统提示：${c.flags.map((f) => f.reason).join('；')}` : '成员声明'}</td>
                    <td className="small">
                      {c.decidedBy} · {formatTimestamp(c.decidedAt)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

type Decision = 'conflicted' | 'cleared';

function ConflictDialog({
  roundId,
  member,
  app,
  cell,
  blocker,
  onClose,
  onSaved,
}: {
  roundId: string;
  member: ConflictMember;
  app: ConflictApp;
  cell: ConflictCell | undefined;
  /** why the record cannot be changed here; null when it can */
  blocker: string | null;
  onClose: () => void;
  onSaved: (v: ConflictsView) => void;
}) {
  const toast = useToast();
  const flags = cell?.flags ?? [];
  const canClear = flags.length > 0 || cell?.decision === 'conflicted';
  const [decision, setDecision] = useState<Decision | ''>(cell?.decision === 'conflicted' ? 'conflicted' : canClear ? '' : 'conflicted');
  const [kind, setKind] = useState<ConflictKind | ''>(cell?.kind ?? flags[0]?.kind ?? '');
  const [note, setNote] = useState(cell?.note ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const editable = blocker === null;

  const submit = async () => {
    if (busy || !editable) return;
    const input = {
      roundId,
      memberId: member.id,
      applicationId: app.id,
      decision: decision || undefined,
      ...(decision === 'conflicted' && kind ? { kind } : {}),
      note: note.trim(),
    };
    const r = contract['panel.setConflict'].input.safeParse(input);
    const e: Record<string, string> = r.success ? {} : fieldErrorsOf(r.error);
    if (flags.length > 0 && !note.trim() && !e.note) e.note = '系统提示的情形，确认回避或排除都须写明说明';
    setErrors(e);
    const first = ['decision', 'kind', 'note'].find((k) => e[k]);
    if (first) return document.getElementById(`cx-${first}`)?.querySelector<HTMLElement>('input')?.focus() ?? document.getElementById(`cx-${first}`)?.focus();
    setBusy(true);
    try {
      const v = await api['panel.setConflict'](r.data!);
      toast.success(decision === 'conflicted' ? `已记录：${member.name}就“${app.name}”回避` : `已排除：${member.name}与“${app.name}”`);
      onSaved(v);
    } catch (err) {
      const fe = err instanceof ApiError ? err.fieldErrors : undefined;
      setErrors(fe && Object.keys(fe).length ? fe : { form: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="回避声明"
      onClose={onClose}
      onSubmit={() => void submit()}
      wide
      testId="conflict-dialog"
      footer={<DialogActions label="保存" busyLabel="正在保存…" busy={busy} disabled={!editable} onCancel={onClose} />}
    >
      <dl className="cx-facts">
        <div>
          <dt>成员</dt>
          <dd>
            {member.name}
            {member.role === 'chair' && '（组长）'}
          </dd>
        </div>
        <div>
          <dt>申请</dt>
          <dd>
            <span className="mono">{app.applicationNo}</span> {app.name}
            <span className="muted small">（{APPLICATION_STATUS_LABEL[app.status]}）</span>
          </dd>
        </div>
      </dl>
      {flags.length > 0 && (
        <div className="banner banner-warn" role="note">
          <p>
            <strong>系统提示</strong>：可能存在利害关系
          </p>
          <ul className="issue-list">
            {flags.map((f, i) => (
              <li key={i}>
                {f.reason}（{CONFLICT_KIND_LABEL[f.kind]}）
              </li>
            ))}
          </ul>
          <p className="small">请与该成员核实：确有利害关系的选“回避”，经核实没有的选“排除”，并写明说明。</p>
        </div>
      )}
      {cell?.decision && (
        <p className="small">
          当前记录：<strong>{look(cell).text}</strong>
          <span className="muted">
            （{cell.decidedBy} · {formatTimestamp(cell.decidedAt)}）
          </span>
        </p>
      )}
      {cell?.hasScores && (
        <div className="banner banner-error" role="note">
          <p>
            {member.name}已对该申请评分。确认回避后，<strong>这些评分将不再计入</strong>该申请的得分（评分记录保留）。
          </p>
        </div>
      )}
      {errors.form && (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      )}
      {blocker && <p className="blocker">{blocker}，不能修改回避记录。</p>}
      <ChoiceGroup<Decision>
        id="cx-decision"
        legend="处理"
        type="radio"
        required
        vertical
        options={[
          { value: 'conflicted', label: '回避', hint: '该成员不参加对该申请的评分和表决' },
          ...(canClear
            ? [{ value: 'cleared' as const, label: cell?.decision === 'conflicted' ? '撤销回避（排除）' : '排除', hint: '经核实不存在利害关系，须写明理由' }]
            : []),
        ]}
        value={decision || undefined}
        error={errors.decision}
        onChange={(v) => {
          setDecision(v as Decision);
          setErrors({});
        }}
      />
      {decision === 'conflicted' && (
        <ChoiceGroup<ConflictKind>
          id="cx-kind"
          legend="利害关系类型"
          type="radio"
          required
          options={CONFLICT_KINDS.map((k) => ({ value: k, label: CONFLICT_KIND_LABEL[k] }))}
          value={kind || undefined}
          error={errors.kind}
          onChange={(v) => {
            setKind(v as ConflictKind);
            setErrors({});
          }}
        />
      )}
      <TextAreaField
        id="cx-note"
        label="说明"
        required={decision === 'cleared' || kind === 'other' || flags.length > 0}
        value={note}
        error={errors.note}
        placeholder={decision === 'cleared' ? '如：经核实，该成员与申请机构法定代表人同名，并非同一人' : '如：其配偶在该机构任职'}
        onChange={(e) => {
          setNote(e.target.value);
          if (errors.note) setErrors({ ...errors, note: '' });
        }}
      />
    </Dialog>
  );
}
