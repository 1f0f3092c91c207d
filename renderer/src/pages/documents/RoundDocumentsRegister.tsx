import { useEffect, useMemo, useRef, useState } from 'react';
import { api } from '../../api';
import type { Output } from '../../../../shared/contract/methods';
import { DOCUMENT_KIND_LABEL, DOCUMENT_KINDS, type RegisterRow } from '../../../../shared/contract/slices/roundDocuments';
import { Badge } from '../../components/Badge';
import { DocumentButtons, SignedBadge, type DocumentOpener } from '../../components/DocumentsOpen';
import { LoadError, Loading, Kbd } from '../../components/Page';
import { errorMessage } from '../../components/Toast';
import { useHotkey } from '../../components/useHotkey';
import { useLoad } from '../../components/useLoad';
import { formatTimestamp } from '../../format';

type Verify = Output<'documents.verify'>;
type VerifyState = Verify | { error: string } | 'checking';

const STATE_TEXT: Record<Verify['state'], string> = { match: '✓ 与登记一致', modified: '✗ 已被改动', missing: '✗ 文件缺失' };

function short(h: string | null): string {
  return h ? `${h.slice(0, 12)}…${h.slice(-6)}` : '—';
}

/**
 * 文书登记簿: every document of the round with its SHA-256, template, signer
 * and file; filtered by kind and text; 核验 recomputes a file's hash and says
 * whether it is still the original (一致), was changed (已被改动) or is gone
 * (文件缺失); 核验全部 checks every row shown, one after another.
 */
export function RoundDocumentsRegister({ roundId, version, opener }: { roundId: string; version: number; opener: DocumentOpener }) {
  const rows = useLoad(() => api['documents.list']({ roundId }), [roundId]);
  const [kind, setKind] = useState('');
  const [query, setQuery] = useState('');
  const [checks, setChecks] = useState<Record<string, VerifyState>>({});
  const [all, setAll] = useState<{ done: number; total: number; match: number; modified: number; missing: number; failed: number; finished: boolean } | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const stopAll = useRef(false);
  useHotkey('Alt+F', () => search.current?.focus());

  const reload = rows.reload;
  useEffect(() => {
    if (version > 0) void reload();
  }, [version, reload]);
  useEffect(
    () => () => {
      stopAll.current = true;
    },
    [],
  );

  const data = rows.data;
  const counts = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of data ?? []) m.set(r.kind, (m.get(r.kind) ?? 0) + 1);
    return m;
  }, [data]);
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    // the service lists oldest first: newest first here
    return [...(data ?? [])].reverse().filter(
      (r) => (!kind || r.kind === kind) && (!q || [r.kindLabel, r.title, r.institution, r.applicationNo, r.docNumber, r.fileName, r.signer].some((x) => x?.toLowerCase().includes(q))),
    );
  }, [data, kind, query]);

  const verifyOne = async (r: RegisterRow): Promise<VerifyState> => {
    setChecks((c) => ({ ...c, [r.documentId]: 'checking' }));
    let v: VerifyState;
    try {
      v = await api['documents.verify']({ documentId: r.documentId });
    } catch (e) {
      v = { error: errorMessage(e) };
    }
    setChecks((c) => ({ ...c, [r.documentId]: v }));
    return v;
  };

  const verifyAll = async () => {
    const list = shown;
    stopAll.current = false;
    const tally = { done: 0, total: list.length, match: 0, modified: 0, missing: 0, failed: 0, finished: false };
    setAll({ ...tally });
    for (const r of list) {
      if (stopAll.current) break;
      const v = await verifyOne(r);
      tally.done++;
      if (typeof v === 'object' && 'state' in v) tally[v.state]++;
      else tally.failed++;
      setAll({ ...tally });
    }
    setAll({ ...tally, finished: true });
  };
  const verifying = !!all && !all.finished;

  return (
    <section className="panel docs-register" aria-labelledby="register-heading" data-testid="register-panel">
      <div className="panel-header">
        <h2 id="register-heading">文书登记簿</h2>
        <div className="table-tools">
          <label className="inline-label" htmlFor="reg-kind">
            种类
          </label>
          <select id="reg-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">全部（{data?.length ?? 0}）</option>
            {DOCUMENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {DOCUMENT_KIND_LABEL[k]}（{counts.get(k) ?? 0}）
              </option>
            ))}
          </select>
          <label className="inline-label" htmlFor="reg-search">
            搜索
          </label>
          <input
            id="reg-search"
            ref={search}
            type="search"
            className="search-input"
            placeholder="机构、申请编号、文号或文件名"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            aria-keyshortcuts="Alt+F"
          />
          <button type="button" className="btn" onClick={() => void verifyAll()} disabled={verifying || shown.length === 0} data-testid="verify-all">
            {verifying ? '正在核验…' : `核验全部（${shown.length}份）`}
          </button>
        </div>
      </div>
      <p className="hint">
        核验重新计算文件的 SHA-256 并与出具时登记的值比对：一致即为出具的原件；不一致说明文件出具后被改动或替换。<Kbd>Alt+F</Kbd> 定位到搜索框。
      </p>
      {all && <VerifyAllProgress all={all} />}
      {rows.error ? (
        <LoadError error={rows.error} onRetry={() => void rows.reload()} />
      ) : !data ? (
        <Loading what="文书登记簿" />
      ) : (
        <RegisterTable rows={shown} total={data.length} checks={checks} verifying={verifying} onVerify={(r) => void verifyOne(r)} opener={opener} />
      )}
    </section>
  );
}

