import { Fragment, useState } from 'react';
import { api, ApiError } from '../../api';
import { contract, type Output } from '../../../../shared/contract/methods';
import { fieldErrorsOf } from '../../../../shared/contract/validate';
import { useApp } from '../../components/AppContext';
import { Badge } from '../../components/Badge';
import { TextField } from '../../components/Field';
import { LoadError, Loading } from '../../components/Page';
import { PathField, type FileFilter } from '../../components/PathField';
import { errorMessage, useToast } from '../../components/Toast';
import { useLoad } from '../../components/useLoad';
import { type Errors, focusLater, SectionForm } from './DocumentSettingsParts';

type CertStatus = Output<'documents.certificate.status'>;

/* 文书与签章设置 › 单位数字证书: status, import and unlock. The passphrase is never stored. */

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

export function CertificateSection() {
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
    <SectionForm onSubmit={submit} banner={banner} className="docset-subform" labelledBy="ds-unlock-h" testId="ds-unlock" heading={<h3 id="ds-unlock-h">解锁证书</h3>}>
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
    </SectionForm>
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
    <SectionForm onSubmit={submit} className="docset-subform" labelledBy="ds-import-h" testId="ds-cert-import">
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
    </SectionForm>
  );
}
