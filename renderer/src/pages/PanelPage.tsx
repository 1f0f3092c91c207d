import { useMemo, useRef, useState, type ReactNode } from 'react';
import { api, ApiError } from '../api';
import type { PanelView, Person } from '../../../shared/contract/slices/panel';
import { EXPERTISE_FIELD_LABEL, type ExpertiseField } from '../../../shared/domain/enums';
import { normalizeName, PANEL_ROLE_LABEL } from '../../../shared/rules/panel';
import { Badge } from '../components/Badge';
import { ConfirmDialog, Dialog, DialogActions } from '../components/Dialog';
import { EditableReviewFrame } from '../components/EditableReviewFrame';
import { TextAreaField } from '../components/Field';
import { Kbd, LoadError, Loading } from '../components/Page';
import { PersonDialog, PinDialog, ResetPinDialog } from '../components/PersonDialogs';
import { PinField, checkPin } from '../components/PinField';
import { Citation } from '../components/RuleState';
import { errorMessage, useToast } from '../components/Toast';
import { useHotkey } from '../components/useHotkey';
import { useLoad } from '../components/useLoad';
import { formatTimestamp, toHalfWidth } from '../format';

type Member = PanelView['members'][number];
type Coverage = PanelView['validation']['coverage'][number];

type DialogState =
  | { kind: 'person'; person: Person | null }
  | { kind: 'pin'; person: Person }
  | { kind: 'reset'; person: Person }
  | { kind: 'remove'; member: Member }
  | { kind: 'ack'; coverage: Coverage }
  | null;

const fieldsText = (fields: readonly ExpertiseField[]) => fields.map((f) => EXPERTISE_FIELD_LABEL[f]).join('、');