function VerifyAllProgress({ all }: { all: { done: number; total: number; match: number; modified: number; missing: number; failed: number; finished: boolean } }) {
  const bad = all.modified + all.missing + all.failed;
  return (
    <div className={`verify-all ${all.finished ? (bad > 0 ? 'verify-all-bad' : 'verify-all-ok') : ''}`} data-testid="verify-all-progress">
      <div
        className="progress-track verify-track"
        role="progressbar"
        aria-label="核验进度"
        aria-valuemin={0}
        aria-valuemax={all.total}
        aria-valuenow={all.done}
        aria-valuetext={`已核验 ${all.done}/${all.total} 份`}
      >
        <div className="batch-fill" style={{ width: `${all.total ? Math.round((all.done / all.total) * 100) : 100}%` }} />
      </div>
      <p role="status" data-testid="verify-all-summary">
        {all.finished ? (
          bad > 0 ? (
            <strong className="doc-error-text">
              核验完成：共{all.total}份，{all.match}份与登记一致，{all.modified}份已被改动，{all.missing}份文件缺失{all.failed ? `，${all.failed}份无法核验` : ''}。
            </strong>
          ) : (
            <strong className="ok-text">核验完成：{all.total}份文书均与登记一致。</strong>
          )
        ) : (
          <>
            正在核验 {all.done}/{all.total} 份…
          </>
        )}
      </p>
    </div>
  );
}

const COLUMNS = ['文书与文号', '申请机构', '签名', '生成时间', '页数', '文件', '核验', '查看与打印'];

/**
 * The register as a table: one row per document and, once it is verified, a
 * second row under it with the result at full width (green or red, the
 * Chinese message, the registered and the present SHA-256).
 */
