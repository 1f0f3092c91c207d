import { useEffect, useState } from 'react';
import { api } from '../api';
import { aggregationConfigSchema, type RubricState } from '../../../shared/contract/slices/scoring';
import { fieldErrorsOf } from '../../../shared/contract/validate';
import type { RubricDefinition } from '../../../shared/rubric/rubric';
import { Badge } from '../components/Badge';
import { ConfirmDialog } from '../components/Dialog';
import { FieldError, TextAreaField, errorId } from '../components/Field';
import { Kbd, LoadError, Loading } from '../components/Page';
import { EditableReviewFrame } from '../components/EditableReviewFrame';
import { EMPTY_RUBRIC, RubricEditor, RubricIssueList, RubricReadOnly, fromDefinition, useRubricDraft } from '../components/RubricEditor';
import { useToast } from '../components/Toast';
import { useHotkey } from '../components/useHotkey';
import { useLoad } from '../components/useLoad';
import { formatTimestamp, toHalfWidth } from '../format';
import { Link } from '../router';

type Mode = 'view' | 'edit' | 'newVersion';

/** 评分细则: template, editor, 开始评分 (freeze), versions, and the round's 计分规则. */
export function RubricPage({ roundId }: { roundId: string }) {
  const toast = useToast();
  const st = useLoad(() => api['rubric.get']({ roundId }), [roundId]);
  const templates = useLoad(() => api['rubric.templates']({ roundId }), [roundId]);
  const draft = useRubricDraft(null);
  const [mode, setMode] = useState<Mode>('view');
  const [showAll, setShowAll] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [confirmFreeze, setConfirmFreeze] = useState(false);

  const current = st.data?.current ?? null;
  // A draft on the server opens in the editor.
  useEffect(() => {
    if (current?.status === 'draft' && mode === 'view') {
      draft.reset(fromDefinition(current.definition), true);
      setMode('edit');
    }
  }, [current?.id, current?.status]);

  const saved = (s: RubricState, message: string) => {
    st.setData(s);
    if (s.current?.status === 'draft') {
      draft.reset(fromDefinition(s.current.definition), true);
      setMode('edit');
    } else {
      draft.reset(null, false);
      setMode('view');
    }
    setShowAll(false);
    setReason('');
    toast.success(message);
  };

  const save = async () => {
    if (busy || !draft.ed || !draft.check || (mode !== 'edit' && mode !== 'newVersion')) return;
    if (!draft.check.definition) {
      setShowAll(true);
      toast.error('评分细则有未填写或格式不对的内容，请按提示修改后再保存');
      return;
    }
    if (mode === 'newVersion' && !reason.trim()) {
      setReasonError('请填写修订原因');
      document.getElementById('rb-reason')?.focus();
      return;
    }
    setBusy(true);
    try {
      if (mode === 'newVersion') {
        saved(await api['rubric.newVersion']({ roundId, reason: reason.trim(), definition: draft.check.definition }), `已建立第${(current?.version ?? 0) + 1}版评分细则草稿`);
      } else {
        saved(await api['rubric.saveDraft']({ roundId, definition: draft.check.definition }), '评分细则草稿已保存');
      }
    } catch (e) {
      toast.fromError(e);
    } finally {
      setBusy(false);
    }
  };
  useHotkey('Ctrl+S', () => void save(), mode !== 'view');

  const freeze = async () => {
    setBusy(true);
    try {
      saved(await api['rubric.freeze']({ roundId }), '评分细则已确定，评分开始');
    } catch (e) {
      toast.fromError(e);
    } finally {
      setBusy(false);
      setConfirmFreeze(false);
    }
  };

  const startFrom = (def: RubricDefinition) => {
    draft.reset(fromDefinition(def), false);
    setMode('edit');
    setShowAll(false);
  };

  return (
    <EditableReviewFrame roundId={roundId} section="rubric" lead={(r) => <p>{r.name} · 先核基础性指标，再按差异化指标评分排序（001）。评分开始后评分细则不能修改，修改须新建版本并说明原因。</p>}>
      {(_r, { editable, memberLaptop }) =>
        st.error ? (
          <LoadError error={st.error} onRetry={st.reload} />
        ) : !st.data ? (
          <Loading what="评分细则" />
        ) : (
          <>
            <StatusBanner st={st.data} />
            {mode === 'view' && !current && !draft.ed && !memberLaptop && <TemplateChooser templates={templates} disabled={!editable} onPick={startFrom} />}
            {mode === 'view' && current && current.status === 'frozen' && (
              <RubricReadOnly def={current.definition}>
                {!memberLaptop && (
                  <div className="form-actions">
                    <button
                      type="button"
                      className="btn"
                      disabled={!!st.data.blockers.newVersion}
                      aria-describedby={st.data.blockers.newVersion ? 'nv-blocker' : undefined}
                      onClick={() => {
                        draft.reset(fromDefinition(current.definition), false);
                        setReason('');
                        setReasonError(undefined);
                        setMode('newVersion');
                      }}
                    >
                      新建版本…
                    </button>
                    {st.data.blockers.newVersion && (
                      <span id="nv-blocker" className="blocker">
                        {st.data.blockers.newVersion}
                      </span>
                    )}
                    <span className="muted small">新版本确定后，此前各版本的评分不再计入，成员须按新版本重新评分。</span>
                  </div>
                )}
              </RubricReadOnly>
            )}
            {(mode === 'edit' || mode === 'newVersion') && draft.ed && draft.check && (
              <>
                {mode === 'newVersion' && (
                  <section className="form-section" aria-labelledby="nv-h">
                    <h2 id="nv-h">新建第{(current?.version ?? 0) + 1}版</h2>
                    <p>第{current?.version}版已确定并已开始评分。新版本保存后为草稿，确定（开始评分）前评分暂停；确定后成员须按新版本评分。</p>
                    <TextAreaField
                      id="rb-reason"
                      label="修订原因"
                      required
                      value={reason}
                      error={reasonError}
                      onChange={(e) => {
                        setReason(e.target.value);
                        setReasonError(undefined);
                      }}
                    />
                  </section>
                )}
                {mode === 'edit' && !current && (
                  <div className="banner banner-warn" role="note">
                    <p>已按所选模板填入，尚未保存。修改后按“保存草稿”（Ctrl+S）。</p>
                  </div>
                )}
                <RubricIssueList check={draft.check} showAll={showAll} />
                <RubricEditor value={draft.ed} onChange={draft.setEd} check={draft.check} showAll={showAll} disabled={!editable} rules={templates.data?.[0]?.definition.basic} />
                <div className="form-actions sticky-actions" data-testid="rubric-actions">
                  <button type="button" className="btn btn-primary" disabled={busy || !editable} onClick={() => void save()} aria-keyshortcuts="Ctrl+S">
                    {mode === 'newVersion' ? `保存为第${(current?.version ?? 0) + 1}版草稿` : '保存草稿'} <Kbd>Ctrl+S</Kbd>
                  </button>
                  {mode === 'edit' && current?.status === 'draft' && <FreezeButton st={st.data} dirty={draft.dirty} issues={draft.check.count} busy={busy} onFreeze={() => setConfirmFreeze(true)} />}
                  {(mode === 'newVersion' || (mode === 'edit' && !current)) && (
                    <button
                      type="button"
                      className="btn"
                      onClick={() => {
                        draft.reset(null, false);
                        setMode('view');
                      }}
                    >
                      放弃
                    </button>
                  )}
                  {mode === 'edit' && current?.status === 'draft' && draft.dirty && (
                    <button type="button" className="btn" onClick={() => draft.reset(fromDefinition(current.definition), true)}>
                      放弃修改
                    </button>
                  )}
                  <span className={draft.dirty ? 'dirty-note' : 'muted small'} aria-live="polite">
                    {draft.dirty ? '有未保存的修改' : current?.status === 'draft' ? `第${current.version}版草稿已保存` : ''}
                  </span>
                </div>
              </>
            )}
            <ConfigSection roundId={roundId} st={st.data} disabled={!editable} readOnly={memberLaptop} onSaved={(s) => saved(s, '计分规则已保存')} />
            <Versions st={st.data} />
            {confirmFreeze && current && (
              <ConfirmDialog title="开始评分" confirmLabel="确定评分细则，开始评分" busy={busy} onClose={() => setConfirmFreeze(false)} onConfirm={() => void freeze()}>
                <p>
                  确定第{current.version}版评分细则（{current.criteriaCount}个评分项，共{current.definition.totalPoints}分）后，评分细则<strong>不能再修改</strong>
                  ，审核小组成员即可登录评分。
                </p>
                <p>如确需修改，须新建版本并说明原因；新版本确定后，此前的评分不再计入。</p>
              </ConfirmDialog>
            )}
            <p className="muted small">
              评分前请确认审核小组符合要求（<Link to={{ name: 'roundReview', roundId, section: 'panel' }}>审核小组</Link>）并处理回避（
              <Link to={{ name: 'roundReview', roundId, section: 'conflicts' }}>回避声明</Link>）。
            </p>
          </>
        )
      }
    </EditableReviewFrame>
  );
}

