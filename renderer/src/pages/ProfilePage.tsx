import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { contract } from '../../../shared/contract/methods';
import { fieldErrorsOf } from '../../../shared/contract/validate';
import { INSTITUTION_TYPE_LABEL, SERVICE_TYPE_LABEL } from '../../../shared/domain/enums';
import { BUILTIN_PROFILES } from '../../../shared/profiles';
import {
  THRESHOLD_KEYS,
  THRESHOLD_META,
  formatCitation,
  regionProfileSchema,
  type Applicability,
  type RegionProfile,
  type Threshold,
  type ThresholdKey,
} from '../../../shared/profiles/schema';
import { Badge } from '../components/Badge';
import { Dialog } from '../components/Dialog';
import { FieldError, TextField, errorId } from '../components/Field';
import { Breadcrumbs, LoadError, Loading, PageHeading } from '../components/Page';
import { Citation } from '../components/RuleState';
import { errorMessage, useToast } from '../components/Toast';
import { useHotkey } from '../components/useHotkey';
import { useLoad } from '../components/useLoad';
import { formatTimestamp, toHalfWidth } from '../format';
import { Link, navigate } from '../router';

type Version = Awaited<ReturnType<(typeof api)['profiles.versions']>>[number];

/** 地区政策配置: one profile's version history, and its editor (own copies) or 复制为本机构配置 (built-ins). */
export function ProfilePage({ profileId }: { profileId: string }) {
  const versions = useLoad(() => api['profiles.versions']({ id: profileId }), [profileId]);
  const latest = versions.data?.[0]?.version;
  const profile = useLoad(() => (latest ? api['profiles.get']({ id: profileId, version: latest }) : Promise.resolve(null)), [profileId, latest]);
  const [copying, setCopying] = useState(false);
  const [conflict, setConflict] = useState<string | null>(null);

  const builtin = versions.data?.some((v) => v.builtin) ?? false;
  const p = profile.data;
  const crumbs = [{ label: '设置', to: { name: 'settings' as const } }, { label: p ? `地区政策配置：${p.shortName}` : '地区政策配置' }];

  if (versions.error || profile.error) {
    return (
      <div className="page">
        <Breadcrumbs items={crumbs} />
        <LoadError error={versions.error ?? profile.error} onRetry={() => void versions.reload()} />
      </div>
    );
  }
  if (!versions.data || !p) return <Loading what="地区政策配置" />;

  return (
    <div className="page">
      <Breadcrumbs items={crumbs} />
      <PageHeading
        title={p.name}
        actions={
          <>
            <Link to={{ name: 'profileRules', profileId, version: p.version }} className="btn">
              规则目录
            </Link>
            <button type="button" className={builtin ? 'btn btn-primary' : 'btn'} onClick={() => setCopying(true)}>
              复制为本机构配置
            </button>
          </>
        }
      >
        <p className="lead">
          {builtin ? <Badge tone="neutral">内置</Badge> : <Badge tone="info">本机构</Badge>} 配置编号 <span className="mono">{p.id}</span> · 简称 {p.shortName} · 当前为第
          {p.version}版 · 来源文件 <span className="mono">{p.sourceFile}</span>
        </p>
      </PageHeading>

      <div className="banner banner-neutral" role="note">
        修改配置会保存为新版本，旧版本保留不变。<strong>已开始的审核批次继续使用其开始时的版本</strong>
        ，不受修改影响；此后新建的批次使用最新版本。
      </div>
      {conflict && (
        <div className="banner banner-warn" role="alert" data-testid="profile-conflict">
          {conflict}
        </div>
      )}

      {builtin ? (
        <>
          <div className="banner banner-warn" role="note">
            内置配置按政策文件原文整理，不能直接修改。如本地公布了不同的数值，请先“复制为本机构配置”，再修改副本。
          </div>
          <ProfileEditor key={`ro-${p.version}`} profile={p} readOnly onSaved={() => undefined} onConflict={() => undefined} />
        </>
      ) : (
        <ProfileEditor
          key={`ed-${p.version}`}
          profile={p}
          readOnly={false}
          onSaved={() => {
            setConflict(null);
            void versions.reload();
          }}
          onConflict={(message) => {
            setConflict(`${message}。已重新载入最新版本，请在其上重新修改。`);
            void versions.reload();
          }}
        />
      )}

      <VersionHistory versions={versions.data} />

      {copying && <CopyDialog profile={p} onClose={() => setCopying(false)} />}
    </div>
  );
}

