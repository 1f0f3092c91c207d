import { useEffect, useState } from 'react';
import { api, ApiError } from '../api';
import { contract, type Output } from '../../../shared/contract/methods';
import { fieldErrorsOf } from '../../../shared/contract/validate';
import type { KeyView, RegisteredKey } from '../../../shared/contract/slices/offline';
import { Badge } from '../components/Badge';
import { Dialog } from '../components/Dialog';
import { ChoiceGroup, TextField } from '../components/Field';
import { Fingerprint } from '../components/OfflineBits';
import { Breadcrumbs, Kbd, LoadError, Loading, PageHeading } from '../components/Page';
import { JSON_FILTERS, PathField } from '../components/PathField';
import { RegisterKeyDialog } from '../components/RegisterKeyDialog';
import { errorMessage, useToast } from '../components/Toast';
import { useHotkey } from '../components/useHotkey';
import { useLoad } from '../components/useLoad';
import { formatTimestamp } from '../format';
import { Link } from '../router';
import '../offline.css';

type Keys = Output<'offline.keys'>;
type MemberKey = Keys['memberKeys'][number];

/**
 * 密钥管理 (issue 5), on both laptops. A member creates their own signing key
 * on their laptop, reads its fingerprint aloud to the clerk and exports the
 * public key file; the clerk's laptop has one agency key (it signs round
 * packages) and the members' registered public keys.
 */
export function KeysPage() {
  const keys = useLoad(() => api['offline.keys']({}), []);
  const registered = useLoad(() => api['offline.registeredKeys']({}), []);
  const [creating, setCreating] = useState(false);
  const [fresh, setFresh] = useState<string | null>(null);
  const [exporting, setExporting] = useState<KeyView | null>(null);
  const [registering, setRegistering] = useState(false);
  useHotkey('Alt+N', () => setCreating(true));

  useEffect(() => {
    if (!fresh || !keys.data) return;
    document.getElementById(`key-${fresh}`)?.scrollIntoView({ block: 'start' });
  }, [fresh, keys.data]);

  const k = keys.data;
  const clerkFirst = Boolean(k?.agencyKey);
  const memberSection = k && <MemberKeysSection keys={k} fresh={fresh} onExport={setExporting} onCreate={() => setCreating(true)} />;
  const agencySection = k && <AgencyKeySection keys={k} fresh={fresh} onCreate={() => setCreating(true)} />;

  return (
    <div className="page offline-page">
      <Breadcrumbs items={[{ label: '设置', to: { name: 'settings' } }, { label: '密钥管理' }]} />
      <PageHeading
        title="密钥管理"
        actions={
          <button type="button" className="btn btn-primary" onClick={() => setCreating(true)} aria-keyshortcuts="Alt+N">
            生成密钥… <Kbd>Alt+N</Kbd>
          </button>
        }
      >
        <p className="lead">
          离线评分用的签名密钥：私钥只保存在本机，由口令保护，不会导出；公钥交对方登记，登记时须<strong>当面念读并核对指纹</strong>。
        </p>
      </PageHeading>
      {keys.error ? (
        <LoadError error={keys.error} onRetry={keys.reload} />
      ) : !k ? (
        <Loading what="密钥" />
      ) : (
        <>
          {clerkFirst ? (
            <>
              {agencySection}
              <RegisteredSection registered={registered} onRegister={() => setRegistering(true)} />
              {k.memberKeys.length > 0 && memberSection}
            </>
          ) : (
            <>
              {memberSection}
              <TrustedSection keys={k} />
              {agencySection}
              {registered.data && registered.data.length > 0 && <RegisteredSection registered={registered} onRegister={() => setRegistering(true)} />}
            </>
          )}
          <p className="muted small">本机设备编号：{k.deviceId ? <span className="mono">{k.deviceId}</span> : '尚未生成（首次导出文件时生成）'}</p>
        </>
      )}
      {creating && k && (
        <CreateKeyDialog
          hasAgencyKey={Boolean(k.agencyKey)}
          onClose={() => setCreating(false)}
          onDone={(key) => {
            setCreating(false);
            setFresh(key.id);
            void keys.reload();
          }}
        />
      )}
      {exporting && <ExportPublicKeyDialog keyView={exporting} onClose={() => setExporting(null)} />}
      {registering && <RegisterFromSettings onClose={() => setRegistering(false)} onDone={() => void registered.reload()} />}
    </div>
  );
}

