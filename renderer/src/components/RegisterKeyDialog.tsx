import { useState } from 'react';
import { api, ApiError } from '../api';
import type { Output } from '../../../shared/contract/methods';
import type { RegisteredKey } from '../../../shared/contract/slices/offline';
import { normalizeFingerprint } from '../../../shared/offline/fingerprint';
import { Dialog } from './Dialog';
import { FieldError, SelectField, TextAreaField, errorId } from './Field';
import { Fingerprint } from './OfflineBits';
import { JSON_FILTERS, PathField } from './PathField';
import { errorMessage, useToast } from './Toast';

type KeyFile = Output<'offline.readKeyFile'>;

/**
 * 登记成员公钥 (clerk's laptop): the member brings the public key file from
 * their laptop (USB); the clerk opens it, then types the fingerprint the
 * member reads aloud from their own screen. The service compares the two:
 * 不一致 means the file is not the key on the member's laptop, and nothing is
 * registered. Replacing a registered key asks for a reason.
 */
export function RegisterKeyDialog({
  person,
  persons,
  current,
  onClose,
  onDone,
}: {
  /** the person whose key this is (from a member row) … */
  person?: { id: string; name: string };
  /** … or the people to choose from */
  persons?: { id: string; name: string }[];
  /** the person's key registered now, if any: registering another replaces it */
  current?: { fingerprint: string } | null;
  onClose: () => void;
  onDone: (k: RegisteredKey) => void;
}) {
  const toast = useToast();
  const [personId, setPersonId] = useState(person?.id ?? '');
  const [path, setPath] = useState('');
  const [file, setFile] = useState<KeyFile | null>(null);
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [needReason, setNeedReason] = useState(Boolean(current));
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const who = person?.name ?? persons?.find((p) => p.id === personId)?.name ?? '成员';

  const readFile = async (): Promise<KeyFile | null> => {
    if (!path.trim()) {
      setErrors((e) => ({ ...e, path: '请选择公钥文件' }));
      document.getElementById('key-path')?.focus();
      return null;
    }
    try {
      const f = await api['offline.readKeyFile']({ path: path.trim() });
      setFile(f);
      setErrors((e) => ({ ...e, path: undefined }));
      setProblem(null);
      return f;
    } catch (e) {
      setFile(null);
      setErrors((x) => ({ ...x, path: e instanceof ApiError && e.fieldErrors?.path ? e.fieldErrors.path : errorMessage(e) }));
      setProblem(errorMessage(e));
      document.getElementById('key-path')?.focus();
      return null;
    }
  };

  const submit = async () => {
    if (busy) return;
    const e: Record<string, string> = {};
    if (!personId) e.personId = '请选择成员';
    if (!path.trim()) e.path = '请选择公钥文件';
    if (!typed.trim()) e.fingerprint = '请输入对方念出的指纹';
    else if (!normalizeFingerprint(typed)) e.fingerprint = '指纹格式不正确：应为32位十六进制或40位数字';
    if (needReason && !reason.trim()) e.reason = '请填写更换原因';
    setErrors(e);
    const first = Object.keys(e)[0];
    if (first) {
      document.getElementById({ personId: 'key-person', path: 'key-path', fingerprint: 'key-fingerprint', reason: 'key-reason' }[first] ?? '')?.focus();
      return;
    }
    setBusy(true);
    try {
      const f = file ?? (await readFile());
      if (!f) return;
      const k = await api['offline.registerKey']({ personId, path: path.trim(), fingerprint: typed, ...(reason.trim() ? { reason: reason.trim() } : {}) });
      toast.success(`已登记${k.personName}的公钥（指纹 ${k.fingerprint}）`);
      onDone(k);
    } catch (err) {
      const fe = err instanceof ApiError ? (err.fieldErrors ?? {}) : {};
      if (fe.reason) setNeedReason(true);
      setErrors({ fingerprint: fe.fingerprint, reason: fe.reason, path: fe.path, personId: fe.personId });
      setProblem(errorMessage(err));
      document.getElementById(fe.reason ? 'key-reason' : fe.path ? 'key-path' : 'key-fingerprint')?.focus();
    } finally {
      setBusy(false);
    }
  };

  const typedNorm = normalizeFingerprint(typed);
  const compare = file && typedNorm ? (typedNorm === file.fingerprint ? 'same' : 'different') : null;

  return (
    <Dialog
      title={current ? `更换${who}的公钥` : `登记${person ? `${person.name}的` : '成员'}公钥`}
      onClose={onClose}
      onSubmit={() => void submit()}
      wide
      testId="register-key-dialog"
      footer={
        <>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? '正在登记…' : '核对指纹并登记'}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            取消
          </button>
        </>
      }
    >
      <p>
        请评审专家带来本人电脑“密钥管理”页导出的<strong>公钥文件</strong>，并当面打开本人电脑上的“密钥管理”页，<strong>念出指纹</strong>。
        由您输入念出的指纹，与公钥文件核对一致后才能登记。
      </p>
      {problem && (
        <div className="banner banner-error" role="alert" data-testid="register-key-problem">
          <p>{problem}</p>
        </div>
      )}
      {!person && persons && (
        <SelectField
          id="key-person"
          label="成员"
          required
          value={personId}
          error={errors.personId}
          onChange={(e) => {
            setPersonId(e.target.value);
            setErrors((x) => ({ ...x, personId: undefined }));
          }}
        >
          <option value="">请选择…</option>
          {persons.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </SelectField>
      )}
      <div className="path-with-action">
        <PathField
          id="key-path"
          label="公钥文件"
          mode="open"
          required
          value={path}
          onChange={(v) => {
            setPath(v);
            setFile(null);
            setErrors((x) => ({ ...x, path: undefined }));
          }}
          dialogTitle="打开成员公钥文件"
          filters={JSON_FILTERS}
          error={errors.path}
          hint="成员电脑“密钥管理 › 导出公钥”生成的文件，如 E:\公钥-张三.json"
          onEnter={() => void readFile()}
        />
        <button type="button" className="btn" onClick={() => void readFile()}>
          读取公钥文件
        </button>
      </div>
      {file && (
        <div className="key-file-box" data-testid="key-file">
          <p>
            公钥文件：持有人 <strong>{file.name || '（未写姓名）'}</strong>
            {file.registeredTo && <span className="muted">（已登记给{file.registeredTo.name}）</span>}
          </p>
          <Fingerprint hex={file.fingerprint} digits={file.fingerprintDigits} size="medium" testId="key-file-fingerprint" />
        </div>
      )}
      <div className={`field${errors.fingerprint ? ' has-error' : ''}`}>
        <label htmlFor="key-fingerprint">
          对方念出的指纹
          <span className="req" aria-hidden="true">
            *
          </span>
        </label>
        <input
          id="key-fingerprint"
          type="text"
          className="mono fp-input"
          autoComplete="off"
          spellCheck={false}
          value={typed}
          aria-invalid={errors.fingerprint ? true : undefined}
          aria-describedby={[errors.fingerprint ? errorId('key-fingerprint') : '', 'key-fingerprint-hint'].filter(Boolean).join(' ')}
          onChange={(e) => {
            setTyped(e.target.value);
            setErrors((x) => ({ ...x, fingerprint: undefined }));
            setProblem(null);
          }}
        />
        <p id="key-fingerprint-hint" className="hint">
          十六进制（如 3F9A-21C0-…）或数字（如 16282 08640 …）均可，空格、横线可有可无。请让对方念，不要照抄上面的文件指纹。
        </p>
        {compare && (
          <p className={compare === 'same' ? 'fp-compare fp-same' : 'fp-compare fp-different'} role="status" data-testid="fingerprint-compare">
            {compare === 'same' ? '✓ 与公钥文件的指纹一致' : '✗ 与公钥文件的指纹不一致：请当面重新核对，不一致时不得登记'}
          </p>
        )}
        <FieldError id="key-fingerprint" error={errors.fingerprint} />
      </div>
      {needReason && (
        <TextAreaField
          id="key-reason"
          label="更换原因"
          required
          value={reason}
          error={errors.reason}
          hint={current ? `现登记的公钥指纹 ${current.fingerprint}；更换后，用旧密钥签名的评分表不再被接受` : '该成员已登记过公钥，更换须写明原因（如更换电脑、口令遗失）'}
          onChange={(e) => {
            setReason(e.target.value);
            setErrors((x) => ({ ...x, reason: undefined }));
          }}
        />
      )}
    </Dialog>
  );
}