/* ------------------------------------------------------------------ editor */

interface ThresholdValues {
  value: string;
  article: string;
  note: string;
}
interface Values {
  thresholds: Record<ThresholdKey, ThresholdValues>;
  supplementDays: string;
  withdrawnIfLate: boolean;
  supplementNote: string;
  panelMin: string;
  panelOdd: boolean;
  panelNote: string;
  noticeDays: string;
  noticeNote: string;
}

function numText(n: number | null | undefined): string {
  return n === null || n === undefined ? '' : String(n);
}

function valuesOf(p: RegionProfile): Values {
  return {
    thresholds: Object.fromEntries(
      THRESHOLD_KEYS.map((k) => {
        const t = p.thresholds[k];
        return [k, { value: numText(t?.value), article: t?.source.article ?? '', note: t?.note ?? '' }];
      }),
    ) as Record<ThresholdKey, ThresholdValues>,
    supplementDays: numText(p.supplement.workingDays),
    withdrawnIfLate: p.supplement.withdrawnIfLate,
    supplementNote: p.supplement.note ?? '',
    panelMin: numText(p.panel.minMembers),
    panelOdd: p.panel.oddOnly,
    panelNote: p.panel.note ?? '',
    noticeDays: numText(p.publicNotice.minWorkingDays),
    noticeNote: p.publicNotice.note ?? '',
  };
}

/** A number as typed (full-width digits allowed): '' → null, not a number → NaN. */
function parseNumber(raw: string): number | null {
  const s = toHalfWidth(raw).trim();
  if (s === '') return null;
  return /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
}

const noteOf = (s: string) => (s.trim() === '' ? undefined : s.trim());

/** Scope and condition of a threshold the profile does not set yet: those of the first built-in profile that sets it. */
function defaultsFor(key: ThresholdKey): Pick<Threshold, 'appliesTo' | 'condition'> {
  for (const b of BUILTIN_PROFILES) {
    const t = b.thresholds[key];
    if (t) return { ...(t.appliesTo ? { appliesTo: t.appliesTo } : {}), ...(t.condition ? { condition: t.condition } : {}) };
  }
  return {};
}

function scopeText(a: Applicability | undefined, condition: string | undefined): string {
  const inst = a?.institutionTypes?.map((t) => INSTITUTION_TYPE_LABEL[t]).join('、');
  const svc = a?.serviceTypes?.map((t) => SERVICE_TYPE_LABEL[t]).join('或');
  const base = inst && svc ? `申请${svc}的${inst}` : svc ? `申请${svc}的机构` : inst ? inst : '全部申请机构';
  return condition ? `${base}（${condition}）` : base;
}

/** The loaded profile with the form's values: what profiles.update receives. Nothing else changes. */
function buildProfile(base: RegionProfile, v: Values): RegionProfile {
  const p = structuredClone(base);
  const own = base.sourceFile.slice(0, 3) as Threshold['source']['file'];
  for (const k of THRESHOLD_KEYS) {
    const tv = v.thresholds[k];
    const value = parseNumber(tv.value);
    if (value === null) {
      p.thresholds[k] = null;
      continue;
    }
    const prev = base.thresholds[k];
    const next: Threshold = prev
      ? { ...prev, value }
      : { value, source: { file: own, article: tv.article.trim() }, ...defaultsFor(k) };
    const note = noteOf(tv.note);
    if (note) next.note = note;
    else delete next.note;
    p.thresholds[k] = next;
  }
  p.supplement = { ...p.supplement, workingDays: parseNumber(v.supplementDays), withdrawnIfLate: v.withdrawnIfLate };
  if (noteOf(v.supplementNote)) p.supplement.note = noteOf(v.supplementNote);
  else delete p.supplement.note;
  p.panel = { ...p.panel, minMembers: parseNumber(v.panelMin) ?? Number.NaN, oddOnly: v.panelOdd };
  if (noteOf(v.panelNote)) p.panel.note = noteOf(v.panelNote);
  else delete p.panel.note;
  p.publicNotice = { ...p.publicNotice, minWorkingDays: parseNumber(v.noticeDays) ?? Number.NaN };
  if (noteOf(v.noticeNote)) p.publicNotice.note = noteOf(v.noticeNote);
  else delete p.publicNotice.note;
  return p;
}