function MemberKeysSection({ keys, fresh, onExport, onCreate }: { keys: Keys; fresh: string | null; onExport: (k: KeyView) => void; onCreate: () => void }) {
  return (
    <section className="panel" aria-labelledby="member-keys-h" data-testid="member-keys">
      <h2 id="member-keys-h">评审专家密钥（本机）</h2>
      {keys.memberKeys.length === 0 ? (
        <div className="empty">
          <p>本机还没有评审专家密钥。</p>
          <p className="muted">
            评审专家在<strong>本人的电脑</strong>上生成密钥（几位成员共用一台电脑时，每人各生成一把），然后把指纹念给经办人员核对、导出公钥文件交经办机构登记。
          </p>
          <button type="button" className="btn btn-primary" onClick={onCreate}>
            生成本人密钥…
          </button>
        </div>
      ) : (
        <ul className="key-list">
          {keys.memberKeys.map((m) => (
            <MemberKeyCard key={m.id} k={m} fresh={fresh === m.id} onExport={() => onExport(m)} />
          ))}
        </ul>
      )}
    </section>
  );
}

function MemberKeyCard({ k, fresh, onExport }: { k: MemberKey; fresh: boolean; onExport: () => void }) {
  return (
    <li className={`key-card${fresh ? ' key-card-new' : ''}`} id={`key-${k.id}`} data-testid={`member-key-${k.name}`}>
      <div className="key-card-head">
        <h3>
          {k.name}
          <span className="muted small">（评审专家密钥，生成于 {formatTimestamp(k.createdAt)}）</span>
        </h3>
        <button type="button" className="btn" onClick={onExport}>
          导出公钥…
        </button>
      </div>
      {fresh && (
        <div className="banner banner-success" role="status">
          <p>
            密钥已生成。请<strong>当面把下面的指纹念给经办人员</strong>，并“导出公钥”把公钥文件交经办机构登记。私钥和口令不会离开本机。
          </p>
        </div>
      )}
      <Fingerprint hex={k.fingerprint} digits={k.fingerprintDigits} testId={`fingerprint-${k.name}`} />
      {k.members.length > 0 ? (
        <p className="small">
          已登记为：
          {k.members.map((m) => (
            <span key={`${m.roundId}-${m.memberId}`} className="key-round">
              <Link to={{ name: 'roundReview', roundId: m.roundId, section: 'scoring' }}>
                {m.roundName}（{m.roundCode}）
              </Link>
              的{m.role === 'chair' ? '组长' : '成员'}{m.name}
            </span>
          ))}
        </p>
      ) : (
        <p className="muted small">尚未出现在本机导入的评分包中：经办机构登记公钥后重新导出评分包，导入后即可用本密钥评分。</p>
      )}
    </li>
  );
}

function AgencyKeySection({ keys, fresh, onCreate }: { keys: Keys; fresh: string | null; onCreate: () => void }) {
  const a = keys.agencyKey;
  return (
    <section className="panel" aria-labelledby="agency-key-h" data-testid="agency-key">
      <h2 id="agency-key-h">经办机构签名密钥</h2>
      {a ? (
        <div className={`key-card${fresh === a.id ? ' key-card-new' : ''}`} id={`key-${a.id}`}>
          <div className="key-card-head">
            <h3>
              {a.name}
              <span className="muted small">（生成于 {formatTimestamp(a.createdAt)}）</span>
            </h3>
          </div>
          <p className="small">
            用于签名本机导出的评分包。评审专家在本人电脑上<strong>首次导入评分包</strong>时，须对照本屏幕输入下面的指纹。
          </p>
          <Fingerprint hex={a.fingerprint} digits={a.fingerprintDigits} testId="agency-fingerprint" />
        </div>
      ) : (
        <>
          <p className="muted">
            本机没有经办机构签名密钥。经办机构的电脑须生成一把（每台电脑一把），用于签名导出的评分包；评审专家的电脑不需要。
          </p>
          <button type="button" className="btn" onClick={onCreate}>
            生成经办机构密钥…
          </button>
        </>
      )}
    </section>
  );
}