/** 审核小组: the people library, the round's panel, field coverage and the panel rule. */
export function PanelPage({ roundId }: { roundId: string }) {
  const toast = useToast();
  const panel = useLoad(() => api['panel.get']({ roundId }), [roundId]);
  const persons = useLoad(() => api['persons.list']({}), []);
  const [query, setQuery] = useState('');
  const [dialog, setDialog] = useState<DialogState>(null);
  const [busy, setBusy] = useState(false);
  const search = useRef<HTMLInputElement>(null);

  useHotkey('Alt+F', () => search.current?.focus());

  const shownPersons = useMemo(() => {
    const q = normalizeName(toHalfWidth(query));
    return (persons.data ?? []).filter((p) => !q || normalizeName(p.name).includes(q) || normalizeName(p.employer).includes(q) || fieldsText(p.fields).includes(query.trim()));
  }, [persons.data, query]);

  const act = async (fn: () => Promise<PanelView>, done: string) => {
    if (busy) return;
    setBusy(true);
    try {
      panel.setData(await fn());
      toast.success(done);
    } catch (e) {
      toast.fromError(e);
    } finally {
      setBusy(false);
    }
  };

  const close = () => setDialog(null);
  /** A person's record changed (信息 or PIN): both lists show it. */
  const closeAndRefresh = () => {
    setDialog(null);
    void persons.reload();
    void panel.reload();
  };

  return (
    <EditableReviewFrame
      roundId={roundId}
      section="panel"
      lead={(r) =>
        panel.data ? (
          <p>
            {r.name} · 本地区要求：审核小组不少于{panel.data.rule.minMembers}人{panel.data.rule.oddOnly ? '且为单数' : ''}，由
            {fieldsText(panel.data.rule.fields)}等领域的专业人员构成
            <Citation>{panel.data.rule.citation}</Citation>
          </p>
        ) : (
          <p>{r.name}</p>
        )
      }
    >
      {(_round, { memberLaptop }) =>
        panel.error ? (
          <LoadError error={panel.error} onRetry={panel.reload} />
        ) : !panel.data ? (
          <Loading what="审核小组" />
        ) : (
          <>
            {panel.data.rule.note && <p className="muted small">配置说明：{panel.data.rule.note}</p>}
            {panel.data.scoringStarted && !memberLaptop && (
              <div className="banner banner-warn" role="note" data-testid="scoring-started-banner">
                <p>
                  <strong>评分已经开始</strong>（评分细则已确定）。此后调整成员，审核小组须仍符合要求；已有评分记录的成员不能移出。
                </p>
              </div>
            )}
            <Validation view={panel.data} />
            <MembersSection
              view={panel.data}
              readOnly={memberLaptop}
              busy={busy}
              personOf={(m) => persons.data?.find((p) => p.id === m.personId)}
              onChair={(m) => void act(() => api['panel.setChair']({ roundId, memberId: m.id }), `已将${m.name}设为组长`)}
              onRemove={(m) => setDialog({ kind: 'remove', member: m })}
              onPin={(p) => setDialog({ kind: 'pin', person: p })}
            />
            <CoverageSection view={panel.data} readOnly={memberLaptop} onAck={(c) => setDialog({ kind: 'ack', coverage: c })} />
            <section className="panel" aria-labelledby="people-heading">
              <div className="panel-header">
                <h2 id="people-heading">人员库</h2>
                <div className="table-tools">
                  <label className="inline-label" htmlFor="person-search">
                    搜索
                  </label>
                  <input
                    id="person-search"
                    ref={search}
                    type="search"
                    className="search-input"
                    placeholder="姓名、工作单位或专业领域"
                    aria-keyshortcuts="Alt+F"
                    value={query}
                    onChange={(e) => setQuery(e.target.value)}
                  />
                  {!memberLaptop && <NewPersonButton onClick={() => setDialog({ kind: 'person', person: null })} />}
                </div>
              </div>
              {!memberLaptop && <p className="muted small">人员信息各批次共用，只需录入一次。PIN由本人设置；忘记PIN时由经办人重置（须说明原因）后本人重新设置。</p>}
              {persons.error ? (
                <LoadError error={persons.error} onRetry={persons.reload} />
              ) : !persons.data ? (
                <Loading what="人员" />
              ) : (
                <PeopleTable
                  persons={shownPersons}
                  total={persons.data.length}
                  view={panel.data}
                  readOnly={memberLaptop}
                  busy={busy}
                  onAdd={(p) => void act(() => api['panel.addMember']({ roundId, personId: p.id }), `已将${p.name}加入审核小组`)}
                  onEdit={(p) => setDialog({ kind: 'person', person: p })}
                  onPin={(p) => setDialog({ kind: 'pin', person: p })}
                  onReset={(p) => setDialog({ kind: 'reset', person: p })}
                />
              )}
            </section>

            {dialog?.kind === 'person' && <PersonDialog person={dialog.person} onClose={close} onSaved={closeAndRefresh} />}
            {dialog?.kind === 'pin' && <PinDialog person={dialog.person} onClose={close} onDone={closeAndRefresh} />}
            {dialog?.kind === 'reset' && <ResetPinDialog person={dialog.person} onClose={close} onDone={closeAndRefresh} />}
            {dialog?.kind === 'remove' && (
              <ConfirmDialog
                title="移出审核小组"
                confirmLabel="确认移出"
                danger
                busy={busy}
                onClose={close}
                onConfirm={() => {
                  const m = dialog.member;
                  setDialog(null);
                  void act(() => api['panel.removeMember']({ roundId, memberId: m.id }), `已将${m.name}移出审核小组`);
                }}
              >
                <p>
                  将<strong>{dialog.member.name}</strong>移出本批次审核小组？其人员信息仍保留在人员库中，可以再次加入。
                </p>
                {dialog.member.role === 'chair' && <p className="blocker">{dialog.member.name}是组长，移出后须另行指定组长。</p>}
              </ConfirmDialog>
            )}
            {dialog?.kind === 'ack' && (
              <AckGapDialog
                roundId={roundId}
                view={panel.data}
                coverage={dialog.coverage}
                onClose={close}
                onDone={(v) => {
                  panel.setData(v);
                  setDialog(null);
                }}
              />
            )}
          </>
        )
      }
    </EditableReviewFrame>
  );
}

/** 新增人员, with its shortcut (only where people can be added). */
function NewPersonButton({ onClick }: { onClick: () => void }) {
  useHotkey('Alt+N', onClick);
  return (
    <button type="button" className="btn btn-primary" aria-keyshortcuts="Alt+N" onClick={onClick}>
      新增人员 <Kbd>Alt+N</Kbd>
    </button>
  );
}