function StatusBanner({ st }: { st: RubricState }) {
  const c = st.current;
  if (!c) {
    return (
      <div className="banner banner-neutral" role="status" data-testid="rubric-status">
        <p>本批次还没有评分细则。请从模板开始，按本地区实际调整后保存，再“开始评分”。</p>
      </div>
    );
  }
  if (c.status === 'frozen') {
    return (
      <div className="banner banner-success" role="status" data-testid="rubric-status">
        <p>
          <strong>第{c.version}版已确定，评分进行中</strong>（{c.frozenBy} · {formatTimestamp(c.frozenAt)}）：{c.definition.title}，{c.criteriaCount}个评分项，共{c.definition.totalPoints}分。
          {c.reason && <> 修订原因：{c.reason}</>}
        </p>
      </div>
    );
  }
  return (
    <div className="banner banner-warn" role="status" data-testid="rubric-status">
      <p>
        <strong>第{c.version}版草稿</strong>，尚未开始评分。{c.version > 1 && <>修订原因：{c.reason}。确定前评分暂停。</>}
      </p>
    </div>
  );
}

function FreezeButton({ st, dirty, issues, busy, onFreeze }: { st: RubricState; dirty: boolean; issues: number; busy: boolean; onFreeze: () => void }) {
  const blocker = dirty ? '有未保存的修改，请先保存草稿' : issues > 0 ? `评分细则有${issues}处问题，须先修改` : st.blockers.freeze;
  return (
    <span className="blocked-inline">
      <button type="button" className="btn btn-success" disabled={busy || !!blocker} aria-describedby={blocker ? 'freeze-blocker' : undefined} onClick={onFreeze}>
        开始评分…
      </button>
      {blocker && (
        <span id="freeze-blocker" className="blocker" data-testid="freeze-blocker">
          不能开始评分：{blocker}
        </span>
      )}
    </span>
  );
}

