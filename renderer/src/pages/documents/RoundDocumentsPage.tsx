import { useCallback, useState } from 'react';
import { api } from '../../api';
import { Badge } from '../../components/Badge';
import { DocumentLinks } from '../../components/DocumentLinks';
import { useOpenDocument } from '../../components/DocumentsOpen';
import { Breadcrumbs, LoadError, Loading, PageHeading } from '../../components/Page';
import { ReviewNav } from '../../components/ReviewNav';
import { useLoad } from '../../components/useLoad';
import { Link } from '../../router';
import { RoundDocumentsBatch } from './RoundDocumentsBatch';
import { RoundDocumentsRegister } from './RoundDocumentsRegister';
import { RoundDocumentsSingle } from './RoundDocumentsSingle';

const TITLE = '文书与打印';

/**
 * 文书与打印 of a round (issue 7): 批量生成 with its progress and the combined
 * PDF to print, 单份出具 (备案表, 会议纪要, 公示, 告知书), and the 文书登记簿
 * with 核验. Whether documents come out signed or as unsigned 草稿 is said
 * before anything is written (the certificate's state) and on every result.
 */
export function RoundDocumentsPage({ roundId }: { roundId: string }) {
  const round = useLoad(() => api['rounds.get']({ roundId }), [roundId]);
  const cert = useLoad(() => api['documents.certificate.status']({}), []);
  const sources = useLoad(
    () => Promise.all([api['deliberation.status']({ roundId }), api['deliberation.deadlines']({ roundId }), api['publicNotice.list']({ roundId })]),
    [roundId],
  );
  const opener = useOpenDocument();
  const [version, setVersion] = useState(0);
  const [batchActive, setBatchActive] = useState(false);
  const changed = useCallback(() => setVersion((v) => v + 1), []);

  if (round.error) {
    return (
      <div className="page">
        <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: TITLE }]} />
        <LoadError error={round.error} onRetry={() => void round.reload()} />
      </div>
    );
  }
  if (!round.data) return <Loading what="批次" />;
  const r = round.data;
  const [status, deadlines, notices] = sources.data ?? [null, null, null];
  const sealed = (status?.meetings ?? []).filter((m) => m.sealed).map((m) => ({ meetingId: m.meetingId, seq: m.seq, heldOn: m.heldOn }));
  const c = cert.data;

  return (
    <div className="page docs-page">
      <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: r.name, to: { name: 'round', roundId } }, { label: TITLE }]} />
      <PageHeading title={TITLE}>
        <div className="lead">
          <p>
            {r.name}（<span className="mono">{r.code}</span>）· 审核结果告知书、会议纪要、公示和备案表：批量生成并打印，或单份出具；所有文书登记在册，可随时核验是否为原件。
          </p>
        </div>
      </PageHeading>
      <ReviewNav roundId={roundId} />
      <DocumentLinks roundId={roundId} current="roundDocuments" />

      <div className="cert-strip" data-testid="cert-strip" data-unlocked={c?.unlocked ? 'yes' : 'no'}>
        {!c ? (
          cert.error ? (
            <span className="doc-error-text">无法读取证书状态</span>
          ) : (
            <span className="muted">正在读取证书状态…</span>
          )
        ) : c.imported && c.unlocked ? (
          <>
            <Badge tone="success">✓ 证书已解锁</Badge>
            <span>
              文书将以“{c.subject}”数字签名{c.validTo ? `（证书有效期至${c.validTo.slice(0, 10)}）` : ''}。
            </span>
          </>
        ) : (
          <>
            <Badge tone="warn">{c.imported ? '证书未解锁' : '未导入证书'}</Badge>
            <span>
              <strong>现在生成的文书都是未签名的草稿</strong>
              {c.imported ? '：程序重新启动后须输入一次证书密码。' : '：尚未导入单位证书。'}
            </span>
            <Link to={{ name: 'documentSettings' }}>{c.imported ? '去解锁证书' : '去导入证书'}</Link>
          </>
        )}
      </div>

      <RoundDocumentsBatch roundId={roundId} meetings={sealed} opener={opener} onFinished={changed} onActiveChange={setBatchActive} />

      {sources.error ? (
        <section className="panel">
          <h2>单份出具</h2>
          <LoadError error={sources.error} onRetry={() => void sources.reload()} />
        </section>
      ) : !status || !deadlines || !notices ? (
        <Loading what="可出具的文书" />
      ) : (
        <RoundDocumentsSingle roundId={roundId} decisions={deadlines} meetings={sealed} notices={notices.notices} opener={opener} batchRunning={batchActive} onGenerated={changed} />
      )}

      <RoundDocumentsRegister roundId={roundId} version={version} opener={opener} />
      {opener.dialog}
    </div>
  );
}