function RegisterTable({
  rows,
  total,
  checks,
  verifying,
  onVerify,
  opener,
}: {
  rows: RegisterRow[];
  total: number;
  checks: Record<string, VerifyState>;
  verifying: boolean;
  onVerify: (r: RegisterRow) => void;
  opener: DocumentOpener;
}) {
  return (
    <div className="table-wrap">
      <table className="data-table register-table" data-testid="register">
        <caption>{`本批次登记的文书：${rows.length === total ? `共${total}份` : `显示${rows.length}份（共${total}份）`}，新出具的在前`}</caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c} scope="col" className={c === '页数' ? 'num' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        {rows.length === 0 ? (
          <tbody>
            <tr className="empty-row">
              <td colSpan={COLUMNS.length}>{total === 0 ? '本批次尚未出具任何文书。' : '没有符合筛选条件的文书。'}</td>
            </tr>
          </tbody>
        ) : (
          rows.map((r) => {
            const label = `${r.title}${r.institution ? `（${r.institution}）` : ''}`;
            const v = checks[r.documentId];
            const result = typeof v === 'object' ? v : null;
            const tone = !result ? '' : 'error' in result || !result.ok ? ' reg-bad' : ' reg-ok';
            return (
              <tbody key={r.documentId} className={`reg-group${tone}`} data-testid={`reg-${r.documentId}`}>
                <tr>
                  <td className="wrap reg-doc" title={r.path}>
                    <span className="reg-kind">{r.title}</span>
                    {!r.title.startsWith(r.kindLabel) && <span className="reg-sub">{r.kindLabel}</span>}
                    {r.docNumber && <span className="reg-sub mono reg-docno">{r.docNumber}</span>}
                  </td>
                  <td className="wrap reg-inst">
                    {r.institution ? (
                      <>
                        <span>{r.institution}</span>
                        {r.applicationNo && <span className="reg-sub mono">{r.applicationNo}</span>}
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td className="wrap reg-signed">
                    <SignedBadge signed={r.signed} signer={r.signer} draftReason="未加数字签名，不能作为正式文书送达" />
                    {r.signer && <span className="reg-sub">{r.signer}</span>}
                  </td>
                  <td className="reg-time">
                    <span>{formatTimestamp(r.createdAt)}</span>
                    <span className="reg-sub">{r.createdBy}</span>
                  </td>
                  <td className="num">{r.pages}</td>
                  <td>{r.fileExists ? <span className="ok-text">✓ 存在</span> : <Badge tone="danger">✗ 缺失</Badge>}</td>
                  <td className="reg-verify">
                    <VerifyButton state={v} onVerify={() => onVerify(r)} disabled={verifying} label={`${r.kindLabel}${r.institution ? `（${r.institution}）` : ''}`} id={r.documentId} />
                  </td>
                  <td className="reg-actions">
                    <DocumentButtons documentId={r.documentId} label={`${label}${r.signed ? '' : '（草稿）'}`} opener={opener} />
                  </td>
                </tr>
                {result && (
                  <tr className="verify-row">
                    <td colSpan={COLUMNS.length}>
                      <VerifyResult result={result} />
                    </td>
                  </tr>
                )}
              </tbody>
            );
          })
        )}
      </table>
    </div>
  );
}

function VerifyButton({ state, onVerify, disabled, label, id }: { state: VerifyState | undefined; onVerify: () => void; disabled: boolean; label: string; id: string }) {
  const checking = state === 'checking';
  const result = typeof state === 'object' ? state : null;
  return (
    <span className="verify-cell" data-testid={`verify-${id}`} data-state={result ? ('error' in result ? 'error' : result.state) : checking ? 'checking' : 'none'}>
      <button type="button" className="btn btn-small" onClick={onVerify} disabled={disabled || checking} aria-label={`核验“${label}”`}>
        {checking ? '正在核验…' : result ? '重新核验' : '核验'}
      </button>
      {result && !('error' in result) && <strong className={result.ok ? 'verify-badge-ok' : 'verify-badge-bad'}>{STATE_TEXT[result.state]}</strong>}
    </span>
  );
}

function VerifyResult({ result }: { result: Verify | { error: string } }) {
  if ('error' in result) {
    return (
      <p className="verify-result verify-bad" role="alert">
        {result.error}
      </p>
    );
  }
  return (
    <div className={`verify-result ${result.ok ? 'verify-ok' : 'verify-bad'}`} role={result.ok ? 'status' : 'alert'} data-testid="verify-result">
      <p className="verify-message">
        <strong className="verify-state">{STATE_TEXT[result.state]}</strong> {result.message}
      </p>
      <p className="verify-hashes">
        <span>
          登记的 SHA-256 <span className="mono" title={result.expectedSha256}>{short(result.expectedSha256)}</span>
        </span>
        <span>
          现在的文件 {result.state === 'missing' ? '（找不到文件）' : <span className="mono" title={result.actualSha256 ?? ''}>{short(result.actualSha256)}</span>}
        </span>
        <span className="muted">核验于 {formatTimestamp(result.checkedAt)}</span>
      </p>
    </div>
  );
}