function TemplateChooser({ templates, disabled, onPick }: { templates: ReturnType<typeof useLoad<Awaited<ReturnType<(typeof api)['rubric.templates']>>>>; disabled: boolean; onPick: (d: RubricDefinition) => void }) {
  if (templates.error) return <LoadError error={templates.error} onRetry={templates.reload} />;
  if (!templates.data) return <Loading what="模板" />;
  return (
    <section className="panel" aria-labelledby="tpl-h">
      <h2 id="tpl-h">从模板开始</h2>
      <ul className="template-list">
        {templates.data.map((t) => {
          const criteria = t.definition.groups.reduce((s, g) => s + g.criteria.length, 0);
          return (
            <li key={t.id} className="template-card">
              <h3>{t.name}</h3>
              <p>{t.description}</p>
              <p className="muted small">
                基础性指标 {t.definition.basic.length} 项；差异化指标 {t.definition.groups.length} 类 {criteria} 项，共 {t.definition.totalPoints} 分
              </p>
              <button type="button" className="btn btn-primary" disabled={disabled} onClick={() => onPick(t.definition)}>
                使用此模板
              </button>
            </li>
          );
        })}
        <li className="template-card">
          <h3>空白评分细则</h3>
          <p>不带任何指标，逐项自行录入。</p>
          <button
            type="button"
            className="btn"
            disabled={disabled}
            onClick={() => onPick({ title: EMPTY_RUBRIC.title, totalPoints: 100, basic: [], groups: [] })}
          >
            从空白开始
          </button>
        </li>
      </ul>
    </section>
  );
}

interface ConfigValues {
  trimEnabled: boolean;
  trimMinCount: string;
  deviation: string;
  spread: string;
  reason: string;
}

const pct = (share: number) => String(Math.round(share * 1000) / 10);