/** Form-level checks the schema words generically (a number typed as text, an empty required number). */
function typedErrors(v: Values): Record<string, string> {
  const e: Record<string, string> = {};
  for (const k of THRESHOLD_KEYS) {
    const tv = v.thresholds[k];
    if (Number.isNaN(parseNumber(tv.value))) e[`thresholds.${k}.value`] = `${THRESHOLD_META[k].label}：请填写数字，文本未规定的请留空`;
  }
  if (Number.isNaN(parseNumber(v.supplementDays))) e['supplement.workingDays'] = '补正期限：请填写工作日天数；文本未规定的请留空';
  if (v.panelMin.trim() === '') e['panel.minMembers'] = '请填写审核小组最少人数';
  else if (Number.isNaN(parseNumber(v.panelMin))) e['panel.minMembers'] = '审核小组最少人数：请填写数字';
  if (v.noticeDays.trim() === '') e['publicNotice.minWorkingDays'] = '请填写公示期（工作日）';
  else if (Number.isNaN(parseNumber(v.noticeDays))) e['publicNotice.minWorkingDays'] = '公示期：请填写数字';
  return e;
}

/** A schema path → the id of the input that shows its message. */
function inputIdOf(path: string): string | null {
  const t = /^thresholds\.(\w+)\.(value|note|source.*)$/.exec(path);
  if (t) return `p-th-${t[1]}-${t[2]!.startsWith('source') ? 'article' : t[2]}`;
  const map: Record<string, string> = {
    'supplement.workingDays': 'p-supplement-days',
    'supplement.withdrawnIfLate': 'p-supplement-withdrawn',
    'supplement.note': 'p-supplement-note',
    'panel.minMembers': 'p-panel-min',
    'panel.oddOnly': 'p-panel-odd',
    'panel.note': 'p-panel-note',
    'publicNotice.minWorkingDays': 'p-notice-days',
    'publicNotice.note': 'p-notice-note',
  };
  return map[path] ?? null;
}

function focusInput(path: string) {
  const id = inputIdOf(path);
  const el = id ? document.getElementById(id) : null;
  el?.focus();
  el?.scrollIntoView({ block: 'center' });
}

