import { Fragment, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError } from '../../api';
import { contract, type Output } from '../../../../shared/contract/methods';
import { fieldErrorsOf } from '../../../../shared/contract/validate';
import type { DocumentSettings } from '../../../../shared/contract/slices/documents';
import type { ResultSettings } from '../../../../shared/contract/slices/roundDocuments';
import { useApp } from '../../components/AppContext';
import { Badge } from '../../components/Badge';
import { ConfirmDialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { Breadcrumbs, LoadError, Loading, PageHeading } from '../../components/Page';
import { PathField, type FileFilter } from '../../components/PathField';
import { errorMessage, useToast } from '../../components/Toast';
import { useLoad } from '../../components/useLoad';
import { formatTimestamp } from '../../format';
import '../../document-settings.css';

type CertStatus = Output<'documents.certificate.status'>;
type Errors = Record<string, string | undefined>;

/**
 * 文书与签章设置 (issue 7): what every generated document carries — the 版头
 * and 署名, the 发文字号 prefix, the fonts, the agency's certificate for the
 * digital signature, the seal image, and the 公示 / 备案 details. Each section
 * saves on its own; a refusal (a font or seal file the back end cannot use, a
 * wrong certificate passphrase) is shown at its field and changes nothing.
 */
export function DocumentSettingsPage() {
  const settings = useLoad(() => api['documents.settings.get']({}), []);
  return (
    <div className="page page-narrow docset-page">
      <Breadcrumbs items={[{ label: '设置', to: { name: 'settings' } }, { label: '文书与签章设置' }]} />
      <PageHeading title="文书与签章设置">
        <p className="lead">审核结果告知书、补正通知书、公示、会议纪要和备案表共用这些设置。每一部分单独保存，只影响之后生成的文书；已生成的文书不会改变。</p>
      </PageHeading>
      {settings.error ? (
        <LoadError error={settings.error} onRetry={settings.reload} />
      ) : !settings.data ? (
        <Loading what="文书设置" />
      ) : (
        <>
          <AgencySection saved={settings.data} onSaved={settings.setData} />
          <FontsSection saved={settings.data} onSaved={settings.setData} />
        </>
      )}
      <CertificateSection />
      <SealSection />
      <ResultSettingsSection />
    </div>
  );
}

/** Moves focus to a field after React has rendered its message. */
function focusLater(id: string) {
  window.setTimeout(() => {
    const el = document.getElementById(id) as HTMLInputElement | null;
    el?.focus();
    el?.select?.();
  }, 0);
}

function SaveButton({ busy, children, testId }: { busy: boolean; children: ReactNode; testId?: string }) {
  return (
    <button type="submit" className="btn btn-primary" disabled={busy} aria-busy={busy || undefined} data-testid={testId}>
      {busy ? '正在保存…' : children}
    </button>
  );
}

// ---------------------------------------------------------------------------
// 1. 发文机关

const AGENCY_FIELDS = ['agencyName', 'issuingBody', 'docNumberPrefix'] as const;
type AgencyField = (typeof AGENCY_FIELDS)[number];

function AgencySection({ saved, onSaved }: { saved: DocumentSettings; onSaved: (s: DocumentSettings) => void }) {
  const toast = useToast();
  const { info } = useApp();
  const [values, setValues] = useState<Record<AgencyField, string>>({
    agencyName: saved.agencyName,
    issuingBody: saved.issuingBody,
    docNumberPrefix: saved.docNumberPrefix,
  });
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const year = (info?.today ?? new Date().toISOString()).slice(0, 4);
  const prefix = values.docNumberPrefix.trim();
  const example = prefix ? `${prefix}〔${year}〕1号` : null;

  const change = (f: AgencyField, v: string) => {
    setValues((x) => ({ ...x, [f]: v }));
    setErrors((x) => ({ ...x, [f]: undefined }));
  };

  const save = async () => {
    if (busy) return;
    setBanner(null);
    const r = contract['documents.settings.set'].input.safeParse({ ...saved, ...values });
    if (!r.success) {
      const fe = fieldErrorsOf(r.error);
      const mine: Errors = {};
      for (const f of AGENCY_FIELDS) if (fe[f]) mine[f] = fe[f];
      setErrors(mine);
      const first = AGENCY_FIELDS.find((f) => mine[f]);
      if (first) focusLater(`ds-${first}`);
      else setBanner(Object.values(fe)[0] ?? '输入有误');
      return;
    }
    setBusy(true);
    try {
      const s = await api['documents.settings.set'](r.data);
      onSaved(s);
      setValues({ agencyName: s.agencyName, issuingBody: s.issuingBody, docNumberPrefix: s.docNumberPrefix });
      toast.success('发文机关已保存');
    } catch (e) {
      const fe = e instanceof ApiError ? (e.fieldErrors ?? {}) : {};
      const mine: Errors = {};
      for (const f of AGENCY_FIELDS) if (fe[f]) mine[f] = fe[f];
      setErrors(mine);
      const first = AGENCY_FIELDS.find((f) => mine[f]);
      if (first) focusLater(`ds-${first}`);
      else setBanner(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="ds-agency-h" data-testid="ds-agency">
      <h2 id="ds-agency-h">发文机关</h2>
      <form
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void save();
        }}
      >
        {banner && (
          <div className="banner banner-error" role="alert">
            <p>{banner}</p>
          </div>
        )}
        <div className="docset-agency">
          <div className="docset-agency-fields">
            <TextField
              id="ds-agencyName"
              label="版头（发文机关标志）"
              value={values.agencyName}
              error={errors.agencyName}
              maxLength={60}
              hint="印在文书首页顶端的红色机关名称，如“乌鲁木齐市医疗保障事务服务中心”；不填则不印红头"
              onChange={(e) => change('agencyName', e.target.value)}
            />
            <TextField
              id="ds-issuingBody"
              label="发文机关署名"
              required
              value={values.issuingBody}
              error={errors.issuingBody}
              maxLength={60}
              hint="印在成文日期上方，也是数字签名的签署地点"
              onChange={(e) => change('issuingBody', e.target.value)}
            />
            <TextField
              id="ds-docNumberPrefix"
              label="发文字号前缀"
              value={values.docNumberPrefix}
              error={errors.docNumberPrefix}
              maxLength={30}
              className="docset-prefix"
              hint={
                <span id="ds-docNumber-example" data-testid="ds-docnumber-example" aria-live="polite">
                  {example ? (
                    <>
                      示例：<strong className="docset-docno">{example}</strong>（年份取成文年份，序号按年自动递增）
                    </>
                  ) : (
                    '不填则文书不编发文字号'
                  )}
                </span>
              }
              onChange={(e) => change('docNumberPrefix', e.target.value)}
            />
          </div>
          <DocumentSketch agencyName={values.agencyName.trim()} docNumber={example} issuingBody={values.issuingBody.trim()} />
        </div>
        <div className="form-actions">
          <SaveButton busy={busy} testId="ds-agency-save">
            保存发文机关
          </SaveButton>
        </div>
      </form>
    </section>
  );
}

/** A small sketch of where the three settings appear on a page (not the real layout). */
function DocumentSketch({ agencyName, docNumber, issuingBody }: { agencyName: string; docNumber: string | null; issuingBody: string }) {
  return (
    <figure className="docset-sketch" aria-label="文书版式示意">
      <div className="docset-sheet" aria-hidden="true">
        {agencyName ? (
          <>
            <div className="docset-red">{agencyName}</div>
            {docNumber && <div className="docset-sheet-no">{docNumber}</div>}
            <div className="docset-rule" />
          </>
        ) : (
          <>
            <div className="docset-nored">（无红头）</div>
            {docNumber && <div className="docset-sheet-no">{docNumber}</div>}
          </>
        )}
        <div className="docset-lines">
          <span />
          <span />
          <span />
        </div>
        <div className="docset-sign">{issuingBody || '（未填署名）'}</div>
        <div className="docset-sign docset-date">（成文日期）</div>
      </div>
      <figcaption className="hint">版式示意</figcaption>
    </figure>
  );
}

// ---------------------------------------------------------------------------
// 2. 字体

const FONT_ROLES = ['title', 'body', 'heading', 'kai'] as const;
type FontRole = (typeof FONT_ROLES)[number];

const ROLE_LABEL: Record<FontRole, string> = {
  title: '标题（小标宋，或黑体）',
  body: '正文（仿宋）',
  heading: '一级标题（黑体）',
  kai: '二级标题（楷体）',
};

const FONT_FILTERS: FileFilter[] = [
  { name: '字体文件（.ttf .ttc .otf）', extensions: ['ttf', 'ttc', 'otf'] },
  { name: '所有文件', extensions: ['*'] },
];

type FontRow = { path: string; face: string };
type FontSource = NonNullable<DocumentSettings['fonts'][FontRole]>;

function rowOf(src: FontSource | undefined): FontRow {
  return { path: src?.path ?? '', face: src?.face === undefined ? '' : String(src.face) };
}

function sourceOf(row: FontRow): FontSource | undefined {
  const p = row.path.trim();
  const f = row.face.trim();
  if (!p && !f) return undefined;
  return { path: p, ...(f ? { face: /^\d+$/.test(f) ? Number(f) : f } : {}) };
}

/** 正在使用：仿宋（本机已安装：C:\Windows\Fonts\simfang.ttf） */
function FontInUse({ choice, loading }: { choice: Output<'documents.fonts.status'>['roles'][number] | undefined; loading: boolean }) {
  if (loading) return <>正在读取本机字体…</>;
  if (!choice) return <>本机暂无可用字体</>;
  return (
    <>
      正在使用：<strong>{choice.family}</strong>（{choice.source}）
    </>
  );
}

function describeSource(src: FontSource): string {
  return src.face === undefined ? src.path : `${src.path}（${typeof src.face === 'number' ? `第${src.face}个字体` : src.face}）`;
}

function sameSource(a: FontSource | undefined, b: FontSource | undefined): boolean {
  return (a?.path ?? '') === (b?.path ?? '') && String(a?.face ?? '') === String(b?.face ?? '');
}

function FontsSection({ saved, onSaved }: { saved: DocumentSettings; onSaved: (s: DocumentSettings) => void }) {
  const toast = useToast();
  const [rows, setRows] = useState<Record<FontRole, FontRow>>(() => Object.fromEntries(FONT_ROLES.map((r) => [r, rowOf(saved.fonts[r])])) as Record<FontRole, FontRow>);
  /** what each role prints with on this computer now */
  const inUse = useLoad(() => api['documents.fonts.status']({}), []);
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = (role: FontRole, patch: Partial<FontRow>) => {
    setRows((x) => ({ ...x, [role]: { ...x[role], ...patch } }));
    setErrors((x) => ({ ...x, [`${role}.path`]: undefined, [`${role}.face`]: undefined }));
  };

  const save = async () => {
    if (busy) return;
    setBanner(null);
    const fonts: DocumentSettings['fonts'] = {};
    const errs: Errors = {};
    for (const role of FONT_ROLES) {
      const src = sourceOf(rows[role]);
      if (!src) continue;
      if (!src.path) errs[`${role}.path`] = '请选择字体文件（只填字体序号或名称无效）';
      fonts[role] = src;
    }
    const r = contract['documents.settings.set'].input.safeParse({ ...saved, fonts });
    if (!r.success) {
      for (const [k, v] of Object.entries(fieldErrorsOf(r.error))) {
        const m = /^fonts\.(\w+)\.(path|face)/.exec(k);
        if (m) errs[`${m[1]}.${m[2]}`] ??= v;
        else setBanner(v);
      }
    }
    setErrors(errs);
    const first = Object.keys(errs).find((k) => errs[k]);
    if (first) {
      focusLater(fontFieldId(first));
      return;
    }
    if (!r.success) return;
    setBusy(true);
    try {
      const s = await api['documents.settings.set'](r.data);
      onSaved(s);
      setRows(Object.fromEntries(FONT_ROLES.map((role) => [role, rowOf(s.fonts[role])])) as Record<FontRole, FontRow>);
      inUse.reload();
      toast.success('字体设置已保存');
    } catch (e) {
      // the back end puts a refused font at its field (fonts.body.path, or fonts.body.face for a .ttc face it lacks)
      const msg = errorMessage(e);
      const at: Errors = {};
      const fe = e instanceof ApiError ? (e.fieldErrors ?? {}) : {};
      for (const [k, v] of Object.entries(fe)) {
        const m = /^fonts\.(\w+)\.(path|face)/.exec(k);
        if (m) at[`${m[1]}.${m[2]}`] ??= v;
      }
      setErrors(at);
      const firstAt = Object.keys(at)[0];
      if (firstAt) focusLater(fontFieldId(firstAt));
      else setBanner(msg);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="ds-fonts-h" data-testid="ds-fonts">
      <h2 id="ds-fonts-h">字体</h2>
      <p className="muted small">
        不指定时<strong>自动</strong>选择：本机已安装的公文字体优先，没有时使用程序内置的 Noto Serif SC（思源宋体）。只接受 TrueType 轮廓的 .ttf / .ttc 字体；.ttc 字体集可填要用的字体序号（从 0 起）或名称的一部分。某个字没有时，逐字改用其他可用字体。
      </p>
      <form
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void save();
        }}
      >
        {banner && (
          <div className="banner banner-error" role="alert">
            <p>{banner}</p>
          </div>
        )}
        <ul className="docset-fonts">
          {FONT_ROLES.map((role) => {
            const row = rows[role];
            const current = saved.fonts[role];
            const pending = !sameSource(sourceOf(row), current);
            return (
              <li key={role} className="docset-font" data-testid={`ds-font-${role}`}>
                <div className="docset-font-head">
                  <h3 id={`ds-font-${role}-h`}>{ROLE_LABEL[role]}</h3>
                  <span className="docset-font-state" data-testid={`ds-font-${role}-state`}>
                    {current ? <Badge tone="info">已指定</Badge> : <Badge>自动</Badge>}
                    {pending && (
                      <>
                        {' '}
                        <Badge tone="warn">{sourceOf(row) ? '有改动，尚未保存' : '保存后改为自动'}</Badge>
                      </>
                    )}
                  </span>
                </div>
                <p className="hint docset-font-now" data-testid={`ds-font-${role}-now`}>
                  {current && (
                    <>
                      所选文件：<span className="mono">{describeSource(current)}</span>
                      <br />
                    </>
                  )}
                  <FontInUse choice={inUse.data?.roles.find((c) => c.role === role)} loading={!inUse.data && !inUse.error} />
                </p>
                <div className="docset-font-row">
                  <PathField
                    id={fontFieldId(`${role}.path`)}
                    label={<>字体文件<span className="sr-only">（{ROLE_LABEL[role]}）</span></>}
                    mode="open"
                    value={row.path}
                    onChange={(v) => change(role, { path: v })}
                    dialogTitle={`选择${ROLE_LABEL[role]}字体`}
                    filters={FONT_FILTERS}
                    error={errors[`${role}.path`]}
                    placeholder={role === 'body' ? '如 C:\\Windows\\Fonts\\simfang.ttf' : '不填 = 自动'}
                  />
                  <TextField
                    id={fontFieldId(`${role}.face`)}
                    label={<>.ttc 字体序号或名称<span className="sr-only">（{ROLE_LABEL[role]}）</span></>}
                    className="docset-face"
                    value={row.face}
                    error={errors[`${role}.face`]}
                    placeholder="如 0"
                    onChange={(e) => change(role, { face: e.target.value })}
                  />
                  <button
                    type="button"
                    className="btn docset-clear"
                    disabled={!row.path && !row.face}
                    onClick={() => {
                      change(role, { path: '', face: '' });
                      document.getElementById(fontFieldId(`${role}.path`))?.focus();
                    }}
                  >
                    清除<span className="sr-only">{ROLE_LABEL[role]}字体，改为自动</span>
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
        {inUse.data?.problem && (
          <div className="banner banner-error" role="alert">
            <p>{inUse.data.problem}</p>
          </div>
        )}
        <p className="muted small">保存时会逐一试读新选的字体，无法使用的字体文件不会保存。</p>
        <div className="form-actions">
          <SaveButton busy={busy} testId="ds-fonts-save">
            保存字体
          </SaveButton>
        </div>
      </form>
    </section>
  );
}

function fontFieldId(key: string): string {
  return `ds-font-${key.replace('.', '-')}`;
}

// ---------------------------------------------------------------------------
// 3. 单位数字证书

const P12_FILTERS: FileFilter[] = [
  { name: '数字证书（.p12 .pfx）', extensions: ['p12', 'pfx'] },
  { name: '所有文件', extensions: ['*'] },
];

/** 'YYYY年M月D日' of an instant, in Beijing time. */
function zhDate(iso: string | null): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + 8 * 3_600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}

/** Whole days from `today` (YYYY-MM-DD, Beijing) to the instant `iso`. */
function daysUntil(iso: string, today: string): number {
  return Math.floor((Date.parse(iso) - Date.parse(`${today}T00:00:00+08:00`)) / 86_400_000);
}

function CertificateSection() {
  const status = useLoad(() => api['documents.certificate.status']({}), []);
  const [replacing, setReplacing] = useState(false);
  const s = status.data;
  return (
    <section className="panel" aria-labelledby="ds-cert-h" data-testid="ds-certificate">
      <div className="panel-header">
        <h2 id="ds-cert-h" tabIndex={-1}>
          单位数字证书
        </h2>
        {s && <CertBadge s={s} />}
      </div>
      <p className="muted small">
        文书用经办机构的数字证书（.p12 / .pfx）签名，收件人可以验证文书出自本机构、未被改动。<strong>证书密码不会保存</strong>：导入时输入一次；程序每次重新启动后，需在此输入密码解锁一次。未导入或未解锁证书时，文书生成为<strong>带“草稿”水印的未签名文书</strong>，不能作为正式文书送达。
      </p>
      {status.error ? (
        <LoadError error={status.error} onRetry={status.reload} />
      ) : !s ? (
        <Loading what="证书状态" />
      ) : (
        <>
          {s.imported && <CertDetails s={s} />}
          {s.imported && !s.unlocked && (
            <UnlockForm
              onDone={(x) => {
                status.setData(x);
                focusLater('ds-cert-h');
              }}
            />
          )}
          {!s.imported || replacing ? (
            <ImportForm
              replacing={s.imported}
              onDone={(x) => {
                status.setData(x);
                setReplacing(false);
                focusLater('ds-cert-h');
              }}
              onCancel={
                s.imported
                  ? () => {
                      setReplacing(false);
                      focusLater('ds-cert-replace');
                    }
                  : undefined
              }
            />
          ) : (
            <p>
              <button
                type="button"
                id="ds-cert-replace"
                className="btn"
                onClick={() => {
                  setReplacing(true);
                  focusLater('ds-cert-path');
                }}
                data-testid="ds-cert-replace"
              >
                更换证书…
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}

function CertBadge({ s }: { s: CertStatus }) {
  const { info } = useApp();
  const expired = s.validTo && info?.today ? daysUntil(s.validTo, info.today) < 0 : false;
  return (
    <span className="docset-cert-badges" data-testid="ds-cert-state">
      {!s.imported ? (
        <Badge tone="neutral">未导入</Badge>
      ) : s.unlocked ? (
        <Badge tone="success">已解锁，文书将签名</Badge>
      ) : (
        <Badge tone="warn">已导入，未解锁</Badge>
      )}
      {expired && (
        <>
          {' '}
          <Badge tone="danger">已过期</Badge>
        </>
      )}
    </span>
  );
}

function CertDetails({ s }: { s: CertStatus }) {
  const { info } = useApp();
  const left = s.validTo && info?.today ? daysUntil(s.validTo, info.today) : null;
  const groups = (s.fingerprint ?? '').toUpperCase().match(/.{1,4}/g) ?? [];
  return (
    <>
      {left !== null && left < 0 && (
        <div className="banner banner-error" role="alert" data-testid="ds-cert-expiry">
          <p>证书已于{zhDate(s.validTo)}过期，不能再用于签名，文书将生成为未签名的草稿。请向证书颁发机构申请新证书后在下方“更换证书”。</p>
        </div>
      )}
      {left !== null && left >= 0 && left < 30 && (
        <div className="banner banner-warn" role="status" data-testid="ds-cert-expiry">
          <p>
            证书将于{zhDate(s.validTo)}到期（{left === 0 ? '今天到期' : `还有${left}天`}）。到期后文书将生成为未签名的草稿，请及时申请新证书。
          </p>
        </div>
      )}
      <dl className="dl-grid docset-cert" data-testid="ds-cert-details">
        <div className="span-2">
          <dt>证书主体（单位）</dt>
          <dd data-testid="ds-cert-subject">{s.subject ?? '—'}</dd>
        </div>
        <div>
          <dt>颁发者</dt>
          <dd>{s.issuer ?? '—'}</dd>
        </div>
        <div className="span-full">
          <dt>有效期</dt>
          <dd data-testid="ds-cert-validity">
            {zhDate(s.validFrom)} 至 {zhDate(s.validTo)}
          </dd>
        </div>
        <div className="span-full">
          <dt>证书指纹（SHA-256）</dt>
          <dd className="mono docset-fp" data-testid="ds-cert-fingerprint">
            {[groups.slice(0, 8), groups.slice(8)].map((line, l) => (
              <span key={l} className="docset-fp-line">
                {line.map((g, i) => (
                  <Fragment key={i}>
                    {(l > 0 || i > 0) && ' '}
                    <span className="docset-fp-group">{g}</span>
                  </Fragment>
                ))}
              </span>
            ))}
          </dd>
        </div>
      </dl>
    </>
  );
}

function errorsFromCertRefusal(e: unknown, fields: readonly string[], fallback: string): Errors {
  const fe = e instanceof ApiError ? (e.fieldErrors ?? {}) : {};
  const out: Errors = {};
  for (const f of fields) if (fe[f]) out[f] = fe[f];
  if (Object.keys(out).length > 0) return out;
  // the back end names the field (a wrong passphrase, a bad file); anything else goes to the fallback field
  out[fallback] = errorMessage(e);
  return out;
}

function UnlockForm({ onDone }: { onDone: (s: CertStatus) => void }) {
  const toast = useToast();
  const [pass, setPass] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    setBanner(null);
    const r = contract['documents.certificate.unlock'].input.safeParse({ passphrase: pass });
    if (!r.success) {
      setError(fieldErrorsOf(r.error).passphrase ?? '请输入证书密码');
      focusLater('ds-unlock-pass');
      return;
    }
    setBusy(true);
    try {
      const s = await api['documents.certificate.unlock'](r.data);
      setPass('');
      setError(undefined);
      onDone(s);
      toast.success('证书已解锁，此后生成的文书将带数字签名');
    } catch (e) {
      const msg = errorMessage(e);
      // a wrong passphrase at the field; anything else (expired, file gone) is about the certificate
      const atPassphrase = e instanceof ApiError ? e.fieldErrors?.passphrase : undefined;
      if (atPassphrase) {
        setError(atPassphrase);
        focusLater('ds-unlock-pass');
      } else {
        setBanner(msg);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="docset-subform"
      noValidate
      aria-labelledby="ds-unlock-h"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="ds-unlock"
    >
      <h3 id="ds-unlock-h">解锁证书</h3>
      {banner && (
        <div className="banner banner-error" role="alert">
          <p>{banner}</p>
        </div>
      )}
      <p className="small">程序重新启动后证书处于锁定状态。输入证书密码解锁后，本次运行期间生成的文书都会签名；密码只用于解锁，不会保存。</p>
      <div className="inline-form">
        <TextField
          id="ds-unlock-pass"
          label="证书密码"
          type="password"
          required
          autoComplete="off"
          value={pass}
          error={error}
          onChange={(e) => {
            setPass(e.target.value);
            setError(undefined);
          }}
        />
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="ds-unlock-submit">
          {busy ? '正在解锁…' : '解锁'}
        </button>
      </div>
    </form>
  );
}

function ImportForm({ replacing, onDone, onCancel }: { replacing: boolean; onDone: (s: CertStatus) => void; onCancel?: (() => void) | undefined }) {
  const toast = useToast();
  const [file, setFile] = useState('');
  const [pass, setPass] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    const r = contract['documents.certificate.import'].input.safeParse({ path: file, passphrase: pass });
    if (!r.success) {
      const fe = fieldErrorsOf(r.error);
      setErrors({ path: fe.path, passphrase: fe.passphrase });
      focusLater(fe.path ? 'ds-cert-path' : 'ds-cert-pass');
      return;
    }
    setBusy(true);
    try {
      const s = await api['documents.certificate.import'](r.data);
      setFile('');
      setPass('');
      setErrors({});
      onDone(s);
      toast.success(replacing ? '已更换证书并解锁' : '证书已导入并解锁');
    } catch (e) {
      const errs = errorsFromCertRefusal(e, ['path', 'passphrase'], 'path');
      setErrors(errs);
      focusLater(errs.passphrase ? 'ds-cert-pass' : 'ds-cert-path');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="docset-subform"
      noValidate
      aria-labelledby="ds-import-h"
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void submit();
      }}
      data-testid="ds-cert-import"
    >
      <h3 id="ds-import-h">{replacing ? '更换证书' : '导入证书'}</h3>
      {replacing && <p className="small">导入新证书后，原证书不再用于签名；已签名的文书不受影响。密码不正确或证书无效时，原证书保持不变。</p>}
      <PathField
        id="ds-cert-path"
        label="证书文件（.p12 / .pfx）"
        mode="open"
        required
        value={file}
        onChange={(v) => {
          setFile(v);
          setErrors((x) => ({ ...x, path: undefined }));
        }}
        dialogTitle="选择单位数字证书"
        filters={P12_FILTERS}
        error={errors.path}
        hint="须包含私钥（RSA），并在今天处于有效期内。文件会复制到本机数据目录"
      />
      <TextField
        id="ds-cert-pass"
        label="证书密码"
        type="password"
        required
        autoComplete="off"
        className="docset-pass"
        value={pass}
        error={errors.passphrase}
        hint="颁发证书时设定的密码，只用于打开证书，不会保存"
        onChange={(e) => {
          setPass(e.target.value);
          setErrors((x) => ({ ...x, passphrase: undefined }));
        }}
      />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="ds-cert-import-submit">
          {busy ? '正在导入…' : replacing ? '导入新证书' : '导入证书'}
        </button>
        {onCancel && (
          <button type="button" className="btn" onClick={onCancel}>
            取消
          </button>
        )}
      </div>
    </form>
  );
}

// ---------------------------------------------------------------------------
// 4. 电子印章

const PNG_FILTERS: FileFilter[] = [
  { name: 'PNG 图片', extensions: ['png'] },
  { name: '所有文件', extensions: ['*'] },
];

function SealSection() {
  const toast = useToast();
  const [file, setFile] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [removing, setRemoving] = useState(false);
  const status = useLoad(() => api['documents.seal.status']({}), []);

  const submit = async () => {
    if (busy) return;
    const p = file.trim();
    if (!p) {
      setError('请选择印章图片（PNG）');
      focusLater('ds-seal-path');
      return;
    }
    const r = contract['documents.seal.import'].input.safeParse({ path: p });
    if (!r.success) {
      setError(fieldErrorsOf(r.error).path ?? '请选择印章图片（PNG）');
      focusLater('ds-seal-path');
      return;
    }
    setBusy(true);
    try {
      await api['documents.seal.import'](r.data);
      status.reload();
      setFile('');
      setError(undefined);
      toast.success('电子印章已导入');
    } catch (e) {
      setError(errorMessage(e));
      focusLater('ds-seal-path');
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    setBusy(true);
    try {
      await api['documents.seal.import']({ path: null });
      status.reload();
      setRemoving(false);
      toast.success('电子印章已移除');
    } catch (e) {
      toast.fromError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="ds-seal-h" data-testid="ds-seal">
      <h2 id="ds-seal-h">电子印章</h2>
      <p className="muted small">
        印章图片（透明背景的 PNG）盖在已签名文书的成文日期上；未签名的草稿不盖章。导入新印章会替换原有印章。
      </p>
      <p className="docset-seal-state" role="status" data-testid="ds-seal-state">
        {status.error ? (
          <>无法读取印章状态：{errorMessage(status.error)}</>
        ) : !status.data ? (
          <>正在读取…</>
        ) : status.data.present ? (
          <>
            <Badge tone="success">已导入</Badge> 签名文书的成文日期上盖此印章{status.data.importedAt && <>（导入于 {formatTimestamp(status.data.importedAt)}）</>}。
          </>
        ) : (
          <>
            <Badge>未导入</Badge> 签名文书不盖章（数字签名不受影响）。
          </>
        )}
      </p>
      <form
        noValidate
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void submit();
        }}
      >
        <PathField
          id="ds-seal-path"
          label="印章图片（PNG）"
          mode="open"
          required
          value={file}
          onChange={(v) => {
            setFile(v);
            setError(undefined);
          }}
          dialogTitle="选择电子印章图片"
          filters={PNG_FILTERS}
          error={error}
          hint="图片会复制到本机数据目录；原图片之后移动或删除不影响"
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} data-testid="ds-seal-submit">
            {busy ? '正在保存…' : '导入印章'}
          </button>
          <button type="button" className="btn btn-danger-outline" disabled={busy || !status.data?.present} onClick={() => setRemoving(true)} data-testid="ds-seal-remove">
            移除印章…
          </button>
        </div>
      </form>
      {removing && (
        <ConfirmDialog title="移除电子印章" confirmLabel="移除印章" danger busy={busy} onClose={() => setRemoving(false)} onConfirm={() => void remove()}>
          <p>移除后，之后生成的签名文书不再盖章（数字签名不受影响）；已生成的文书不变。</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

// ---------------------------------------------------------------------------
// 5. 公示与备案

const RESULT_FIELDS = ['objectionAddress', 'objectionPhone', 'filingAuthority'] as const;
type ResultField = (typeof RESULT_FIELDS)[number];

function ResultSettingsSection() {
  const loaded = useLoad(() => api['documents.resultSettings.get']({}), []);
  return (
    <section className="panel" aria-labelledby="ds-result-h" data-testid="ds-result">
      <h2 id="ds-result-h">公示与备案</h2>
      {loaded.error ? (
        <LoadError error={loaded.error} onRetry={loaded.reload} />
      ) : !loaded.data ? (
        <Loading what="公示与备案设置" />
      ) : (
        <ResultSettingsForm saved={loaded.data} onSaved={loaded.setData} />
      )}
    </section>
  );
}

function ResultSettingsForm({ saved, onSaved }: { saved: ResultSettings; onSaved: (s: ResultSettings) => void }) {
  const toast = useToast();
  const [values, setValues] = useState<Record<ResultField, string>>({ ...saved });
  const [errors, setErrors] = useState<Errors>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = (f: ResultField, v: string) => {
    setValues((x) => ({ ...x, [f]: v }));
    setErrors((x) => ({ ...x, [f]: undefined }));
  };

  const save = async () => {
    if (busy) return;
    setBanner(null);
    const r = contract['documents.resultSettings.set'].input.safeParse(values);
    if (!r.success) {
      const fe = fieldErrorsOf(r.error);
      setErrors(fe);
      const first = RESULT_FIELDS.find((f) => fe[f]);
      if (first) focusLater(`ds-${first}`);
      return;
    }
    setBusy(true);
    try {
      const s = await api['documents.resultSettings.set'](r.data);
      onSaved(s);
      setValues({ ...s });
      toast.success('公示与备案设置已保存');
    } catch (e) {
      const fe = e instanceof ApiError ? (e.fieldErrors ?? {}) : {};
      setErrors(fe);
      const first = RESULT_FIELDS.find((f) => fe[f]);
      if (first) focusLater(`ds-${first}`);
      else setBanner(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        void save();
      }}
    >
      {banner && (
        <div className="banner banner-error" role="alert">
          <p>{banner}</p>
        </div>
      )}
      <div className="grid docset-grid">
        <TextField
          id="ds-objectionAddress"
          label="异议受理地址"
          span={2}
          value={values.objectionAddress}
          error={errors.objectionAddress}
          maxLength={120}
          hint="印在公示上：对公示名单有异议的，书面材料寄送或递交的地址"
          onChange={(e) => change('objectionAddress', e.target.value)}
        />
        <TextField
          id="ds-objectionPhone"
          label="异议受理电话"
          type="tel"
          value={values.objectionPhone}
          error={errors.objectionPhone}
          maxLength={50}
          hint="如 0991-4567890"
          onChange={(e) => change('objectionPhone', e.target.value)}
        />
        <TextField
          id="ds-filingAuthority"
          label="备案机关"
          span={2}
          value={values.filingAuthority}
          error={errors.filingAuthority}
          maxLength={50}
          hint="审核结果备案表报送的医疗保障行政部门，如“乌鲁木齐市医疗保障局”；不填则写“同级医疗保障行政部门”"
          onChange={(e) => change('filingAuthority', e.target.value)}
        />
      </div>
      <div className="form-actions">
        <SaveButton busy={busy} testId="ds-result-save">
          保存公示与备案
        </SaveButton>
      </div>
    </form>
  );
}
