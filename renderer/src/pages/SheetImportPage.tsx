import { useState } from 'react';
import { api } from '../api';
import type { ImportResult } from '../../../shared/contract/slices/offline';
import { Badge } from '../components/Badge';
import { OfflineFrame, ShortHash, formatBytes } from '../components/OfflineBits';
import { Kbd } from '../components/Page';
import { JSON_FILTERS, PathField, pathLines } from '../components/PathField';
import { errorMessage, useToast } from '../components/Toast';
import { formatTimestamp } from '../format';
import { Link } from '../router';

/** One file of the batch: its preview (or commit) result, or why it could not be read at all. */
interface Item {
  path: string;
  result: ImportResult | null;
  error: string | null;
  busy: boolean;
}

const VERDICT: Record<ImportResult['verdict'], { label: string; tone: 'success' | 'neutral' | 'danger' }> = {
  accept: { label: '可以导入', tone: 'success' },
  duplicate: { label: '已导入过', tone: 'neutral' },
  refused: { label: '拒绝导入', tone: 'danger' },
};

/**
 * 导入评分表 (clerk): one or several signed sheets from the USB stick are
 * checked first (importPreview writes nothing but the record of a refusal),
 * each shown with what it would change; 导入 merges it in one transaction
 * (importCommit with the previewed file's SHA-256, so a file changed since is
 * refused), 全部导入 merges every acceptable file at once (importCommitMany).
 */
export function SheetImportPage({ roundId }: { roundId: string }) {
  const toast = useToast();
  const [paths, setPaths] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [items, setItems] = useState<Item[]>([]);
  const [busy, setBusy] = useState(false);

  const preview = async () => {
    const list = pathLines(paths);
    if (list.length === 0) {
      setError('请选择评分表文件');
      document.getElementById('sheet-paths')?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    const out: Item[] = [];
    for (const p of list) {
      try {
        out.push({ path: p, result: await api['offline.importPreview']({ path: p, roundId }), error: null, busy: false });
      } catch (e) {
        out.push({ path: p, result: null, error: errorMessage(e), busy: false });
      }
    }
    setItems(out);
    setBusy(false);
    window.setTimeout(() => document.getElementById('import-results')?.focus(), 0);
  };

  const update = (i: number, patch: Partial<Item>) => setItems((xs) => xs.map((x, k) => (k === i ? { ...x, ...patch } : x)));

  const commit = async (i: number) => {
    const it = items[i];
    if (!it?.result || it.busy) return;
    update(i, { busy: true });
    try {
      const r = await api['offline.importCommit']({ path: it.path, roundId, expectedSha256: it.result.file.sha256 });
      update(i, { result: r, error: null, busy: false });
      toast.success(r.message);
    } catch (e) {
      update(i, { error: errorMessage(e), busy: false });
      toast.fromError(e);
    }
  };

  const acceptable = items.filter((x) => x.result?.verdict === 'accept' && !x.result.committed);
  const commitAll = async () => {
    if (acceptable.length === 0 || busy) return;
    setBusy(true);
    try {
      const { results } = await api['offline.importCommitMany']({ paths: acceptable.map((x) => x.path), roundId });
      const byPath = new Map(acceptable.map((x, k) => [x.path, results[k]!]));
      setItems((xs) => xs.map((x) => (byPath.has(x.path) ? { ...x, result: byPath.get(x.path)!, error: null } : x)));
      toast.success(`已导入${results.filter((r) => r.committed).length}份评分表`);
    } catch (e) {
      toast.fromError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <OfflineFrame
      roundId={roundId}
      view="import"
      lead={<p>导入评审专家交来的签名评分表：先检查签名、成员、批次、评分细则版本和回避情况，显示将要新增和修改的评分，确认后一次性导入。</p>}
      actions={
        <Link to={{ name: 'offline', roundId, view: 'status' }} className="btn" aria-keyshortcuts="Alt+W">
          收表情况 <Kbd>Alt+W</Kbd>
        </Link>
      }
    >
      {() => (
        <>
          <section className="panel" aria-labelledby="pick-h">
            <h2 id="pick-h">选择评分表文件</h2>
            <form
              className="offline-form"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void preview();
              }}
            >
              <PathField
                id="sheet-paths"
                label="签名评分表文件（每行一个）"
                mode="open"
                multi
                required
                value={paths}
                onChange={(v) => {
                  setPaths(v);
                  setError(undefined);
                }}
                dialogTitle="打开签名评分表"
                filters={JSON_FILTERS}
                error={error}
                hint="成员电脑“导出签名评分表”生成的文件，如 E:\评分表-李秀英-第1号.json；可一次选择U盘上的几份"
              />
              <div className="form-actions">
                <button type="submit" className="btn btn-primary" disabled={busy}>
                  {busy ? '正在检查…' : '检查并预览'}
                </button>
              </div>
            </form>
          </section>

          {items.length > 0 && (
            <section className="panel" aria-labelledby="import-results" data-testid="import-results">
              <div className="panel-header">
                <h2 id="import-results" tabIndex={-1}>
                  预览结果（{items.length}份）
                </h2>
                {acceptable.length > 1 && (
                  <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void commitAll()}>
                    全部导入（{acceptable.length}份）
                  </button>
                )}
              </div>
              <p className="muted small">预览不修改任何评分；被拒绝的文件会记入收表情况和审计日志（含文件SHA-256）。</p>
              <ol className="import-list">
                {items.map((it, i) => (
                  <ImportCard key={`${it.path}-${i}`} item={it} roundId={roundId} onCommit={() => void commit(i)} />
                ))}
              </ol>
            </section>
          )}
        </>
      )}
    </OfflineFrame>
  );
}

