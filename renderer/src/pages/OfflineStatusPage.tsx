import { useState } from 'react';
import { api } from '../api';
import type { OfflineStatus } from '../../../shared/contract/slices/offline';
import { PANEL_ROLE_LABEL } from '../../../shared/rules/panel';
import { Badge } from '../components/Badge';
import { OfflineFrame, ShortHash } from '../components/OfflineBits';
import { Kbd, LoadError, Loading } from '../components/Page';
import { RegisterKeyDialog } from '../components/RegisterKeyDialog';
import { useLoad } from '../components/useLoad';
import { formatTimestamp } from '../format';
import { Link } from '../router';

type Member = OfflineStatus['members'][number];

const STATE: Record<Member['state'], { label: string; tone: 'success' | 'danger' | 'neutral' }> = {
  received: { label: '已收到', tone: 'success' },
  refused: { label: '被拒绝', tone: 'danger' },
  missing: { label: '未收到', tone: 'neutral' },
};

/** 收表情况 (clerk): whose signed sheets are in, whose are missing, which were refused and why. */
export function OfflineStatusPage({ roundId }: { roundId: string }) {
  const status = useLoad(() => api['offline.status']({ roundId }), [roundId]);
  const [registering, setRegistering] = useState<Member | null>(null);
  return (
    <OfflineFrame
      roundId={roundId}
      view="status"
      lead={<p>各成员签名评分表的收取情况：最近一份评分表的序号、签名和导入时间、文件SHA-256，以及被拒绝的原因。</p>}
      actions={
        <>
          <Link to={{ name: 'offline', roundId, view: 'import' }} className="btn btn-primary" aria-keyshortcuts="Alt+I">
            导入评分表 <Kbd>Alt+I</Kbd>
          </Link>
          <button type="button" className="btn" onClick={() => void status.reload()}>
            刷新
          </button>
        </>
      }
    >
      {() => (
        <>
          {status.error ? (
            <LoadError error={status.error} onRetry={status.reload} />
          ) : !status.data ? (
            <Loading what="收表情况" />
          ) : (
            <Board s={status.data} onRegister={setRegistering} />
          )}
          {registering && (
            <RegisterKeyDialog
              person={{ id: registering.personId, name: registering.name }}
              current={null}
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

function Board({ s, onRegister }: { s: OfflineStatus; onRegister: (m: Member) => void }) {
  return (
    <>
      <div className="status-tiles" data-testid="status-counts">
        <div className="tile tile-success">
          <span className="tile-n">{s.counts.received}</span>
          <span className="tile-label">已收到</span>
        </div>
        <div className={`tile${s.counts.refused > 0 ? ' tile-danger' : ''}`}>
          <span className="tile-n">{s.counts.refused}</span>
          <span className="tile-label">被拒绝</span>
        </div>
        <div className="tile">
          <span className="tile-n">{s.counts.missing}</span>
          <span className="tile-label">未收到</span>
        </div>
        <div className={`tile${s.counts.withoutKey > 0 ? ' tile-warn' : ''}`}>
          <span className="tile-n">{s.counts.withoutKey}</span>
          <span className="tile-label">未登记公钥</span>
        </div>
        <p className="muted small tile-note">现行评分细则：{s.rubricVersion ? `第${s.rubricVersion}版` : '尚未确定'}</p>
      </div>
      <section className="panel" aria-labelledby="board-h">
        <h2 id="board-h">成员评分表</h2>
        <div className="table-wrap">
          <table className="data-table status-table" data-testid="status-table">
            <thead>
              <tr>
                <th scope="col">成员 / 公钥指纹</th>
                <th scope="col">状态</th>
                <th scope="col">最近评分表</th>
                <th scope="col">签名 / 导入时间</th>
                <th scope="col">文件SHA-256</th>
                <th scope="col">最近一次拒绝</th>
              </tr>
            </thead>
            <tbody>
              {s.members.map((m) => (
                <tr key={m.memberId} data-testid={`status-${m.name}`}>
                  <td>
                    <strong>{m.name}</strong>
                    <span className="muted small">（{PANEL_ROLE_LABEL[m.role]}）</span>
                    <br />
                    {m.keyFingerprint ? (
                      <span className="mono small" title={m.keyFingerprintDigits ?? undefined}>
                        {m.keyFingerprint}
                      </span>
                    ) : (
                      <>
                        <Badge tone="warn">未登记公钥</Badge>{' '}
                        <button type="button" className="btn btn-small" onClick={() => onRegister(m)} aria-label={`登记${m.name}的公钥`}>
                          登记…
                        </button>
                      </>
                    )}
                  </td>
                  <td>
                    <Badge tone={STATE[m.state].tone}>{STATE[m.state].label}</Badge>
                    {m.sheetStatus === 'submitted' && (
                      <>
                        <br />
                        <span className="muted small nowrap">评分表已提交</span>
                      </>
                    )}
                  </td>
                  <td>
                    {m.lastSheet ? (
                      <>
                        第{m.lastSheet.seq}号 · {m.lastSheet.scores}项
                        <span className="muted small">
                          （新增{m.lastSheet.newScores}，修改{m.lastSheet.changedScores}；共导入{m.sheets}份）
                        </span>
                        <br />
                        {m.lastSheet.current ? (
                          <span className="ok-text small">第{m.lastSheet.rubricVersion}版评分细则 ✓ 现行</span>
                        ) : (
                          <span className="warn-text small">第{m.lastSheet.rubricVersion}版评分细则（已不是现行版本）</span>
                        )}
                        <br />
                        <span className="muted small">{m.lastSheet.fileName}</span>
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td className="nowrap">
                    {m.lastSheet ? (
                      <>
                        签名 {formatTimestamp(m.lastSheet.signedAt)}
                        <br />
                        导入 {formatTimestamp(m.lastSheet.importedAt)}
                        <br />
                        <span className="muted small">导入人 {m.lastSheet.importedBy}</span>
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                  <td>{m.lastSheet ? <ShortHash value={m.lastSheet.fileSha256} /> : <span className="muted">—</span>}</td>
                  <td className="wrap refusal-cell">
                    {m.lastRefusal ? (
                      <>
                        <span className="refusal-reason">{m.lastRefusal.reason}</span>
                        <br />
                        <span className="muted small">
                          {formatTimestamp(m.lastRefusal.at)} · {m.lastRefusal.fileName}
                          {m.lastRefusal.seq !== null ? ` · 第${m.lastRefusal.seq}号` : ''}
                        </span>
                      </>
                    ) : (
                      <span className="muted">—</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {s.otherRefusals.length > 0 && (
        <section className="panel" aria-labelledby="other-h" data-testid="other-refusals">
          <h2 id="other-h">其他被拒绝的文件</h2>
          <p className="muted small">无法对应到本批次成员的文件（不是评分表、已损坏、或属于其他批次等），最近的在前。</p>
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">时间</th>
                <th scope="col">文件</th>
                <th scope="col">原因</th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {s.otherRefusals.map((r, i) => (
                <tr key={i}>
                  <td className="nowrap">{formatTimestamp(r.at)}</td>
                  <td>{r.fileName}</td>
                  <td className="wrap">{r.reason}</td>
                  <td>
                    <ShortHash value={r.fileSha256} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}
