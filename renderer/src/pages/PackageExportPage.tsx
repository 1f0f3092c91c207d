import { useState } from 'react';
import { api } from '../api';
import type { Output } from '../../../shared/contract/methods';
import { PANEL_ROLE_LABEL } from '../../../shared/rules/panel';
import { Badge } from '../components/Badge';
import { Fingerprint, OfflineFrame, ShortHash, formatBytes } from '../components/OfflineBits';
import { LoadError, Loading } from '../components/Page';
import { RegisterKeyDialog } from '../components/RegisterKeyDialog';
import { SignedExportFields, useSignedExport } from '../components/SignedExport';
import { useToast } from '../components/Toast';
import { useLoad } from '../components/useLoad';
import { formatTimestamp } from '../format';
import { Link } from '../router';

type StatusMember = Output<'offline.status'>['members'][number];
type Exported = Output<'offline.exportPackage'>;

/**
 * 导出评分包 (clerk): the agency key and its fingerprint (members type it on
 * their laptops when they first import), the members' public keys (登记 here),
 * then the package itself: a save path and the agency key's passphrase.
 */
export function PackageExportPage({ roundId }: { roundId: string }) {
  const keys = useLoad(() => api['offline.keys']({}), []);
  const status = useLoad(() => api['offline.status']({ roundId }), [roundId]);
  const [registering, setRegistering] = useState<StatusMember | null>(null);

  return (
    <OfflineFrame
      roundId={roundId}
      view="package"
      lead={<p>评分包交评审专家带回本人电脑离线评分：含评分所需的申请信息、评分细则、审核小组、回避情况和经办机构公钥，不含联系人、电话和证件号码。</p>}
    >
      {(r) => (
        <>
          <section className="panel" aria-labelledby="agency-h" data-testid="export-agency">
            <h2 id="agency-h">1. 经办机构签名密钥</h2>
            {keys.error ? (
              <LoadError error={keys.error} onRetry={keys.reload} />
            ) : !keys.data ? (
              <Loading what="密钥" />
            ) : keys.data.agencyKey ? (
              <>
                <p>
                  评分包由 <strong>{keys.data.agencyKey.name}</strong> 的密钥签名。评审专家<strong>首次导入</strong>时须输入下面的指纹：请让其对照本屏幕当面核对。
                </p>
                <Fingerprint hex={keys.data.agencyKey.fingerprint} digits={keys.data.agencyKey.fingerprintDigits} testId="export-agency-fingerprint" />
              </>
            ) : (
              <div className="banner banner-warn" role="note" data-testid="no-agency-key">
                <p>
                  本机还没有经办机构签名密钥，不能导出评分包。请先在<Link to={{ name: 'keys' }}>密钥管理</Link>（Alt+U）中生成经办机构密钥。
                </p>
              </div>
            )}
          </section>

          <section className="panel" aria-labelledby="member-keys-h" data-testid="export-member-keys">
            <h2 id="member-keys-h">2. 成员公钥</h2>
            <p className="muted small">成员在本人电脑上生成密钥后，带公钥文件来登记，并当面念出指纹。未登记公钥的成员不能在成员电脑上签名评分表（仍可在本机用PIN评分）。</p>
            {status.error ? (
              <LoadError error={status.error} onRetry={status.reload} />
            ) : !status.data ? (
              <Loading what="审核小组" />
            ) : status.data.members.length === 0 ? (
              <p className="muted">
                审核小组还没有成员，请先在<Link to={{ name: 'roundReview', roundId, section: 'panel' }}>审核小组</Link>页面组建。
              </p>
            ) : (
              <table className="data-table compact" data-testid="member-key-table">
                <thead>
                  <tr>
                    <th scope="col">成员</th>
                    <th scope="col">公钥指纹</th>
                    <th scope="col">
                      <span className="sr-only">操作</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {status.data.members.map((m) => (
                    <tr key={m.memberId} data-testid={`key-row-${m.name}`}>
                      <td>
                        {m.name}
                        <span className="muted small">（{PANEL_ROLE_LABEL[m.role]}）</span>
                      </td>
                      <td>
                        {m.keyFingerprint ? (
                          <>
                            <span className="mono">{m.keyFingerprint}</span>
                            <br />
                            <span className="mono muted small">{m.keyFingerprintDigits}</span>
                          </>
                        ) : (
                          <Badge tone="warn">未登记公钥</Badge>
                        )}
                      </td>
                      <td className="num">
                        <button type="button" className="btn btn-small" onClick={() => setRegistering(m)} aria-label={`${m.keyFingerprint ? '更换' : '登记'}${m.name}的公钥`}>
                          {m.keyFingerprint ? '更换公钥…' : '登记公钥…'}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>

          <ExportForm roundId={roundId} roundCode={r.code} disabled={!keys.data?.agencyKey || r.status !== 'open'} onExported={() => void status.reload()} />

          {registering && (
            <RegisterKeyDialog
              person={{ id: registering.personId, name: registering.name }}
              current={registering.keyFingerprint ? { fingerprint: registering.keyFingerprint } : null}
              onClose={() => setRegistering(null)}
              onDone={() => {
                setRegistering(null);
                void status.reload();
              }}
            />
          )}
        </>
      )}
    </OfflineFrame>
  );
}

function ExportForm({ roundId, roundCode, disabled, onExported }: { roundId: string; roundCode: string; disabled: boolean; onExported: () => void }) {
  const toast = useToast();
  const form = useSignedExport<Exported>({
    ids: { path: 'pkg-path', passphrase: 'pkg-pass' },
    passphraseMissing: '请输入经办机构密钥口令',
    run: (outPath, passphrase) => api['offline.exportPackage']({ roundId, outPath, passphrase }),
    onDone: (r) => {
      toast.success(`评分包已导出：${r.fileName}`);
      onExported();
    },
  });
  const defaultName = `评分包-${roundCode}.json`;

  return (
    <section className="panel" aria-labelledby="export-h" data-testid="export-form">
      <h2 id="export-h">3. 导出评分包</h2>
      {form.problem && (
        <div className="banner banner-error" role="alert" data-testid="export-blocker">
          <p>
            <strong>不能导出评分包：</strong>
            {form.problem}
          </p>
        </div>
      )}
      <form
        className="offline-form"
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          void form.submit();
        }}
      >
        <SignedExportFields
          form={form}
          dialogTitle="保存评分包"
          defaultName={defaultName}
          pathHint={`文件的完整路径，如 E:\\${defaultName}（U盘）；同名文件将被覆盖`}
          passphraseLabel="经办机构密钥口令"
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={form.busy || disabled}>
            {form.busy ? '正在导出…' : '签名并导出评分包'}
          </button>
        </div>
      </form>
      {form.done && <ExportResult r={form.done} />}
    </section>
  );
}

function ExportResult({ r }: { r: Exported }) {
  return (
    <div className="banner banner-success export-result" role="status" data-testid="export-result">
      <p>
        <strong>评分包已导出</strong>：<span className="mono">{r.path}</span>
      </p>
      <dl className="dl-grid offline-facts">
        <div>
          <dt>文件大小</dt>
          <dd>{formatBytes(r.bytes)}</dd>
        </div>
        <div>
          <dt>导出时间</dt>
          <dd>{formatTimestamp(r.exportedAt)}</dd>
        </div>
        <div>
          <dt>申请</dt>
          <dd>{r.applications} 个</dd>
        </div>
        <div>
          <dt>成员</dt>
          <dd>{r.members} 人</dd>
        </div>
        <div>
          <dt>文件SHA-256</dt>
          <dd>
            <ShortHash value={r.sha256} />
          </dd>
        </div>
        <div>
          <dt>签名密钥指纹</dt>
          <dd className="mono">{r.agencyFingerprint}</dd>
        </div>
      </dl>
      {r.membersWithoutKey.length > 0 && (
        <p className="warn-text" data-testid="members-without-key">
          ⚠ {r.membersWithoutKey.join('、')} 未登记公钥：不能用本评分包在成员电脑上签名评分表。登记公钥后请重新导出评分包。
        </p>
      )}
      <p className="small">请把该文件拷贝到U盘交评审专家。首次导入时，评审专家须对照本页上方的经办机构指纹输入核对。</p>
    </div>
  );
}
