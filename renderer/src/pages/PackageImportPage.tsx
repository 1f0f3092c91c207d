import { useState } from 'react';
import { api, ApiError } from '../api';
import type { Output } from '../../../shared/contract/methods';
import type { PackagePreview } from '../../../shared/contract/slices/offline';
import { PANEL_ROLE_LABEL } from '../../../shared/rules/panel';
import { normalizeFingerprint } from '../../../shared/offline/fingerprint';
import { Badge } from '../components/Badge';
import { FieldError, errorId } from '../components/Field';
import { ShortHash, formatBytes } from '../components/OfflineBits';
import { Breadcrumbs, PageHeading } from '../components/Page';
import { JSON_FILTERS, PathField } from '../components/PathField';
import { errorMessage, useToast } from '../components/Toast';
import { useLoad } from '../components/useLoad';
import { formatTimestamp } from '../format';
import { Link } from '../router';
import '../offline.css';

type Imported = Output<'offline.packageImport'>;

const STATE_LABEL: Record<PackagePreview['state'], string> = {
  new: '新批次：本机还没有',
  update: '更新：比本机现有的评分包新',
  same: '与本机现有的评分包相同',
  older: '比本机现有的评分包旧',
};

const RESULT_LABEL: Record<Imported['result'], string> = {
  imported: '已导入本机',
  updated: '已更新为本评分包',
  unchanged: '已导入过，本机数据未变',
};

/**
 * 导入评分包 (member's laptop): the package file from the clerk (USB) is read
 * and shown first; the first package of an agency needs the agency key's
 * fingerprint, typed as read from the clerk's screen. The round then appears
 * on this laptop, read-only except the members' own scores.
 */