function ConfigSection({ roundId, st, disabled, readOnly, onSaved }: { roundId: string; st: RubricState; disabled: boolean; readOnly: boolean; onSaved: (s: RubricState) => void }) {
  const toast = useToast();
  const initial = (): ConfigValues => ({ trimEnabled: st.config.trimEnabled, trimMinCount: String(st.config.trimMinCount), deviation: pct(st.config.deviationShare), spread: pct(st.config.spreadShare), reason: '' });
  const [v, setV] = useState<ConfigValues>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const started = st.versions.some((x) => x.status === 'frozen');
  useEffect(() => setV(initial()), [st.config]);
  const dirty = JSON.stringify({ ...v, reason: '' }) !== JSON.stringify(initial());

  const numOf = (s: string) => {
    const t = toHalfWidth(s).trim();
    return t === '' || !/^\d+(\.\d+)?$/.test(t) ? Number.NaN : Number(t);
  };
  const save = async () => {
    if (busy) return;
    const input = { trimEnabled: v.trimEnabled, trimMinCount: numOf(v.trimMinCount), deviationShare: numOf(v.deviation) / 100, spreadShare: numOf(v.spread) / 100 };
    const r = aggregationConfigSchema.safeParse(input);
    const e: Record<string, string> = r.success ? {} : fieldErrorsOf(r.error);
    if (started && !v.reason.trim()) e.reason = '评分已经开始，调整计分规则须说明原因';
    setErrors(e);
    const first = ['trimMinCount', 'deviationShare', 'spreadShare', 'reason'].find((k) => e[k]);
    if (first) return document.getElementById(`cfg-${first}`)?.focus();
    setBusy(true);
    try {
      onSaved(await api['scoring.setConfig']({ roundId, ...r.data!, ...(v.reason.trim() ? { reason: v.reason.trim() } : {}) }));
    } catch (err) {
      toast.fromError(err);
    } finally {
      setBusy(false);
    }
  };
  const numField = (id: string, val: string, set: (s: string) => void, unit: string) => (
    <span className="unit-input">
      <input
        id={`cfg-${id}`}
        type="text"
        inputMode="decimal"
        className="cfg-num"
        value={val}
        disabled={disabled}
        aria-invalid={errors[id] ? true : undefined}
        aria-describedby={errors[id] ? errorId(`cfg-${id}`) : undefined}
        onChange={(e) => set(e.target.value)}
      />
      <span className="unit">{unit}</span>
    </span>
  );
  return (
    <section className="panel" aria-labelledby="cfg-h" data-testid="scoring-config">
      <div className="panel-header">
        <h2 id="cfg-h">计分规则</h2>
        <p className="material-tally">本批次的汇总方式；提示只供讨论，不是错误</p>
      </div>
      <form
        className="cfg-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label className="switch">
          <input type="checkbox" checked={v.trimEnabled} disabled={disabled} onChange={(e) => setV({ ...v, trimEnabled: e.target.checked })} />
          去掉一个最高分和一个最低分后取平均（否则取全部成员的平均）
        </label>
        <div className="cfg-line">
          <label htmlFor="cfg-trimMinCount">有效评分人数不少于</label>
          {numField('trimMinCount', v.trimMinCount, (s) => setV({ ...v, trimMinCount: s }), '人时才去掉最高最低分')}
          <FieldError id="cfg-trimMinCount" error={errors.trimMinCount} />
        </div>
        <div className="cfg-line">
          <label htmlFor="cfg-deviationShare">成员总分偏离其他成员平均分超过</label>
          {numField('deviationShare', v.deviation, (s) => setV({ ...v, deviation: s }), '% 时提示，须写评分畸高畸低说明或修改')}
          <FieldError id="cfg-deviationShare" error={errors.deviationShare} />
        </div>
        <div className="cfg-line">
          <label htmlFor="cfg-spreadShare">单个评分项的最高与最低分相差超过该项分值的</label>
          {numField('spreadShare', v.spread, (s) => setV({ ...v, spread: s }), '% 时提示讨论')}
          <FieldError id="cfg-spreadShare" error={errors.spreadShare} />
        </div>
        {started && (dirty || v.reason) && (
          <TextAreaField
            id="cfg-reason"
            label="调整原因（评分已开始，须说明）"
            required
            value={v.reason}
            error={errors.reason}
            onChange={(e) => setV({ ...v, reason: e.target.value })}
          />
        )}
        {!readOnly && (
          <div className="form-actions">
            <button type="submit" className="btn" disabled={busy || disabled || !dirty}>
              保存计分规则
            </button>
            {dirty && <span className="dirty-note">有未保存的修改</span>}
          </div>
        )}
      </form>
    </section>
  );
}

function Versions({ st }: { st: RubricState }) {
  if (st.versions.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="ver-h">
      <h2 id="ver-h">版本记录</h2>
      <div className="table-wrap">
        <table className="data-table" data-testid="rubric-versions">
          <thead>
            <tr>
              <th scope="col">版本</th>
              <th scope="col">状态</th>
              <th scope="col">修订原因</th>
              <th scope="col">建立</th>
              <th scope="col">确定（开始评分）</th>
              <th scope="col" className="num">
                评分记录
              </th>
            </tr>
          </thead>
          <tbody>
            {[...st.versions].reverse().map((x) => (
              <tr key={x.id}>
                <th scope="row">第{x.version}版</th>
                <td>{x.status === 'frozen' ? <Badge tone="success">已确定</Badge> : <Badge tone="warn">草稿</Badge>}</td>
                <td className="wrap">{x.reason ?? <span className="muted">—</span>}</td>
                <td>{formatTimestamp(x.createdAt)}</td>
                <td>{x.frozenAt ? formatTimestamp(x.frozenAt) : <span className="muted">—</span>}</td>
                <td className="num">{x.scoreCount}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
