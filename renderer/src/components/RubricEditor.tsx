import { useMemo, useRef, useState, type ReactNode } from 'react';
import { fieldErrorsOf } from '../../../shared/contract/validate';
import { INSTITUTION_TYPES, INSTITUTION_TYPE_LABEL, SERVICE_TYPES, SERVICE_TYPE_LABEL, type InstitutionType, type ServiceType } from '../../../shared/domain/enums';
import { rubricDefinitionSchema, rubricIssues, type BasicIndicator, type RubricDefinition } from '../../../shared/rubric/rubric';
import { toHalfWidth } from '../format';
import { FieldError, errorId } from './Field';
import { Citation } from './RuleState';

/**
 * 评分细则 editor: basic indicators (pass/fail) then groups of criteria with
 * points, step and guidance. The shared schema checks shapes and the shared
 * `rubricIssues` the arithmetic, live, with running sums; nothing is sent
 * until 保存.
 */

export interface EdCriterion {
  key: string;
  id: string;
  title: string;
  guidance: string;
  maxPoints: string;
  step: string;
  citation: string;
}
export interface EdGroup {
  key: string;
  id: string;
  title: string;
  points: string;
  criteria: EdCriterion[];
}
export interface EdBasic {
  key: string;
  id: string;
  title: string;
  requirement: string;
  citation: string;
  ruleId: string | null;
  institutionTypes: InstitutionType[];
  serviceTypes: ServiceType[];
}
export interface EdRubric {
  title: string;
  totalPoints: string;
  basic: EdBasic[];
  groups: EdGroup[];
}

let keySeq = 0;
const newKey = () => `k${++keySeq}`;
const numText = (n: number) => String(n);

export function fromDefinition(def: RubricDefinition): EdRubric {
  return {
    title: def.title,
    totalPoints: numText(def.totalPoints),
    basic: def.basic.map((b) => ({
      key: newKey(),
      id: b.id,
      title: b.title,
      requirement: b.requirement ?? '',
      citation: b.citation ?? '',
      ruleId: b.ruleId,
      institutionTypes: [...(b.appliesTo?.institutionTypes ?? [])],
      serviceTypes: [...(b.appliesTo?.serviceTypes ?? [])],
    })),
    groups: def.groups.map((g) => ({
      key: newKey(),
      id: g.id,
      title: g.title,
      points: numText(g.points),
      criteria: g.criteria.map((c) => ({ key: newKey(), id: c.id, title: c.title, guidance: c.guidance, maxPoints: numText(c.maxPoints), step: numText(c.step), citation: c.citation ?? '' })),
    })),
  };
}

export const EMPTY_RUBRIC: EdRubric = { title: '长护服务机构定点评审评分细则', totalPoints: '100', basic: [], groups: [] };