function Validation({ view }: { view: PanelView }) {
  const v = view.validation;
  const chair = view.members.find((m) => m.role === 'chair');
  if (v.valid) {
    return (
      <div className="banner banner-success" role="status" data-testid="panel-validation">
        <p>
          <strong>审核小组符合要求</strong>：{v.size}人，组长{chair?.name ?? '—'}；
          {v.coverage.every((c) => c.state === 'covered') ? '各领域均有成员' : `${v.coverage.filter((c) => c.state === 'acknowledged').length}个领域缺少成员，组长已说明`}。
        </p>
      </div>
    );
  }
  return (
    <div className="banner banner-error" role="alert" data-testid="panel-validation">
      <p>
        <strong>审核小组尚不符合要求（{v.issues.length}个问题）</strong>，不能开始评分或表决：
      </p>
      <ul className="issue-list">
        {v.issues.map((i, k) => (
          <li key={k}>
            {i.message}
            <Citation>{i.citation}</Citation>
          </li>
        ))}
      </ul>
    </div>
  );
}

function MembersSection({
  view,
  readOnly,
  busy,
  personOf,
  onChair,
  onRemove,
  onPin,
}: {
  view: PanelView;
  /** a member's laptop: no PIN and no actions */
  readOnly: boolean;
  busy: boolean;
  personOf: (m: Member) => Person | undefined;
  onChair: (m: Member) => void;
  onRemove: (m: Member) => void;
  onPin: (p: Person) => void;
}) {
  const odd = view.rule.oddOnly ? '，须为单数' : '';
  const editable = view.roundOpen;
  return (
    <section className="panel" aria-labelledby="members-heading">
      <div className="panel-header">
        <h2 id="members-heading">本批次审核小组</h2>
        <p className="material-tally" data-testid="panel-size">
          现有 {view.members.length} 人（不少于{view.rule.minMembers}人{odd}）
        </p>
      </div>
      <PersonTable
        testId="members-table"
        caption={<caption className="sr-only">审核小组成员</caption>}
        lead={<th scope="col">角色</th>}
        withActions={!readOnly}
        empty="还没有成员。请从下方“人员库”中选择人员加入。"
        rows={view.members.map((m) => {
          const person = personOf(m);
          const removeBlocker = m.hasScores ? `${m.name}已有评分记录，不能移出（评分记录不可删除）` : '';
          return (
            <tr key={m.id} data-testid={`member-${m.name}`}>
              <th scope="row">{m.name}</th>
              <td>{m.role === 'chair' ? <Badge tone="info">组长</Badge> : PANEL_ROLE_LABEL[m.role]}</td>
              <PersonCells p={m} withPin={!readOnly} />
              {!readOnly && (
                <td>
                  <div className="row-actions">
                    {m.role !== 'chair' && (
                      <button type="button" className="btn btn-small" disabled={!editable || busy} onClick={() => onChair(m)} aria-label={`设${m.name}为组长`}>
                        设为组长
                      </button>
                    )}
                    {person && (
                      <button type="button" className="btn btn-small" onClick={() => onPin(person)} aria-label={`${m.hasPin ? '修改' : '设置'}${m.name}的PIN`}>
                        {m.hasPin ? '修改PIN' : '设置PIN'}
                      </button>
                    )}
                    <span className="blocked-inline">
                      <button
                        type="button"
                        className="btn btn-small btn-danger-outline"
                        disabled={!editable || busy || m.hasScores}
                        aria-describedby={removeBlocker ? `rm-${m.id}` : undefined}
                        onClick={() => onRemove(m)}
                        aria-label={`将${m.name}移出审核小组`}
                      >
                        移出
                      </button>
                      {removeBlocker && (
                        <span id={`rm-${m.id}`} className="blocker">
                          {removeBlocker}
                        </span>
                      )}
                    </span>
                  </div>
                </td>
              )}
            </tr>
          );
        })}
      />
    </section>
  );
}

/**
 * The members' and the people's tables: 姓名, `lead` (角色 in the members'),
 * 专业领域, 工作单位, 联系方式, then 个人PIN and 操作 where the table has
 * actions (not on a member's laptop); a row each, or `empty`.
 */
function PersonTable({ testId, caption, lead, withActions, empty, rows }: { testId: string; caption: ReactNode; lead?: ReactNode; withActions: boolean; empty: string; rows: ReactNode[] }) {
  const columns = 4 + (lead ? 1 : 0) + (withActions ? 2 : 0);
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid={testId}>
        {caption}
        <thead>
          <tr>
            <th scope="col">姓名</th>
            {lead}
            <th scope="col">专业领域</th>
            <th scope="col">工作单位</th>
            <th scope="col">联系方式</th>
            {withActions && (
              <>
                <th scope="col">个人PIN</th>
                <th scope="col">操作</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr className="empty-row">
              <td colSpan={columns}>{empty}</td>
            </tr>
          ) : (
            rows
          )}
        </tbody>
      </table>
    </div>
  );
}