function ProfileEditor({
  profile,
  readOnly,
  onSaved,
  onConflict,
}: {
  profile: RegionProfile;
  readOnly: boolean;
  onSaved: () => void;
  onConflict: (message: string) => void;
}) {
  const toast = useToast();
  const [v, setV] = useState<Values>(() => valuesOf(profile));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const setT = (k: ThresholdKey, part: keyof ThresholdValues, value: string) => {
    setV((x) => ({ ...x, thresholds: { ...x.thresholds, [k]: { ...x.thresholds[k], [part]: value } } }));
    clear(`thresholds.${k}`);
  };
  const set = <K extends keyof Values>(key: K, value: Values[K], path: string) => {
    setV((x) => ({ ...x, [key]: value }));
    clear(path);
  };
  const clear = (prefix: string) =>
    setErrors((e) => {
      const keys = Object.keys(e).filter((k) => k.startsWith(prefix));
      if (keys.length === 0) return e;
      const rest = { ...e };
      for (const k of keys) delete rest[k];
      return rest;
    });

  const save = async () => {
    if (busy || readOnly) return;
    const typed = typedErrors(v);
    const next = buildProfile(profile, v);
    const r = regionProfileSchema.safeParse(next);
    const all = { ...(r.success ? {} : fieldErrorsOf(r.error)), ...typed };
    // a new threshold needs its article
    for (const k of THRESHOLD_KEYS) {
      if (!profile.thresholds[k] && next.thresholds[k] && !v.thresholds[k].article.trim()) all[`thresholds.${k}.source.article`] = `${THRESHOLD_META[k].label}：请填写依据条款`;
    }
    if (Object.keys(all).length > 0) {
      setErrors(all);
      const first = Object.keys(all).find((k) => inputIdOf(k)) ?? Object.keys(all)[0]!;
      window.setTimeout(() => focusInput(first), 0);
      return;
    }
    setBusy(true);
    try {
      const out = await api['profiles.update']({ id: profile.id, profile: next });
      setErrors({});
      toast.success(`已保存为第${out.version}版`);
      // The page reloads the versions and remounts the editor on the new one.
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONFLICT') {
        toast.fromError(e);
        onConflict(e.message.replace(/[。；;].*$/, ''));
      } else if (e instanceof ApiError && e.fieldErrors) {
        const mapped = Object.fromEntries(Object.entries(e.fieldErrors).map(([k, m]) => [k.replace(/^profile\./, ''), m]));
        setErrors(mapped);
        toast.fromError(e);
        const first = Object.keys(mapped)[0];
        if (first) window.setTimeout(() => focusInput(first), 0);
      } else {
        toast.fromError(e);
      }
    } finally {
      setBusy(false);
    }
  };
  useHotkey('Ctrl+S', () => void save(), !readOnly);

  const unmapped = Object.entries(errors).filter(([k]) => !inputIdOf(k));
  const body = (
    <>
      {Object.keys(errors).length > 0 && (
        <div className="error-summary" role="alert" tabIndex={-1} data-testid="profile-errors">
          <h2>请修改以下内容后再保存（共{Object.keys(errors).length}处）</h2>
          <ul>
            {Object.entries(errors).map(([k, m]) => (
              <li key={k}>
                {inputIdOf(k) ? (
                  <button type="button" className="link-button" onClick={() => focusInput(k)}>
                    {m}
                  </button>
                ) : (
                  m
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      {unmapped.length > 0 && <p className="muted small">以上部分内容不在本页编辑范围内，请联系技术支持。</p>}

      <section className="form-section" aria-labelledby="th-heading">
        <h2 id="th-heading">基础性指标阈值</h2>
        <p className="section-note">
          每项数值决定规则的判定标准。{readOnly ? '' : '留空表示文本未规定（该规则不再核查）；新设的数值须填写依据条款。'}
        </p>
        <ThresholdTable profile={profile} v={v} readOnly={readOnly} errors={errors} setT={setT} />
      </section>

      <section className="form-section" aria-labelledby="proc-heading">
        <h2 id="proc-heading">补正、审核小组与公示</h2>
        <div className="grid">
          <NumberCell
            id="p-supplement-days"
            label="补正期限（工作日）"
            readOnly={readOnly}
            value={v.supplementDays}
            error={errors['supplement.workingDays']}
            hint={readOnly ? undefined : '留空 = 文本未规定，发补正通知时由经办人填写'}
            citation={formatCitation(profile.supplement.source)}
            onChange={(x) => set('supplementDays', x, 'supplement')}
          />
          <CheckCell
            id="p-supplement-withdrawn"
            label="逾期未补正的视作放弃申请"
            readOnly={readOnly}
            checked={v.withdrawnIfLate}
            error={errors['supplement.withdrawnIfLate']}
            onChange={(x) => set('withdrawnIfLate', x, 'supplement')}
          />
          <NoteCell id="p-supplement-note" label="补正规定说明" readOnly={readOnly} value={v.supplementNote} error={errors['supplement.note']} onChange={(x) => set('supplementNote', x, 'supplement')} />
          <NumberCell
            id="p-panel-min"
            label="审核小组最少人数"
            readOnly={readOnly}
            value={v.panelMin}
            unit="人"
            error={errors['panel.minMembers']}
            citation={formatCitation(profile.panel.source)}
            onChange={(x) => set('panelMin', x, 'panel')}
          />
          <CheckCell id="p-panel-odd" label="审核小组须为单数" readOnly={readOnly} checked={v.panelOdd} error={errors['panel.oddOnly']} onChange={(x) => set('panelOdd', x, 'panel')} />
          <NoteCell id="p-panel-note" label="审核小组说明" readOnly={readOnly} value={v.panelNote} error={errors['panel.note']} onChange={(x) => set('panelNote', x, 'panel')} />
          <NumberCell
            id="p-notice-days"
            label="公示期（工作日）"
            readOnly={readOnly}
            value={v.noticeDays}
            unit="个工作日"
            error={errors['publicNotice.minWorkingDays']}
            citation={formatCitation(profile.publicNotice.source)}
            onChange={(x) => set('noticeDays', x, 'publicNotice')}
          />
          <NoteCell id="p-notice-note" label="公示期说明" readOnly={readOnly} value={v.noticeNote} error={errors['publicNotice.note']} onChange={(x) => set('noticeNote', x, 'publicNotice')} />
        </div>
      </section>
    </>
  );

  if (readOnly) return <div className="read-view">{body}</div>;
  return (
    <form
      className="form"
      noValidate
      aria-label={`修改${profile.name}`}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void save();
      }}
    >
      {body}
      <div className="form-actions sticky-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} aria-keyshortcuts="Ctrl+S">
          {busy ? '正在保存…' : `保存为第${profile.version + 1}版`}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setV(valuesOf(profile));
            setErrors({});
          }}
        >
          放弃修改
        </button>
        <span className="muted small">在第{profile.version}版基础上修改；Ctrl+S 保存</span>
      </div>
    </form>
  );
}

function ThresholdTable({
  profile,
  v,
  readOnly,
  errors,
  setT,
}: {
  profile: RegionProfile;
  v: Values;
  readOnly: boolean;
  errors: Record<string, string>;
  setT: (k: ThresholdKey, part: keyof ThresholdValues, value: string) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="data-table threshold-table" data-testid="threshold-table">
        <caption className="sr-only">基础性指标阈值</caption>
        <thead>
          <tr>
            <th scope="col">指标</th>
            <th scope="col">数值</th>
            <th scope="col">依据</th>
            <th scope="col">适用范围</th>
            <th scope="col">说明</th>
          </tr>
        </thead>
        <tbody>
          {THRESHOLD_KEYS.map((k) => {
            const meta = THRESHOLD_META[k];
            const t = profile.thresholds[k];
            const tv = v.thresholds[k];
            const valueId = `p-th-${k}-value`;
            const valueError = errors[`thresholds.${k}.value`];
            const articleError = errors[`thresholds.${k}.source.article`] ?? errors[`thresholds.${k}.source.file`] ?? errors[`thresholds.${k}.source`];
            const noteError = errors[`thresholds.${k}.note`];
            const isSet = tv.value.trim() !== '';
            const d = t ?? (isSet ? defaultsFor(k) : null);
            return (
              <tr key={k} data-testid={`threshold-${k}`} className={isSet ? undefined : 'threshold-unset'}>
                <th scope="row" className="wrap th-label">
                  <label htmlFor={readOnly ? undefined : valueId}>{meta.label}</label>
                  {t?.valueInferred && (
                    <Badge tone="warn" title="文本未写明具体数字，按其表述推定">
                      推定
                    </Badge>
                  )}
                </th>
                <td className="th-value">
                  {readOnly ? (
                    t ? (
                      <strong>
                        {t.value}
                        {meta.unit}
                      </strong>
                    ) : (
                      <span className="muted">文本未规定</span>
                    )
                  ) : (
                    <div className="unit-input">
                      <input
                        id={valueId}
                        type="text"
                        inputMode="decimal"
                        className="num-input"
                        value={tv.value}
                        placeholder="文本未规定"
                        aria-invalid={valueError ? true : undefined}
                        aria-describedby={valueError ? errorId(valueId) : undefined}
                        onChange={(e) => setT(k, 'value', e.target.value)}
                      />
                      <span className="unit" aria-hidden="true">
                        {meta.kind === 'ratio' ? '张/人' : meta.unit}
                      </span>
                      <span className="sr-only">单位：{meta.unit}</span>
                    </div>
                  )}
                  {!readOnly && meta.kind === 'ratio' && <p className="hint">配比 1:N 中的 N</p>}
                  <FieldError id={valueId} error={valueError} />
                </td>
                <td className="wrap">
                  {t ? (
                    <Citation>{formatCitation(t.source)}</Citation>
                  ) : readOnly || !isSet ? (
                    <span className="muted">—</span>
                  ) : (
                    <>
                      <label htmlFor={`p-th-${k}-article`} className="sr-only">
                        {meta.label}的依据条款
                      </label>
                      <span className="article-input">
                        <span aria-hidden="true">{profile.sourceFile.slice(0, 3)} </span>
                        <input
                          id={`p-th-${k}-article`}
                          type="text"
                          placeholder="如 第七条（三）"
                          value={tv.article}
                          aria-invalid={articleError ? true : undefined}
                          aria-describedby={articleError ? errorId(`p-th-${k}-article`) : undefined}
                          onChange={(e) => setT(k, 'article', e.target.value)}
                        />
                      </span>
                      <FieldError id={`p-th-${k}-article`} error={articleError} />
                    </>
                  )}
                </td>
                <td className="wrap small">{d ? scopeText(d.appliesTo, d.condition) : <span className="muted">—</span>}</td>
                <td className="wrap th-note">
                  {readOnly ? (
                    t?.note ? <span className="small">{t.note}</span> : <span className="muted">—</span>
                  ) : (
                    <>
                      <label htmlFor={`p-th-${k}-note`} className="sr-only">
                        {meta.label}的说明
                      </label>
                      <textarea
                        id={`p-th-${k}-note`}
                        rows={2}
                        value={tv.note}
                        placeholder={t?.valueInferred ? '推定数值须写明依据' : '说明（可选）'}
                        aria-invalid={noteError ? true : undefined}
                        aria-describedby={noteError ? errorId(`p-th-${k}-note`) : undefined}
                        onChange={(e) => setT(k, 'note', e.target.value)}
                      />
                      <FieldError id={`p-th-${k}-note`} error={noteError} />
                    </>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function NumberCell(p: { id: string; label: string; readOnly: boolean; value: string; unit?: string; error?: string | undefined; hint?: string | undefined; citation: string; onChange: (v: string) => void }) {
  if (p.readOnly) {
    return (
      <div className="field">
        <span className="label">{p.label}</span>
        <span>
          {p.value === '' ? <span className="muted">文本未规定</span> : <strong>{p.value}</strong>} {p.value !== '' && p.unit}
          <Citation>{p.citation}</Citation>
        </span>
      </div>
    );
  }
  return (
    <TextField
      id={p.id}
      label={
        <>
          {p.label}
          <Citation>{p.citation}</Citation>
        </>
      }
      inputMode="numeric"
      className="num-input"
      value={p.value}
      error={p.error}
      hint={p.hint}
      onChange={(e) => p.onChange(e.target.value)}
    />
  );
}

function CheckCell(p: { id: string; label: string; readOnly: boolean; checked: boolean; error?: string | undefined; onChange: (v: boolean) => void }) {
  if (p.readOnly) {
    return (
      <div className="field">
        <span className="label">{p.label}</span>
        <span>{p.checked ? '是' : '否'}</span>
      </div>
    );
  }
  return (
    <div className={`field field-check${p.error ? ' has-error' : ''}`}>
      <label className="switch" htmlFor={p.id}>
        <input id={p.id} type="checkbox" checked={p.checked} aria-invalid={p.error ? true : undefined} aria-describedby={p.error ? errorId(p.id) : undefined} onChange={(e) => p.onChange(e.target.checked)} />
        <span>{p.label}</span>
      </label>
      <FieldError id={p.id} error={p.error} />
    </div>
  );
}

function NoteCell(p: { id: string; label: string; readOnly: boolean; value: string; error?: string | undefined; onChange: (v: string) => void }) {
  if (p.readOnly) {
    return (
      <div className="field">
        <span className="label">{p.label}</span>
        <span className="small">{p.value || <span className="muted">—</span>}</span>
      </div>
    );
  }
  return <TextField id={p.id} label={p.label} value={p.value} error={p.error} onChange={(e) => p.onChange(e.target.value)} />;
}

/* ------------------------------------------------------------------ versions */

/** Chinese names for the change paths this screen edits (the diff names the rest itself). */
const CHANGE_LABEL: Record<string, string> = {
  'supplement.workingDays': '补正期限（工作日）',
  'supplement.withdrawnIfLate': '逾期未补正的视作放弃申请',
  'supplement.note': '补正规定说明',
  'panel.minMembers': '审核小组最少人数',
  'panel.oddOnly': '审核小组须为单数',
  'panel.note': '审核小组说明',
  'publicNotice.minWorkingDays': '公示期（工作日）',
  'publicNotice.note': '公示期说明',
};

function changeLabel(path: string, label: string): string {
  if (CHANGE_LABEL[path]) return CHANGE_LABEL[path]!;
  const t = /^thresholds\.(\w+)\.(note|source\.article|condition)$/.exec(path);
  if (t && t[1]! in THRESHOLD_META) {
    const what = t[2] === 'note' ? '说明' : t[2] === 'condition' ? '适用条件' : '依据条款';
    return `${THRESHOLD_META[t[1] as ThresholdKey].label}（${what}）`;
  }
  return label;
}

const changeValue = (v: string) => (v === 'true' ? '是' : v === 'false' ? '否' : v);

function VersionHistory({ versions }: { versions: Version[] }) {
  return (
    <section className="panel" aria-labelledby="versions-heading">
      <h2 id="versions-heading">版本记录</h2>
      <table className="data-table compact version-table" data-testid="profile-versions">
        <caption className="sr-only">各版本及其修改内容</caption>
        <thead>
          <tr>
            <th scope="col">版本</th>
            <th scope="col">保存时间</th>
            <th scope="col" className="num">
              使用该版本的批次
            </th>
            <th scope="col">修改内容（与上一版相比）</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v, i) => (
            <tr key={v.version} data-testid={`profile-version-${v.version}`}>
              <th scope="row">
                第{v.version}版{i === 0 && <Badge tone="info">最新</Badge>}
              </th>
              <td>{formatTimestamp(v.createdAt)}</td>
              <td className="num">{v.rounds}</td>
              <td className="wrap">
                {v.changes.length === 0 ? (
                  <span className="muted">{v.builtin ? '内置版本（按政策文件整理）' : i === versions.length - 1 ? '初始版本' : '—'}</span>
                ) : (
                  <ul className="plain change-list">
                    {v.changes.map((c) => (
                      <li key={c.path}>
                        {changeLabel(c.path, c.label)}：<span className="change-before">{changeValue(c.before)}</span> → <strong>{changeValue(c.after)}</strong>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/* ------------------------------------------------------------------ copy */

function CopyDialog({ profile, onClose }: { profile: RegionProfile; onClose: () => void }) {
  const toast = useToast();
  const [newId, setNewId] = useState('');
  const [name, setName] = useState(`${profile.name}（本机构修订）`);
  const [shortName, setShortName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    const input = { id: profile.id, version: profile.version, newId: newId.trim(), name, shortName };
    const r = contract['profiles.copy'].input.safeParse(input);
    if (!r.success) {
      setErrors(fieldErrorsOf(r.error));
      return;
    }
    setBusy(true);
    try {
      const copy = await api['profiles.copy'](input);
      toast.success(`已复制为“${copy.name}”（${copy.id}，第1版）`);
      onClose();
      navigate({ name: 'profile', profileId: copy.id });
    } catch (e) {
      if (e instanceof ApiError && e.fieldErrors) setErrors(e.fieldErrors);
      else {
        onClose();
        toast.error(errorMessage(e));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="复制为本机构配置"
      onClose={onClose}
      onSubmit={() => void submit()}
      testId="copy-dialog"
      footer={
        <>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? '正在复制…' : '复制'}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            取消
          </button>
        </>
      }
    >
      <p>
        以“{profile.shortName}”第{profile.version}版为底稿，复制一份可修改的配置（第1版）。复制后可按本地公布的数值修改阈值等内容。
      </p>
      <TextField
        id="copy-newId"
        label="新配置编号"
        required
        className="mono-input"
        value={newId}
        error={errors.newId}
        hint="小写英文字母开头，只含小写英文字母、数字和连字符，如 urumqi-2025"
        onChange={(e) => {
          setNewId(e.target.value);
          setErrors({});
        }}
      />
      <TextField
        id="copy-name"
        label="新配置名称"
        required
        value={name}
        error={errors.name}
        onChange={(e) => {
          setName(e.target.value);
          setErrors({});
        }}
      />
      <TextField
        id="copy-shortName"
        label="简称"
        value={shortName}
        error={errors.shortName}
        hint="显示在批次和列表中，不填则同名称；不超过20个字"
        onChange={(e) => {
          setShortName(e.target.value);
          setErrors({});
        }}
      />
    </Dialog>
  );
}
