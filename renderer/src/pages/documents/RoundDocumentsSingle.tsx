import { useState, type ReactNode } from 'react';
import { api } from '../../api';
import type { Output } from '../../../../shared/contract/methods';
import type { DeadlineRow } from '../../../../shared/contract/slices/deliberation';
import type { NoticeView } from '../../../../shared/contract/slices/publicNotice';
import { OutcomeBadge } from '../../components/DeliberationBits';
import { DocumentButtons, SignedBadge, type DocumentOpener } from '../../components/DocumentsOpen';
import { errorMessage } from '../../components/Toast';
import { formatDate } from '../../format';
import type { SealedMeeting } from './RoundDocumentsBatch';

type Generated = Output<'documents.resultLetter'>;

interface Item {
  key: string;
  kind: string;
  subject: ReactNode;
  /** for buttons' accessible names and messages */
  label: string;
  action: string;
  run: () => Promise<Generated>;
}

type Result = { doc: Generated } | { error: string };

/**
 * 单份出具: the 审核结果备案表 of the round, the 会议纪要 of each sealed
 * meeting, the 公示 of each notice, and the 审核结果告知书 of each applicant
 * with a sealed 合格/不合格 — each written, signed when the certificate is
 * unlocked (else a 草稿, saying why), registered, then shown and printed.
 */
export function RoundDocumentsSingle({
  roundId,
  decisions,
  meetings,
  notices,
  opener,
  batchRunning,
  onGenerated,
}: {
  roundId: string;
  decisions: DeadlineRow[];
  meetings: SealedMeeting[];
  notices: NoticeView[];
  opener: DocumentOpener;
  batchRunning: boolean;
  onGenerated: () => void;
}) {
  const [results, setResults] = useState<Record<string, Result>>({});
  const [busy, setBusy] = useState<string | null>(null);

  const letters = decisions.filter((d) => d.final && (d.outcome === 'pass' || d.outcome === 'fail'));
  const withoutLetter = decisions.length - letters.length;
  const items: Item[] = [];
  if (letters.length > 0) {
    items.push({ key: 'filing', kind: '审核结果备案表', subject: '本批次', label: '审核结果备案表', action: '生成备案表', run: () => api['documents.filingForm']({ roundId }) });
  }
  for (const m of meetings) {
    const label = `第${m.seq}次集体评议会议纪要`;
    items.push({ key: `minutes-${m.meetingId}`, kind: '会议纪要', subject: `第${m.seq}次集体评议（${formatDate(m.heldOn)}）`, label, action: '生成会议纪要', run: () => api['documents.minutes']({ meetingId: m.meetingId }) });
  }
  for (const n of notices) {
    const label = `第${n.seq}次审核结果公示`;
    items.push({
      key: `notice-${n.noticeId}`,
      kind: '审核结果公示',
      subject: (
        <>
          第{n.seq}次公示（{formatDate(n.period.startOn)}发布，{n.period.workingDays}个工作日，至{formatDate(n.period.end.date)}）<span className="muted small"> · {n.statusLabel}</span>
        </>
      ),
      label,
      action: '重新生成公示',
      run: () => api['documents.publicNotice']({ noticeId: n.noticeId }),
    });
  }
  for (const d of letters) {
    items.push({
      key: `letter-${d.applicationId}`,
      kind: '审核结果告知书',
      subject: (
        <>
          {d.name} <span className="muted small mono">{d.applicationNo}</span> <OutcomeBadge outcome={d.outcome} />
        </>
      ),
      label: `${d.name}的审核结果告知书`,
      action: '生成告知书',
      run: () => api['documents.resultLetter']({ applicationId: d.applicationId }),
    });
  }

  const generate = async (it: Item) => {
    setBusy(it.key);
    try {
      const doc = await it.run();
      setResults((r) => ({ ...r, [it.key]: { doc } }));
      onGenerated();
    } catch (e) {
      setResults((r) => ({ ...r, [it.key]: { error: errorMessage(e) } }));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="panel docs-single" aria-labelledby="single-heading" data-testid="single">
      <div className="panel-header">
        <h2 id="single-heading">单份出具</h2>
      </div>
      {batchRunning && (
        <p className="banner banner-neutral" role="note">
          批量生成进行中（已占用文号），完成或取消后才能单份出具。
        </p>
      )}
      {items.length === 0 ? (
        <p className="muted">本批次尚无已封存的集体评议审核结论，也没有公示，暂无可出具的文书。会议纪要封存后即可在此出具审核结果告知书。</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table single-table">
            <caption className="sr-only">可单份出具的文书</caption>
            <thead>
              <tr>
                <th scope="col">文书</th>
                <th scope="col">对象</th>
                <th scope="col">操作</th>
                <th scope="col">出具结果</th>
              </tr>
            </thead>
            <tbody>
              {items.map((it) => {
                const r = results[it.key];
                return (
                  <tr key={it.key} data-testid={`single-${it.key}`}>
                    <td>{it.kind}</td>
                    <td className="wrap">{it.subject}</td>
                    <td>
                      <button type="button" className="btn btn-small" disabled={batchRunning || busy !== null} onClick={() => void generate(it)} aria-label={`${it.action}：${it.label}`}>
                        {busy === it.key ? '正在生成…' : it.action}
                      </button>
                    </td>
                    <td className="wrap single-result">
                      {!r ? (
                        <span className="muted small">—</span>
                      ) : 'error' in r ? (
                        <span className="doc-error-text" role="alert">
                          {r.error}
                        </span>
                      ) : (
                        <GeneratedView doc={r.doc} label={it.label} opener={opener} />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {withoutLetter > 0 && <p className="hint">另有 {withoutLetter} 个申请尚无已封存的合格或不合格结论（未评议、暂缓或会议纪要未封存），暂不能出具审核结果告知书。</p>}
    </section>
  );
}

function GeneratedView({ doc, label, opener }: { doc: Generated; label: string; opener: DocumentOpener }) {
  return (
    <div className="generated" data-testid="generated" data-signed={doc.signed ? 'yes' : 'no'}>
      <div className="generated-facts">
        <SignedBadge signed={doc.signed} draftReason={doc.draftReason} />
        {doc.docNumber && <span className="mono">{doc.docNumber}</span>}
        <span>共 {doc.pages} 页</span>
        <DocumentButtons documentId={doc.documentId} label={doc.signed ? label : `${label}（草稿）`} opener={opener} folder={false} />
      </div>
      {!doc.signed && <p className="draft-reason small">草稿，不能作为正式文书送达：{doc.draftReason ?? '未加数字签名'}</p>}
    </div>
  );
}