/** 专业领域, 工作单位, 联系方式 and (on the clerk's laptop) 个人PIN of a person, in the members' and the people's tables. */
function PersonCells({ p, withPin }: { p: Pick<Person, 'fields' | 'employer' | 'contact' | 'hasPin'>; withPin: boolean }) {
  return (
    <>
      <td className="wrap">{fieldsText(p.fields)}</td>
      <td className="wrap">{p.employer ?? <span className="muted">—</span>}</td>
      <td>{p.contact ?? <span className="muted">—</span>}</td>
      {withPin && <td>{p.hasPin ? <span className="ok-text">已设置</span> : <Badge tone="warn">未设置</Badge>}</td>}
    </>
  );
}

const COVERAGE_TEXT: Record<Coverage['state'], { symbol: string; text: string; cls: string }> = {
  covered: { symbol: '✓', text: '已覆盖', cls: 'pass' },
  acknowledged: { symbol: '✓', text: '组长已说明', cls: 'warning' },
  gap: { symbol: '✗', text: '缺少', cls: 'fail' },
};

function CoverageSection({ view, readOnly, onAck }: { view: PanelView; readOnly: boolean; onAck: (c: Coverage) => void }) {
  const editable = view.roundOpen;
  const names = new Map(view.members.map((m) => [m.id, m.name]));
  const chair = view.members.find((m) => m.role === 'chair');
  return (
    <section className="panel" aria-labelledby="coverage-heading">
      <div className="panel-header">
        <h2 id="coverage-heading">专业领域覆盖</h2>
        <p className="material-tally">
          {view.validation.coverage.filter((c) => c.state !== 'gap').length} / {view.validation.coverage.length} 个领域已覆盖或已说明
        </p>
      </div>
      <ul className="coverage-grid" data-testid="coverage-grid">
        {view.validation.coverage.map((c) => {
          const t = COVERAGE_TEXT[c.state];
          const blocker = !editable ? '本批次已关闭' : !chair ? '请先指定组长' : !chair.hasPin ? `组长${chair.name}尚未设置PIN` : '';
          return (
            <li key={c.field} className={`coverage-cell coverage-${c.state}`} data-testid={`coverage-${c.field}`}>
              <div className="coverage-head">
                <span className="coverage-label">{c.label}</span>
                <span className={`rule-chip rule-chip-${t.cls}`}>
                  <span className="rule-chip-symbol" aria-hidden="true">
                    {t.symbol}
                  </span>
                  {t.text}
                </span>
              </div>
              {c.state === 'covered' && <p className="coverage-body">{c.memberIds.map((id) => names.get(id) ?? id).join('、')}</p>}
              {c.state === 'acknowledged' && c.acknowledgement && (
                <p className="coverage-body">
                  {c.acknowledgement.note}
                  <span className="muted small">
                    {' '}
                    — {c.acknowledgement.byName}（组长）· {formatTimestamp(c.acknowledgement.at)}
                  </span>
                </p>
              )}
              {c.state === 'gap' && (
                <div className="coverage-body">
                  <p className="small">没有该领域的成员：请增加成员，或由组长说明原因。</p>
                  {!readOnly && (
                    <>
                      <button type="button" className="btn btn-small" disabled={!!blocker} aria-describedby={blocker ? `ack-blk-${c.field}` : undefined} onClick={() => onAck(c)}>
                        组长说明…
                      </button>
                      {blocker && (
                        <span id={`ack-blk-${c.field}`} className="blocker">
                          {blocker}
                        </span>
                      )}
                    </>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function PeopleTable({
  persons,
  total,
  view,
  readOnly,
  busy,
  onAdd,
  onEdit,
  onPin,
  onReset,
}: {
  persons: Person[];
  total: number;
  view: PanelView;
  /** a member's laptop: no PIN and no actions */
  readOnly: boolean;
  busy: boolean;
  onAdd: (p: Person) => void;
  onEdit: (p: Person) => void;
  onPin: (p: Person) => void;
  onReset: (p: Person) => void;
}) {
  const onPanel = new Set(view.members.map((m) => m.personId));
  const editable = view.roundOpen;
  return (
    <PersonTable
      testId="people-table"
      caption={
        <caption>
          显示 {persons.length} / 共 {total} 人
        </caption>
      }
      withActions={!readOnly}
      empty={total > 0 ? '没有符合条件的人员。' : readOnly ? '人员库还没有人员。' : '人员库还没有人员。请点击“新增人员”（Alt+N）。'}
      rows={persons.map((p) => (
        <tr key={p.id} data-testid={`person-${p.name}`}>
          <th scope="row">{p.name}</th>
          <PersonCells p={p} withPin={!readOnly} />
          {!readOnly && (
            <td>
              <div className="row-actions">
                {onPanel.has(p.id) ? (
                  <span className="muted small">已在本批次小组</span>
                ) : (
                  <button type="button" className="btn btn-small btn-primary" disabled={!editable || busy} onClick={() => onAdd(p)} aria-label={`将${p.name}加入审核小组`}>
                    加入小组
                  </button>
                )}
                <button type="button" className="btn btn-small" onClick={() => onEdit(p)} aria-label={`修改${p.name}的信息`}>
                  修改
                </button>
                <button type="button" className="btn btn-small" onClick={() => onPin(p)} aria-label={`${p.hasPin ? '修改' : '设置'}${p.name}的PIN`}>
                  {p.hasPin ? '修改PIN' : '设置PIN'}
                </button>
                {p.hasPin && (
                  <button type="button" className="btn btn-small btn-danger-outline" onClick={() => onReset(p)} aria-label={`重置${p.name}的PIN`}>
                    重置PIN
                  </button>
                )}
              </div>
            </td>
          )}
        </tr>
      ))}
    />
  );
}

/** The chair, with their PIN, explains why a field of the profile has no member. */
function AckGapDialog({ roundId, view, coverage, onClose, onDone }: { roundId: string; view: PanelView; coverage: Coverage; onClose: () => void; onDone: (v: PanelView) => void }) {
  const toast = useToast();
  const chair = view.members.find((m) => m.role === 'chair')!;
  const [note, setNote] = useState('');
  const [pin, setPin] = useState('');
  const [errors, setErrors] = useState<{ note?: string | undefined; pin?: string | undefined; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy) return;
    const e: typeof errors = {};
    if (!note.trim()) e.note = '请填写缺少该领域成员的说明';
    const p = checkPin(pin, '请组长输入PIN');
    e.pin = p.error;
    setErrors(e);
    if (e.note) return document.getElementById('ack-note')?.focus();
    if (e.pin) return document.getElementById('ack-pin')?.focus();
    setBusy(true);
    try {
      const v = await api['panel.acknowledgeGap']({ roundId, field: coverage.field, note: note.trim(), chairMemberId: chair.id, pin: p.value! });
      toast.success(`组长已说明“${coverage.label}”领域缺少成员的原因`);
      onDone(v);
    } catch (err) {
      const fe = err instanceof ApiError ? err.fieldErrors : undefined;
      setPin('');
      if (fe?.pin) setErrors({ pin: fe.pin });
      else if (fe?.note) setErrors({ note: fe.note });
      else setErrors({ form: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={`说明缺少“${coverage.label}”领域成员`}
      onClose={onClose}
      onSubmit={() => void submit()}
      testId="ack-dialog"
      footer={<DialogActions label="组长确认" busyLabel="正在核对…" busy={busy} onCancel={onClose} />}
    >
      <p>
        本地区要求审核小组由{fieldsText(view.rule.fields)}等领域的专业人员构成<Citation>{view.rule.citation}</Citation>。没有“{coverage.label}”领域成员时，须由组长
        <strong>{chair.name}</strong>写明原因并输入本人PIN确认。
      </p>
      {errors.form && (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      )}
      <TextAreaField
        id="ack-note"
        label="说明"
        required
        value={note}
        error={errors.note}
        placeholder="如：本地区暂无该领域专家，由医保中心信息科人员列席提供意见"
        onChange={(e) => {
          setNote(e.target.value);
          setErrors({ ...errors, note: undefined });
        }}
      />
      <PinField
        id="ack-pin"
        label={`组长${chair.name}的PIN`}
        value={pin}
        error={errors.pin}
        onChange={(v) => {
          setPin(v);
          setErrors({ ...errors, pin: undefined });
        }}
      />
    </Dialog>
  );
}