function ImportCard({ item, roundId, onCommit }: { item: Item; roundId: string; onCommit: () => void }) {
  const r = item.result;
  const name = r?.file.name ?? item.path.split(/[\\/]/).pop() ?? item.path;
  if (!r) {
    return (
      <li className="import-card import-refused" data-testid={`import-${name}`}>
        <h3>
          {name} <Badge tone="danger">无法读取</Badge>
        </h3>
        <div className="banner banner-error" role="alert">
          <p>{item.error}</p>
        </div>
      </li>
    );
  }
  const v = VERDICT[r.verdict];
  const tone = r.committed ? 'banner-success' : r.verdict === 'accept' ? 'banner-neutral' : r.verdict === 'duplicate' ? 'banner-neutral' : 'banner-error';
  const s = r.sheet;
  return (
    <li className={`import-card import-${r.verdict}${r.committed ? ' import-committed' : ''}`} data-testid={`import-${name}`}>
      <div className="import-card-head">
        <h3>
          {name} {r.committed ? <Badge tone="success">已导入</Badge> : <Badge tone={v.tone}>{v.label}</Badge>}
        </h3>
        {r.verdict === 'accept' && !r.committed && (
          <button type="button" className="btn btn-primary" disabled={item.busy} onClick={onCommit} aria-label={`导入${name}`}>
            {item.busy ? '正在导入…' : '导入'}
          </button>
        )}
        {r.committed && (
          <Link to={{ name: 'offline', roundId, view: 'status' }} className="btn btn-small">
            查看收表情况
          </Link>
        )}
      </div>
      <div className={`banner ${tone}`} role={r.verdict === 'refused' ? 'alert' : 'status'} data-testid="import-message">
        <p>{r.message}</p>
      </div>
      {item.error && (
        <div className="banner banner-error" role="alert">
          <p>{item.error}</p>
        </div>
      )}
      {s && r.verdict === 'refused' && <p className="muted small">以下是文件中所写的内容，未通过核验：</p>}
      <dl className="dl-grid offline-facts">
        {s && (
          <>
            <div>
              <dt>成员</dt>
              <dd>{s.memberName}</dd>
            </div>
            <div>
              <dt>评分表序号</dt>
              <dd>第{s.seq}号</dd>
            </div>
            <div>
              <dt>签名时间</dt>
              <dd>{formatTimestamp(s.createdAt)}</dd>
            </div>
            <div>
              <dt>批次</dt>
              <dd>
                {s.roundName}（<span className="mono">{s.roundCode}</span>）
              </dd>
            </div>
            <div>
              <dt>评分细则</dt>
              <dd>第{s.rubricVersion}版</dd>
            </div>
            <div>
              <dt>内容</dt>
              <dd>
                {s.applications}个申请、{s.scores}项评分{s.steppedAside > 0 ? `，回避${s.steppedAside}个` : ''}
              </dd>
            </div>
            <div>
              <dt>签名密钥指纹</dt>
              <dd className="mono small">{s.keyFingerprint}</dd>
            </div>
          </>
        )}
        <div>
          <dt>文件</dt>
          <dd>
            {formatBytes(r.file.bytes)} · SHA-256 <ShortHash value={r.file.sha256} />
          </dd>
        </div>
      </dl>
      {r.verdict !== 'refused' && (
        <p className="count-chips" data-testid="import-counts">
          <span className="chip chip-new">新增 {r.counts.new}</span>
          <span className="chip chip-changed">修改 {r.counts.changed}</span>
          <span className="chip">未变 {r.counts.unchanged}</span>
          <span className="muted small">共{r.counts.total}项{r.marksSubmitted ? '；导入后该成员的评分表视为已提交' : ''}</span>
        </p>
      )}
      {r.refusals.length > 0 && (
        <div className="refusals" data-testid="import-refusals">
          <h4>拒绝原因{r.refusalCount > r.refusals.length ? `（共${r.refusalCount}条，列出前${r.refusals.length}条）` : `（${r.refusalCount}条）`}</h4>
          <ul>
            {r.refusals.map((x, k) => (
              <li key={k}>
                <span className="mono small refusal-code">{x.code}</span> {x.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {r.warnings.length > 0 && (
        <div className="banner banner-warn" role="note">
          {r.warnings.map((w, k) => (
            <p key={k}>⚠ {w}</p>
          ))}
        </div>
      )}
      {r.applications.length > 0 && r.verdict !== 'refused' && (
        <table className="data-table compact" data-testid="import-applications">
          <caption className="table-caption">各申请（该成员的合计分）</caption>
          <thead>
            <tr>
              <th scope="col">申请编号</th>
              <th scope="col">机构名称</th>
              <th scope="col" className="num">
                新增
              </th>
              <th scope="col" className="num">
                修改
              </th>
              <th scope="col" className="num">
                未变
              </th>
              <th scope="col" className="num">
                导入前合计
              </th>
              <th scope="col" className="num">
                导入后合计
              </th>
            </tr>
          </thead>
          <tbody>
            {r.applications.map((a) => (
              <tr key={a.applicationId}>
                <td className="mono">{a.applicationNo}</td>
                <td>{a.name}</td>
                <td className="num">{a.new}</td>
                <td className="num">{a.changed}</td>
                <td className="num">{a.unchanged}</td>
                <td className="num">{a.totalBefore ?? '—'}</td>
                <td className={`num${a.totalAfter !== a.totalBefore ? ' strong' : ''}`}>{a.totalAfter ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {r.changes.length > 0 && (
        <table className="data-table compact" data-testid="import-changes">
          <caption className="table-caption">修改的评分{r.changesTruncated ? '（只列出前2,000条）' : ''}</caption>
          <thead>
            <tr>
              <th scope="col">申请</th>
              <th scope="col">评分项</th>
              <th scope="col" className="num">
                原分
              </th>
              <th scope="col" className="num">
                新分
              </th>
              <th scope="col">修改原因</th>
              <th scope="col">评语</th>
            </tr>
          </thead>
          <tbody>
            {r.changes.map((c) => (
              <tr key={c.scoreId}>
                <td>{r.applications.find((a) => a.applicationId === c.applicationId)?.name ?? c.applicationId}</td>
                <td>{c.criterionTitle}</td>
                <td className="num">{c.before}</td>
                <td className="num strong">{c.after}</td>
                <td className="wrap">{c.reason ?? '—'}</td>
                <td className="wrap">{c.comment ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </li>
  );
}