export function PackageImportPage() {
  const toast = useToast();
  const keys = useLoad(() => api['offline.keys']({}), []);
  const [path, setPath] = useState('');
  const [pathError, setPathError] = useState<string | undefined>();
  const [preview, setPreview] = useState<PackagePreview | null>(null);
  const [fp, setFp] = useState('');
  const [fpError, setFpError] = useState<string | undefined>();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<Imported | null>(null);

  const read = async () => {
    if (busy) return;
    if (!path.trim()) {
      setPathError('请选择评分包文件');
      document.getElementById('pkg-file')?.focus();
      return;
    }
    setBusy(true);
    setProblem(null);
    setDone(null);
    try {
      const p = await api['offline.packagePreview']({ path: path.trim() });
      setPreview(p);
      setPathError(undefined);
      window.setTimeout(() => document.getElementById(p.agency.trusted || p.blocker ? 'pkg-preview-h' : 'agency-fp')?.focus(), 0);
    } catch (e) {
      setPreview(null);
      setPathError(e instanceof ApiError && e.fieldErrors?.path ? e.fieldErrors.path : undefined);
      setProblem(errorMessage(e));
      document.getElementById('pkg-file')?.focus();
    } finally {
      setBusy(false);
    }
  };

  const doImport = async () => {
    if (busy || !preview) return;
    if (!preview.agency.trusted) {
      if (!fp.trim()) {
        setFpError('请输入经办机构密钥指纹');
        return document.getElementById('agency-fp')?.focus();
      }
      if (!normalizeFingerprint(fp)) {
        setFpError('指纹格式不正确：应为32位十六进制或40位数字');
        return document.getElementById('agency-fp')?.focus();
      }
    }
    setBusy(true);
    setProblem(null);
    try {
      const r = await api['offline.packageImport']({ path: preview.file.path, ...(preview.agency.trusted ? {} : { agencyFingerprint: fp }) });
      setDone(r);
      setPreview(r);
      toast.success(r.result === 'unchanged' ? '该评分包已导入过，本机数据未变' : `已导入评分包：${r.round.name}`);
      void keys.reload();
      window.setTimeout(() => document.getElementById('import-done')?.focus(), 0);
    } catch (e) {
      const fe = e instanceof ApiError ? (e.fieldErrors ?? {}) : {};
      if (fe.agencyFingerprint) {
        setFpError(fe.agencyFingerprint);
        document.getElementById('agency-fp')?.focus();
      }
      setProblem(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const memberKeys = keys.data?.memberKeys.length ?? null;

  return (
    <div className="page page-narrow offline-page">
      <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: '导入评分包' }]} />
      <PageHeading title="导入评分包">
        <p className="lead">把经办机构导出的评分包导入本机，在本机离线评分。导入后本机的该批次只读，只能录入本人评分。</p>
      </PageHeading>
      {memberKeys === 0 && (
        <div className="banner banner-warn" role="note" data-testid="no-member-key">
          <p>
            本机还没有评审专家密钥：请先在<Link to={{ name: 'keys' }}>密钥管理</Link>（Alt+U）生成本人密钥，交经办机构登记后，再导入其重新导出的评分包。
          </p>
        </div>
      )}
      <section className="panel" aria-labelledby="file-h">
        <h2 id="file-h">1. 选择评分包文件</h2>
        <form
          className="offline-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void read();
          }}
        >
          <PathField
            id="pkg-file"
            label="评分包文件"
            mode="open"
            required
            value={path}
            onChange={(v) => {
              setPath(v);
              setPathError(undefined);
            }}
            dialogTitle="打开评分包"
            filters={JSON_FILTERS}
            error={pathError}
            hint="经办机构“导出评分包”生成的文件，如 E:\评分包-2025-03.json"
            onEnter={() => void read()}
          />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy && !preview ? '正在读取…' : '读取评分包'}
            </button>
          </div>
        </form>
        {problem && !preview && (
          <div className="banner banner-error" role="alert" data-testid="package-problem">
            <p>{problem}</p>
          </div>
        )}
      </section>

      {preview && (
        <section className="panel" aria-labelledby="pkg-preview-h" data-testid="package-preview">
          <h2 id="pkg-preview-h" tabIndex={-1}>
            2. 核对评分包
          </h2>
          <dl className="dl-grid offline-facts">
            <div>
              <dt>批次</dt>
              <dd>
                <strong>{preview.round.name}</strong>（<span className="mono">{preview.round.code}</span>）
              </dd>
            </div>
            <div>
              <dt>经办机构</dt>
              <dd>
                {preview.agency.name}{' '}
                {preview.agency.trusted ? <Badge tone="success">已核对指纹</Badge> : <Badge tone="warn">首次导入，须核对指纹</Badge>}
              </dd>
            </div>
            <div>
              <dt>导出时间</dt>
              <dd>{formatTimestamp(preview.exportedAt)}</dd>
            </div>
            <div>
              <dt>状态</dt>
              <dd data-testid="package-state">{done ? RESULT_LABEL[done.result] : STATE_LABEL[preview.state]}</dd>
            </div>
            <div>
              <dt>内容</dt>
              <dd>
                {preview.applications}个申请，评分细则第{preview.rubricVersion}版，{preview.members.length}名成员，{preview.conflicts}条回避
              </dd>
            </div>
            <div>
              <dt>文件</dt>
              <dd>
                {preview.file.name}（{formatBytes(preview.file.bytes)}）SHA-256 <ShortHash value={preview.file.sha256} />
              </dd>
            </div>
          </dl>
          <table className="data-table compact" data-testid="package-members">
            <caption className="table-caption">审核小组：本机有密钥的成员可在本机登录评分</caption>
            <thead>
              <tr>
                <th scope="col">成员</th>
                <th scope="col">公钥</th>
                <th scope="col">本机</th>
              </tr>
            </thead>
            <tbody>
              {preview.members.map((m) => (
                <tr key={m.memberId}>
                  <td>
                    {m.name}
                    <span className="muted small">（{PANEL_ROLE_LABEL[m.role]}）</span>
                  </td>
                  <td>{m.keyFingerprint ? <span className="mono small">{m.keyFingerprint}</span> : <span className="muted">未在经办机构登记</span>}</td>
                  <td>{m.keyOnThisLaptop ? <Badge tone="success">本机有该成员的密钥</Badge> : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!preview.members.some((m) => m.keyOnThisLaptop) && !preview.blocker && (
            <p className="warn-text" role="note">
              ⚠ 本机没有任何一位成员在经办机构登记的密钥：导入后无法在本机登录评分。请确认已把公钥交经办机构登记，并导入登记后重新导出的评分包。
            </p>
          )}
          {preview.blocker ? (
            <div className="banner banner-error" role="alert" data-testid="package-blocker">
              <p>
                <strong>不能导入：</strong>
                {preview.blocker}
              </p>
            </div>
          ) : done ? (
            <div className="banner banner-success" role="status" data-testid="import-done" id="import-done" tabIndex={-1}>
              <p>
                <strong>{done.result === 'unchanged' ? '该评分包已导入过，本机数据未变。' : done.result === 'updated' ? '评分包已更新。' : '评分包已导入。'}</strong>
                请用本人密钥口令登录评分，评完后导出签名评分表交经办机构。
              </p>
              <p>
                <Link to={{ name: 'roundReview', roundId: done.round.id, section: 'scoring' }} className="btn btn-primary">
                  开始评分
                </Link>{' '}
                <Link to={{ name: 'round', roundId: done.round.id }} className="btn">
                  查看批次
                </Link>
              </p>
            </div>
          ) : (
            <form
              className="offline-form"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void doImport();
              }}
            >
              {!preview.agency.trusted && (
                <div className={`field${fpError ? ' has-error' : ''}`}>
                  <label htmlFor="agency-fp">
                    经办机构密钥指纹
                    <span className="req" aria-hidden="true">
                      *
                    </span>
                  </label>
                  <input
                    id="agency-fp"
                    type="text"
                    className="mono fp-input"
                    autoComplete="off"
                    spellCheck={false}
                    value={fp}
                    aria-invalid={fpError ? true : undefined}
                    aria-describedby={[fpError ? errorId('agency-fp') : '', 'agency-fp-hint'].filter(Boolean).join(' ')}
                    onChange={(e) => {
                      setFp(e.target.value);
                      setFpError(undefined);
                      setProblem(null);
                    }}
                  />
                  <p id="agency-fp-hint" className="hint">
                    首次导入“{preview.agency.name}”的评分包：请看经办人员电脑“导出评分包”页上的经办机构指纹（或电话请其念读），照此输入。十六进制或数字均可。核对一次后，该机构的评分包不再需要输入。
                  </p>
                  <FieldError id="agency-fp" error={fpError} />
                </div>
              )}
              {problem && (
                <div className="banner banner-error" role="alert" data-testid="package-problem">
                  <p>{problem}</p>
                </div>
              )}
              <div className="form-actions">
                <button type="submit" className="btn btn-primary" disabled={busy}>
                  {busy ? '正在导入…' : preview.state === 'update' ? '导入更新的评分包' : '导入评分包'}
                </button>
              </div>
            </form>
          )}
        </section>
      )}
    </div>
  );
}