/** '' → undefined (the schema says 应为数字), digits → number, else NaN. */
function num(s: string): number | undefined {
  const t = toHalfWidth(s).trim();
  if (t === '') return undefined;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

export function toInput(ed: EdRubric) {
  return {
    title: ed.title,
    totalPoints: num(ed.totalPoints),
    basic: ed.basic.map((b) => ({
      id: b.id,
      title: b.title,
      requirement: b.requirement || null,
      citation: b.citation || null,
      ruleId: b.ruleId,
      appliesTo:
        b.institutionTypes.length || b.serviceTypes.length
          ? { ...(b.institutionTypes.length ? { institutionTypes: b.institutionTypes } : {}), ...(b.serviceTypes.length ? { serviceTypes: b.serviceTypes } : {}) }
          : null,
    })),
    groups: ed.groups.map((g) => ({
      id: g.id,
      title: g.title,
      points: num(g.points),
      criteria: g.criteria.map((c) => ({ id: c.id, title: c.title, guidance: c.guidance, maxPoints: num(c.maxPoints), step: Number(c.step), citation: c.citation || null })),
    })),
  };
}

export interface RubricCheck {
  definition: RubricDefinition | null;
  /** path → message: shape problems (shown once touched) */
  shape: Record<string, string>;
  /** path → message: arithmetic and ids (shown live) */
  issues: Record<string, string>;
  count: number;
}

export function checkRubric(ed: EdRubric): RubricCheck {
  const r = rubricDefinitionSchema.safeParse(toInput(ed));
  const shape = r.success ? {} : fieldErrorsOf(r.error);
  const issues: Record<string, string> = {};
  if (r.success) for (const i of rubricIssues(r.data)) if (!(i.path in issues)) issues[i.path] = i.message;
  return { definition: r.success ? r.data : null, shape, issues, count: Object.keys(shape).length + Object.keys(issues).length };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const sumOf = (xs: (number | undefined)[]) => round2(xs.reduce<number>((s, x) => s + (x !== undefined && Number.isFinite(x) ? x : 0), 0));

export function scopeText(institutionTypes: readonly InstitutionType[], serviceTypes: readonly ServiceType[]): string {
  if (institutionTypes.length === 0 && serviceTypes.length === 0) return '全部申请机构';
  const it = institutionTypes.length ? institutionTypes.map((t) => INSTITUTION_TYPE_LABEL[t]).join('、') : '';
  const st = serviceTypes.length ? `申请${serviceTypes.map((t) => SERVICE_TYPE_LABEL[t]).join('或')}的` : '';
  return `仅${st}${it || '申请机构'}`;
}

export const basicScope = (b: BasicIndicator) => scopeText(b.appliesTo?.institutionTypes ?? [], b.appliesTo?.serviceTypes ?? []);

const domId = (path: string) => `rb-${path.replace(/\./g, '-')}`;

function uniqueId(prefix: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}_${n}`;
    if (!taken.has(id)) return id;
  }
}
function allIds(ed: EdRubric): Set<string> {
  return new Set([...ed.basic.map((b) => b.id), ...ed.groups.map((g) => g.id), ...ed.groups.flatMap((g) => g.criteria.map((c) => c.id))]);
}

function move<T>(xs: T[], i: number, d: -1 | 1): T[] {
  const j = i + d;
  if (j < 0 || j >= xs.length) return xs;
  const out = [...xs];
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

interface EditorProps {
  value: EdRubric;
  onChange: (next: EdRubric) => void;
  check: RubricCheck;
  /** show shape errors of untouched fields too (after 保存 was pressed) */
  showAll: boolean;
  disabled?: boolean;
  /**
   * The eligibility rules a basic indicator may name (the round profile's,
   * as the template lists them). A basic indicator is only a label for one of
   * them: whether it is met comes from that rule's result.
   */
  rules?: readonly BasicIndicator[] | undefined;
}

export function RubricEditor({ value: ed, onChange, check, showAll, disabled, rules }: EditorProps) {
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [editingBasic, setEditingBasic] = useState<string | null>(null);
  // A template brings two dozen basic indicators from the eligibility rules; they stay folded unless asked for or wrong.
  const [basicOpen, setBasicOpen] = useState(ed.basic.length <= 8);
  const basicErrors = Object.keys({ ...check.issues, ...(showAll ? check.shape : {}) }).some((p) => p.startsWith('basic.'));
  const touch = (path: string) => setTouched((t) => (t.has(path) ? t : new Set(t).add(path)));
  const errorOf = (path: string) => check.issues[path] ?? (showAll || touched.has(path) ? check.shape[path] : undefined);
  const update = (fn: (d: EdRubric) => void) => {
    const d = structuredClone(ed);
    fn(d);
    onChange(d);
  };

  const groupSums = ed.groups.map((g) => sumOf(g.criteria.map((c) => num(c.maxPoints))));
  const groupsTotal = sumOf(ed.groups.map((g) => num(g.points)));
  const total = num(ed.totalPoints);
  const criteriaCount = ed.groups.reduce((s, g) => s + g.criteria.length, 0);

  /**
   * A labelled text box. Number boxes are narrow: their messages go below the
   * row (rowErrors), and an arithmetic problem a running sum already shows
   * (`sumId`) points there instead of being repeated.
   */
  const input = (path: string, label: string, val: string, set: (v: string) => void, opts: { num?: boolean; wide?: boolean; cite?: boolean; placeholder?: string; sumId?: string } = {}) => {
    const err = errorOf(path);
    const id = domId(path);
    const bySum = opts.sumId && check.issues[path] ? opts.sumId : undefined;
    return (
      <div className={`field rb-field${opts.num ? ' rb-num' : ''}${opts.wide ? ' rb-wide' : ''}${opts.cite ? ' rb-cite' : ''}${err ? ' has-error' : ''}`}>
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          type="text"
          autoComplete="off"
          inputMode={opts.num ? 'decimal' : undefined}
          value={val}
          placeholder={opts.placeholder}
          disabled={disabled}
          aria-invalid={err ? true : undefined}
          aria-describedby={bySum ?? (err ? errorId(id) : undefined)}
          onChange={(e) => set(e.target.value)}
          onBlur={() => touch(path)}
        />
        {!opts.num && <FieldError id={id} error={err} />}
      </div>
    );
  };
  /** The messages of a row's number boxes, full width under the row. */
  const rowErrors = (paths: string[], summed: string[] = []) =>
    paths.map((p) => {
      const err = summed.includes(p) && check.issues[p] ? undefined : errorOf(p);
      return err ? <FieldError key={p} id={domId(p)} error={err} /> : null;
    });

  return (
    <div className="rubric-editor" data-testid="rubric-editor">
      <section className="form-section" aria-labelledby="rb-basic-info">
        <h2 id="rb-basic-info">基本信息</h2>
        <div className="rb-row">
          {input('title', '评分细则名称', ed.title, (v) => update((d) => void (d.title = v)), { wide: true })}
          {input('totalPoints', '总分', ed.totalPoints, (v) => update((d) => void (d.totalPoints = v)), { num: true, sumId: 'rb-total-sum' })}
          <SumCheck
            id="rb-total-sum"
            label="各类别分值合计"
            sum={groupsTotal}
            target={total}
            onFix={disabled || total === groupsTotal ? undefined : () => update((d) => void (d.totalPoints = String(groupsTotal)))}
            fixLabel="总分设为合计"
            testId="rb-total-sum"
          />
        </div>
        {rowErrors(['totalPoints'], ['totalPoints'])}
        <p className="hint">百分制：每个评分项有自己的分值；类别分值须等于其评分项合计，各类别合计须等于总分。成员的总分就是各项得分之和。</p>
      </section>

      <details
        className="form-section rb-basic-section"
        open={basicOpen || basicErrors}
        onToggle={(e) => setBasicOpen(e.currentTarget.open)}
        data-testid="rb-basic-section"
      >
        <summary>
          <h2 id="rb-basic-h">
            基础性指标（{ed.basic.length} 项）<span className="muted small">每项对应一条基础性指标规则，是否符合取自申请的基础性指标核查结果，不计分；不符合的申请不参加排序{basicOpen || basicErrors ? '' : '。点击展开修改'}</span>
          </h2>
        </summary>
        {ed.basic.length === 0 ? (
          <p className="muted">没有基础性指标。</p>
        ) : (
          <ol className="rb-basic-list">
            {ed.basic.map((b, i) => {
              const base = `basic.${i}`;
              const editing = editingBasic === b.key;
              const rowErr = Object.keys({ ...check.shape, ...check.issues }).some((p) => p.startsWith(`${base}.`));
              return (
                <li key={b.key} className={`rb-basic${rowErr ? ' rb-has-error' : ''}`} data-testid={`rb-basic-${i}`}>
                  <span className="rb-index" aria-hidden="true">
                    {i + 1}
                  </span>
                  {editing ? (
                    <div className="rb-basic-edit">
                      <RuleSelect
                        id={domId(`${base}.ruleId`)}
                        value={b.ruleId}
                        rules={rules}
                        error={errorOf(`${base}.ruleId`)}
                        disabled={disabled}
                        onChange={(ruleId) =>
                          update((d) => {
                            const x = d.basic[i]!;
                            x.ruleId = ruleId;
                            const r = rules?.find((o) => o.ruleId === ruleId);
                            // An empty indicator takes the rule's wording, article and scope.
                            if (r && !x.title.trim()) {
                              x.title = r.title;
                              x.requirement = r.requirement ?? '';
                              x.citation = r.citation ?? '';
                              x.institutionTypes = [...(r.appliesTo?.institutionTypes ?? [])];
                              x.serviceTypes = [...(r.appliesTo?.serviceTypes ?? [])];
                            }
                          })
                        }
                      />
                      {input(`${base}.title`, '指标名称', b.title, (v) => update((d) => void (d.basic[i]!.title = v)), { wide: true })}
                      {input(`${base}.requirement`, '指标要求', b.requirement, (v) => update((d) => void (d.basic[i]!.requirement = v)), { wide: true })}
                      {input(`${base}.citation`, '政策依据', b.citation, (v) => update((d) => void (d.basic[i]!.citation = v)), { placeholder: '如：000 第七条（三）' })}
                      <ScopeChecks
                        id={`${domId(base)}-it`}
                        legend="适用机构类型（不选 = 全部）"
                        options={INSTITUTION_TYPES.map((t) => ({ value: t, label: INSTITUTION_TYPE_LABEL[t] }))}
                        value={b.institutionTypes}
                        disabled={disabled}
                        onChange={(v) => update((d) => void (d.basic[i]!.institutionTypes = v as InstitutionType[]))}
                      />
                      <ScopeChecks
                        id={`${domId(base)}-st`}
                        legend="适用服务类型（不选 = 全部）"
                        options={SERVICE_TYPES.map((t) => ({ value: t, label: SERVICE_TYPE_LABEL[t] }))}
                        value={b.serviceTypes}
                        disabled={disabled}
                        onChange={(v) => update((d) => void (d.basic[i]!.serviceTypes = v as ServiceType[]))}
                      />
                      <button type="button" className="btn btn-small" onClick={() => setEditingBasic(null)}>
                        完成
                      </button>
                    </div>
                  ) : (
                    <div className="rb-basic-view">
                      <p className="rb-basic-title">
                        {b.title || <span className="field-error">（未填写名称）</span>}
                        {b.citation && <Citation>{b.citation}</Citation>}
                      </p>
                      {b.requirement && <p className="small">{b.requirement}</p>}
                      <p className="muted small">
                        适用：{scopeText(b.institutionTypes, b.serviceTypes)}
                        {b.ruleId && <> · 对应规则：{rules?.find((r) => r.ruleId === b.ruleId)?.title ?? b.ruleId}</>}
                      </p>
                      <FieldError id={domId(`${base}.ruleId`)} error={errorOf(`${base}.ruleId`)} />
                    </div>
                  )}
                  <div className="rb-actions">
                    {!editing && (
                      <button type="button" className="btn btn-small" disabled={disabled} onClick={() => setEditingBasic(b.key)} aria-label={`修改基础性指标“${b.title}”`}>
                        修改
                      </button>
                    )}
                    <MoveButtons what={`基础性指标“${b.title}”`} disabled={disabled} first={i === 0} last={i === ed.basic.length - 1} onMove={(dir) => update((d) => void (d.basic = move(d.basic, i, dir)))} />
                    <button type="button" className="btn btn-small btn-danger-outline" disabled={disabled} onClick={() => update((d) => void d.basic.splice(i, 1))} aria-label={`删除基础性指标“${b.title}”`}>
                      删除
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
        )}
        <button
          type="button"
          className="btn btn-small"
          disabled={disabled}
          onClick={() => {
            const key = newKey();
            update((d) => void d.basic.push({ key, id: uniqueId('basic', allIds(d)), title: '', requirement: '', citation: '', ruleId: null, institutionTypes: [], serviceTypes: [] }));
            setEditingBasic(key);
          }}
        >
          ＋ 添加基础性指标
        </button>
      </details>

      <section className="form-section" aria-labelledby="rb-groups-h">
        <h2 id="rb-groups-h">
          差异化指标<span className="muted small">（{ed.groups.length} 类 {criteriaCount} 项）</span>
        </h2>
        {check.issues.groups && (
          <p className="field-error" id={domId('groups')} tabIndex={-1}>
            {check.issues.groups}
          </p>
        )}
        {ed.groups.map((g, gi) => {
          const base = `groups.${gi}`;
          const declared = num(g.points);
          return (
            <fieldset key={g.key} className="rb-group" data-testid={`rb-group-${gi}`}>
              <legend className="sr-only">类别{gi + 1}：{g.title}</legend>
              <div className="rb-group-head">
                <span className="rb-group-no" aria-hidden="true">
                  {gi + 1}
                </span>
                {input(`${base}.title`, '类别名称', g.title, (v) => update((d) => void (d.groups[gi]!.title = v)), { wide: true })}
                {input(`${base}.points`, '类别分值', g.points, (v) => update((d) => void (d.groups[gi]!.points = v)), { num: true, sumId: `${domId(base)}-sum` })}
                <SumCheck
                  id={`${domId(base)}-sum`}
                  label="评分项合计"
                  sum={groupSums[gi]!}
                  target={declared}
                  onFix={disabled || declared === groupSums[gi] ? undefined : () => update((d) => void (d.groups[gi]!.points = String(groupSums[gi])))}
                  fixLabel="类别分值设为合计"
                />
                <div className="rb-actions">
                  <MoveButtons what={`类别“${g.title}”`} disabled={disabled} first={gi === 0} last={gi === ed.groups.length - 1} onMove={(dir) => update((d) => void (d.groups = move(d.groups, gi, dir)))} />
                  <button type="button" className="btn btn-small btn-danger-outline" disabled={disabled} onClick={() => update((d) => void d.groups.splice(gi, 1))} aria-label={`删除类别“${g.title}”`}>
                    删除类别
                  </button>
                </div>
              </div>
              {rowErrors([`${base}.points`], [`${base}.points`])}
              {check.issues[`${base}.criteria`] && <p className="field-error">{check.issues[`${base}.criteria`]}</p>}
              {check.issues[`${base}.id`] && <p className="field-error">{check.issues[`${base}.id`]}</p>}
              <ol className="rb-criteria">
                {g.criteria.map((c, ci) => {
                  const cb = `${base}.criteria.${ci}`;
                  const stepId = domId(`${cb}.step`);
                  const guidanceId = domId(`${cb}.guidance`);
                  const gErr = errorOf(`${cb}.guidance`);
                  return (
                    <li key={c.key} className="rb-criterion" data-testid={`rb-criterion-${gi}-${ci}`}>
                      <span className="rb-index" aria-hidden="true">
                        {gi + 1}.{ci + 1}
                      </span>
                      <div className="rb-criterion-body">
                        <div className="rb-row">
                          {input(`${cb}.title`, '评分项名称', c.title, (v) => update((d) => void (d.groups[gi]!.criteria[ci]!.title = v)), { wide: true })}
                          {input(`${cb}.maxPoints`, '分值', c.maxPoints, (v) => update((d) => void (d.groups[gi]!.criteria[ci]!.maxPoints = v)), { num: true })}
                          <div className="field rb-field rb-step">
                            <label htmlFor={stepId}>最小单位</label>
                            <select id={stepId} value={c.step} disabled={disabled} onChange={(e) => update((d) => void (d.groups[gi]!.criteria[ci]!.step = e.target.value))}>
                              <option value="1">1分</option>
                              <option value="0.5">0.5分</option>
                              <option value="0.1">0.1分</option>
                            </select>
                          </div>
                          {input(`${cb}.citation`, '政策依据', c.citation, (v) => update((d) => void (d.groups[gi]!.criteria[ci]!.citation = v)), { placeholder: '可不填', cite: true })}
                        </div>
                        {rowErrors([`${cb}.maxPoints`])}
                        {check.issues[`${cb}.id`] && <p className="field-error">{check.issues[`${cb}.id`]}</p>}
                        <div className={`field rb-field rb-wide${gErr ? ' has-error' : ''}`}>
                          <label htmlFor={guidanceId}>评分标准</label>
                          <textarea
                            id={guidanceId}
                            rows={2}
                            value={c.guidance}
                            disabled={disabled}
                            aria-invalid={gErr ? true : undefined}
                            aria-describedby={gErr ? errorId(guidanceId) : undefined}
                            onChange={(e) => update((d) => void (d.groups[gi]!.criteria[ci]!.guidance = e.target.value))}
                            onBlur={() => touch(`${cb}.guidance`)}
                          />
                          <FieldError id={guidanceId} error={gErr} />
                        </div>
                      </div>
                      <div className="rb-actions rb-actions-col">
                        <MoveButtons what={`评分项“${c.title}”`} disabled={disabled} first={ci === 0} last={ci === g.criteria.length - 1} onMove={(dir) => update((d) => void (d.groups[gi]!.criteria = move(d.groups[gi]!.criteria, ci, dir)))} />
                        <button type="button" className="btn btn-small btn-danger-outline" disabled={disabled} onClick={() => update((d) => void d.groups[gi]!.criteria.splice(ci, 1))} aria-label={`删除评分项“${c.title}”`}>
                          删除
                        </button>
                      </div>
                    </li>
                  );
                })}
              </ol>
              <button
                type="button"
                className="btn btn-small"
                disabled={disabled}
                onClick={() =>
                  update((d) => void d.groups[gi]!.criteria.push({ key: newKey(), id: uniqueId('item', allIds(d)), title: '', guidance: '', maxPoints: '', step: '0.5', citation: '' }))
                }
              >
                ＋ 添加评分项
              </button>
            </fieldset>
          );
        })}
        <button
          type="button"
          className="btn btn-small"
          disabled={disabled}
          onClick={() => update((d) => void d.groups.push({ key: newKey(), id: uniqueId('group', allIds(d)), title: '', points: '', criteria: [] }))}
        >
          ＋ 添加类别
        </button>
      </section>
    </div>
  );
}

function SumCheck({ id, label, sum, target, onFix, fixLabel, testId }: { id: string; label: string; sum: number; target: number | undefined; onFix?: (() => void) | undefined; fixLabel: string; testId?: string }) {
  const ok = target !== undefined && Number.isFinite(target) && Math.abs(sum - target) < 1e-9;
  return (
    <div id={id} className={`rb-sum ${ok ? 'rb-sum-ok' : 'rb-sum-bad'}`} aria-live="polite" data-testid={testId}>
      <span className="rb-sum-label">{label}</span>
      <span className="rb-sum-value">
        <span aria-hidden="true">{ok ? '✓ ' : '✗ '}</span>
        {sum} 分{ok ? '' : target !== undefined && Number.isFinite(target) ? `，标明 ${target} 分` : ''}
        <span className="sr-only">{ok ? '，一致' : '，不一致'}</span>
      </span>
      {!ok && onFix && (
        <button type="button" className="link-button plain-link" onClick={onFix}>
          {fixLabel}
        </button>
      )}
    </div>
  );
}

function MoveButtons({ what, first, last, onMove, disabled }: { what: string; first: boolean; last: boolean; onMove: (d: -1 | 1) => void; disabled?: boolean | undefined }) {
  return (
    <>
      <button type="button" className="btn btn-small btn-icon" disabled={disabled || first} onClick={() => onMove(-1)} aria-label={`上移${what}`} title="上移">
        ↑
      </button>
      <button type="button" className="btn btn-small btn-icon" disabled={disabled || last} onClick={() => onMove(1)} aria-label={`下移${what}`} title="下移">
        ↓
      </button>
    </>
  );
}

/** Which eligibility rule a basic indicator names: a list when the round's rules are known, else the id typed in. */
function RuleSelect({ id, value, rules, error, disabled, onChange }: { id: string; value: string | null; rules: readonly BasicIndicator[] | undefined; error: string | undefined; disabled: boolean | undefined; onChange: (ruleId: string | null) => void }) {
  const known = rules?.some((r) => r.ruleId === value) ?? false;
  return (
    <div className={`field rb-field rb-wide${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>对应的基础性指标规则</label>
      {rules ? (
        <select id={id} value={value ?? ''} disabled={disabled} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId(id) : undefined} onChange={(e) => onChange(e.target.value || null)}>
          <option value="">（请选择）</option>
          {value && !known && <option value={value}>{value}（本批次的政策配置中没有这条规则）</option>}
          {rules.map((r) => (
            <option key={r.ruleId ?? r.id} value={r.ruleId ?? ''}>
              {r.title}
              {r.citation ? `（${r.citation}）` : ''}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} type="text" autoComplete="off" value={value ?? ''} disabled={disabled} aria-invalid={error ? true : undefined} aria-describedby={error ? errorId(id) : undefined} onChange={(e) => onChange(e.target.value.trim() || null)} />
      )}
      <FieldError id={id} error={error} />
    </div>
  );
}

function ScopeChecks<V extends string>({ id, legend, options, value, onChange, disabled }: { id: string; legend: string; options: { value: V; label: string }[]; value: V[]; onChange: (v: V[]) => void; disabled?: boolean | undefined }) {
  return (
    <fieldset className="rb-scope" id={id}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="rb-scope-choice">
          <input
            type="checkbox"
            checked={value.includes(o.value)}
            disabled={disabled}
            onChange={(e) => onChange(e.target.checked ? [...value, o.value] : value.filter((x) => x !== o.value))}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Every problem of the draft, each moving focus to its field. */
export function RubricIssueList({ check, showAll }: { check: RubricCheck; showAll: boolean }) {
  const entries = Object.entries({ ...(showAll ? check.shape : {}), ...check.issues });
  if (entries.length === 0) return null;
  return (
    <div className="error-summary" role="status" data-testid="rubric-issues">
      <h2>评分细则有 {entries.length} 处问题，须修改后才能开始评分</h2>
      <ul>
        {entries.map(([path, msg]) => (
          <li key={path}>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                const el = document.getElementById(domId(path)) ?? document.getElementById(domId(path.split('.').slice(0, -1).join('.') + '.title'));
                el?.focus();
                el?.scrollIntoView({ block: 'center' });
              }}
            >
              {msg}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A frozen (or any) version as text, in sheet order. */
export function RubricReadOnly({ def, children }: { def: RubricDefinition; children?: ReactNode }) {
  const count = def.groups.reduce((s, g) => s + g.criteria.length, 0);
  return (
    <div className="rubric-readonly" data-testid="rubric-readonly">
      {children}
      <section className="panel" aria-labelledby="ro-basic">
        <div className="panel-header">
          <h2 id="ro-basic">基础性指标</h2>
          <p className="material-tally">{def.basic.length} 项，是否符合取自各申请的基础性指标核查结果</p>
        </div>
        {def.basic.length === 0 ? (
          <p className="muted">没有基础性指标。</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table ro-table">
              <thead>
                <tr>
                  <th scope="col" className="num">
                    序号
                  </th>
                  <th scope="col">指标</th>
                  <th scope="col">要求</th>
                  <th scope="col">适用范围</th>
                </tr>
              </thead>
              <tbody>
                {def.basic.map((b, i) => (
                  <tr key={b.id}>
                    <td className="num">{i + 1}</td>
                    <td className="wrap">
                      <strong>{b.title}</strong>
                      {b.citation && <Citation>{b.citation}</Citation>}
                    </td>
                    <td className="wrap">{b.requirement ?? '—'}</td>
                    <td className="wrap small">{basicScope(b)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="ro-groups">
        <div className="panel-header">
          <h2 id="ro-groups">差异化指标</h2>
          <p className="material-tally">
            {def.groups.length} 类 {count} 项，共 {def.totalPoints} 分
          </p>
        </div>
        <div className="table-wrap">
          <table className="data-table ro-table">
            <thead>
              <tr>
                <th scope="col" className="num">
                  序号
                </th>
                <th scope="col">评分项</th>
                <th scope="col" className="num">
                  分值
                </th>
                <th scope="col" className="num">
                  最小单位
                </th>
                <th scope="col">评分标准</th>
              </tr>
            </thead>
            <tbody>
              {def.groups.map((g, gi) => [
                <tr key={g.id} className="group-row">
                  <th scope="colgroup" colSpan={5}>
                    {gi + 1}. {g.title}（{g.points}分）
                  </th>
                </tr>,
                ...g.criteria.map((c, ci) => (
                  <tr key={`${g.id}-${c.id}`}>
                    <td className="num">
                      {gi + 1}.{ci + 1}
                    </td>
                    <td className="wrap">
                      <strong>{c.title}</strong>
                      {c.citation && <Citation>{c.citation}</Citation>}
                    </td>
                    <td className="num">{c.maxPoints}</td>
                    <td className="num">{c.step}</td>
                    <td className="wrap ro-guidance">{c.guidance}</td>
                  </tr>
                )),
              ])}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}

/** The draft's running state for the page: checks recomputed on each change. */
export function useRubricDraft(initial: EdRubric | null) {
  const [ed, setEd] = useState<EdRubric | null>(initial);
  const baseline = useRef<string>(initial ? JSON.stringify(toInput(initial)) : '');
  const check = useMemo(() => (ed ? checkRubric(ed) : null), [ed]);
  const dirty = ed !== null && JSON.stringify(toInput(ed)) !== baseline.current;
  const reset = (next: EdRubric | null, saved: boolean) => {
    setEd(next);
    baseline.current = next && saved ? JSON.stringify(toInput(next)) : '';
  };
  return { ed, setEd, check, dirty, reset };
}