function TrustedSection({ keys }: { keys: Keys }) {
  if (keys.trustedAgencies.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="trusted-h">
      <h2 id="trusted-h">已核对的经办机构</h2>
      <p className="muted small">首次导入评分包时核对过指纹的经办机构密钥；之后导入其评分包无需再输入指纹。</p>
      <table className="data-table compact">
        <thead>
          <tr>
            <th scope="col">经办机构</th>
            <th scope="col">指纹</th>
            <th scope="col">核对时间</th>
          </tr>
        </thead>
        <tbody>
          {keys.trustedAgencies.map((t) => (
            <tr key={t.fingerprint}>
              <td>{t.name}</td>
              <td className="mono">{t.fingerprint}</td>
              <td>{formatTimestamp(t.trustedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RegisteredSection({ registered, onRegister }: { registered: ReturnType<typeof useLoad<RegisteredKey[]>>; onRegister: () => void }) {
  return (
    <section className="panel" aria-labelledby="registered-h" data-testid="registered-keys">
      <div className="panel-header">
        <h2 id="registered-h">已登记的成员公钥</h2>
        <button type="button" className="btn" onClick={onRegister}>
          登记成员公钥…
        </button>
      </div>
      <p className="muted small">也可以在批次的“离线评分 › 导出评分包”页逐个成员登记。</p>
      {registered.error ? (
        <LoadError error={registered.error} onRetry={registered.reload} />
      ) : !registered.data ? (
        <Loading what="成员公钥" />
      ) : registered.data.length === 0 ? (
        <p className="muted">还没有登记成员公钥。</p>
      ) : (
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">成员</th>
              <th scope="col">指纹</th>
              <th scope="col">公钥文件中的姓名</th>
              <th scope="col">登记方式</th>
              <th scope="col">登记时间</th>
              <th scope="col">登记人</th>
            </tr>
          </thead>
          <tbody>
            {registered.data.map((r) => (
              <tr key={r.personId}>
                <td>
                  {r.personName}
                  {r.replaced > 0 && (
                    <>
                      {' '}
                      <Badge tone="warn">已更换{r.replaced}次</Badge>
                    </>
                  )}
                </td>
                <td>
                  <span className="mono">{r.fingerprint}</span>
                  <br />
                  <span className="mono muted small">{r.fingerprintDigits}</span>
                </td>
                <td>{r.keyName ?? '—'}</td>
                <td>{r.source === 'file' ? '公钥文件' : '公钥文本'}</td>
                <td>{formatTimestamp(r.registeredAt)}</td>
                <td>{r.registeredBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RegisterFromSettings({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const persons = useLoad(() => api['persons.list']({}), []);
  if (!persons.data) return null;
  return (
    <RegisterKeyDialog
      persons={persons.data.map((p) => ({ id: p.id, name: p.name }))}
      onClose={onClose}
      onDone={() => {
        onDone();
        onClose();
      }}
    />
  );
}

function CreateKeyDialog({ hasAgencyKey, onClose, onDone }: { hasAgencyKey: boolean; onClose: () => void; onDone: (k: KeyView) => void }) {
  const toast = useToast();
  const [kind, setKind] = useState<'member' | 'agency'>('member');
  const [name, setName] = useState('');
  const [pass, setPass] = useState('');
  const [pass2, setPass2] = useState('');
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    const r = contract['offline.createKey'].input.safeParse({ kind, name, passphrase: pass });
    const e: Record<string, string> = r.success ? {} : fieldErrorsOf(r.error);
    if (!e.passphrase && pass !== pass2) e.passphrase2 = '两次输入的口令不一致';
    setErrors(e);
    const first = ['kind', 'name', 'passphrase', 'passphrase2'].find((f) => e[f]);
    if (first) {
      document.getElementById(`ck-${first}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const k = await api['offline.createKey']({ kind, name: name.trim(), passphrase: pass });
      toast.success(`已生成${k.name}的${kind === 'agency' ? '经办机构' : '评审专家'}密钥`);
      onDone(k);
    } catch (err) {
      const fe = err instanceof ApiError ? (err.fieldErrors ?? {}) : {};
      setErrors({ ...fe, _: Object.keys(fe).length ? undefined : errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title="生成签名密钥"
      onClose={onClose}
      onSubmit={() => void submit()}
      testId="create-key-dialog"
      footer={
        <>
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? '正在生成…' : '生成密钥'}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            取消
          </button>
        </>
      }
    >
      {errors._ && (
        <div className="banner banner-error" role="alert">
          <p>{errors._}</p>
        </div>
      )}
      <ChoiceGroup
        id="ck-kind"
        legend="密钥类型"
        type="radio"
        vertical
        value={kind}
        onChange={(v) => setKind(v as 'member' | 'agency')}
        error={errors.kind}
        options={[
          { value: 'member', label: '评审专家本人密钥', hint: '在本人电脑上生成，签名评分表（共用电脑时每人一把）' },
          ...(hasAgencyKey ? [] : [{ value: 'agency' as const, label: '经办机构签名密钥', hint: '在经办机构电脑上生成，签名评分包（每台电脑一把）' }]),
        ]}
      />
      <TextField
        id="ck-name"
        label={kind === 'agency' ? '经办机构名称' : '评审专家姓名'}
        required
        maxLength={100}
        value={name}
        error={errors.name}
        onChange={(e) => {
          setName(e.target.value);
          setErrors((x) => ({ ...x, name: undefined }));
        }}
      />
      <TextField
        id="ck-passphrase"
        label="密钥口令"
        type="password"
        required
        value={pass}
        error={errors.passphrase}
        hint="至少8位。每次登录评分、导出签名文件时都要输入；口令遗失无法找回，只能重新生成密钥并重新登记"
        onChange={(e) => {
          setPass(e.target.value);
          setErrors((x) => ({ ...x, passphrase: undefined, passphrase2: undefined }));
        }}
      />
      <TextField
        id="ck-passphrase2"
        label="再次输入口令"
        type="password"
        required
        value={pass2}
        error={errors.passphrase2}
        onChange={(e) => {
          setPass2(e.target.value);
          setErrors((x) => ({ ...x, passphrase2: undefined }));
        }}
      />
    </Dialog>
  );
}

function ExportPublicKeyDialog({ keyView, onClose }: { keyView: KeyView; onClose: () => void }) {
  const toast = useToast();
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Output<'offline.exportPublicKey'> | null>(null);
  const defaultName = `公钥-${keyView.name}.json`;

  const submit = async () => {
    if (done) return onClose();
    if (busy) return;
    if (!path.trim()) {
      setError('请选择保存位置');
      document.getElementById('pk-path')?.focus();
      return;
    }
    setBusy(true);
    try {
      const r = await api['offline.exportPublicKey']({ keyId: keyView.id, outPath: path.trim() });
      setDone(r);
      toast.success(`公钥文件已保存：${r.fileName}`);
    } catch (e) {
      setError(e instanceof ApiError && e.fieldErrors?.outPath ? `${e.fieldErrors.outPath}：${e.message}` : errorMessage(e));
      document.getElementById('pk-path')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`导出${keyView.name}的公钥`}
      onClose={onClose}
      onSubmit={() => void submit()}
      testId="export-key-dialog"
      footer={
        done ? (
          <button type="submit" className="btn btn-primary" data-autofocus="">
            完成
          </button>
        ) : (
          <>
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? '正在保存…' : '导出公钥'}
            </button>
            <button type="button" className="btn" onClick={onClose}>
              取消
            </button>
          </>
        )
      }
    >
      {done ? (
        <div className="banner banner-success" role="status" data-testid="export-key-done">
          <p>
            公钥文件已保存到 <span className="mono">{done.path}</span>
          </p>
          <p>请把该文件交经办机构登记，并当面念读指纹 {done.fingerprint} 供核对。</p>
        </div>
      ) : (
        <>
          <p>公钥文件只含公钥和指纹，可以放心拷贝；私钥不会导出。</p>
          <PathField
            id="pk-path"
            label="保存位置"
            mode="save"
            required
            value={path}
            onChange={(v) => {
              setPath(v);
              setError(undefined);
            }}
            dialogTitle="保存公钥文件"
            defaultName={defaultName}
            filters={JSON_FILTERS}
            error={error}
            hint={`文件的完整路径，如 E:\\${defaultName}（U盘）`}
          />
        </>
      )}
    </Dialog>
  );
}
