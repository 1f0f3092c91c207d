import { api } from '../api';
import type { PackageInfo } from '../../../shared/contract/slices/offline';
import { PANEL_ROLE_LABEL } from '../../../shared/rules/panel';
import { Badge, RoundStatusBadge } from '../components/Badge';
import { MemberSteps } from '../components/MemberPath';
import { ShortHash } from '../components/OfflineBits';
import { Breadcrumbs, Kbd, LoadError, Loading, PageHeading } from '../components/Page';
import { ReviewNav } from '../components/ReviewNav';
import { useHotkey } from '../components/useHotkey';
import { useLoad } from '../components/useLoad';
import { formatTimestamp } from '../format';
import { Link, navigate } from '../router';
import '../offline.css';

/**
 * 批次 on a member's laptop (issue 5): a round imported from a round package.
 * Read-only here except the members' own scores, so instead of the clerk's
 * applications table: the package, the members whose keys are on this laptop,
 * and the path to 评分 and 导出签名评分表.
 */
export function MemberRoundPage({ roundId, info }: { roundId: string; info: PackageInfo }) {
  const round = useLoad(() => api['rounds.get']({ roundId }), [roundId]);
  const keys = useLoad(() => api['offline.keys']({}), []);
  useHotkey('Alt+I', () => navigate({ name: 'packageImport' }));
  const pkg = info.package!;

  if (round.error) {
    return (
      <div className="page">
        <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: '批次' }]} />
        <LoadError error={round.error} onRetry={round.reload} />
      </div>
    );
  }
  if (!round.data) return <Loading what="批次" />;
  const r = round.data;
  return (
    <div className="page offline-page">
      <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: r.name }]} />
      <PageHeading
        title={r.name}
        actions={
          <>
            <Link to={{ name: 'roundReview', roundId, section: 'scoring' }} className="btn btn-primary" aria-keyshortcuts="Alt+P">
              评分 <Kbd>Alt+P</Kbd>
            </Link>
            <Link to={{ name: 'packageImport' }} className="btn" aria-keyshortcuts="Alt+I">
              导入更新的评分包 <Kbd>Alt+I</Kbd>
            </Link>
          </>
        }
      >
        <p className="lead">
          <RoundStatusBadge status={r.status} /> 批次编号 <span className="mono">{r.code}</span> · 统筹区 {r.region} · <Badge tone="info">评分包</Badge> {pkg.agency.name}于{formatTimestamp(pkg.exportedAt)}导出
        </p>
      </PageHeading>
      <ReviewNav roundId={roundId} />
      <div className="banner banner-neutral" role="note" data-testid="package-round-note">
        <p>本批次来自经办机构导出的评分包，在本机只读：只能录入本人评分。评完后导出签名评分表，交经办机构导入；如需修改申请、审核小组或评分细则，请经办机构修改后重新导出评分包。</p>
      </div>
      {keys.data && (
        <section className="panel member-path" aria-labelledby="path-h">
          <h2 id="path-h">评分步骤</h2>
          <MemberSteps keys={keys.data} packageRounds={[{ round: r, info }]} />
        </section>
      )}
      <section className="panel" aria-labelledby="pkg-h" data-testid="package-facts">
        <h2 id="pkg-h">评分包</h2>
        <dl className="dl-grid offline-facts">
          <div>
            <dt>经办机构</dt>
            <dd>{pkg.agency.name}</dd>
          </div>
          <div>
            <dt>经办机构密钥指纹</dt>
            <dd className="mono small">{pkg.agency.fingerprint}</dd>
          </div>
          <div>
            <dt>导出 / 导入</dt>
            <dd>
              {formatTimestamp(pkg.exportedAt)} / {formatTimestamp(pkg.importedAt)}
            </dd>
          </div>
          <div>
            <dt>评分细则</dt>
            <dd>第{pkg.rubricVersion}版</dd>
          </div>
          <div>
            <dt>评分包摘要</dt>
            <dd>
              <ShortHash value={pkg.packageHash} />
            </dd>
          </div>
        </dl>
        <table className="data-table compact" data-testid="package-round-members">
          <caption className="table-caption">审核小组</caption>
          <thead>
            <tr>
              <th scope="col">成员</th>
              <th scope="col">本机</th>
              <th scope="col">最近导出的签名评分表</th>
            </tr>
          </thead>
          <tbody>
            {pkg.members.map((m) => (
              <tr key={m.memberId}>
                <td>
                  {m.name}
                  <span className="muted small">（{PANEL_ROLE_LABEL[m.role]}）</span>
                </td>
                <td>{m.keyOnThisLaptop ? <Badge tone="success">可在本机评分</Badge> : <span className="muted">{m.keyFingerprint ? '密钥不在本机' : '未登记公钥'}</span>}</td>
                <td>
                  {m.lastExport ? (
                    <>
                      第{m.lastExport.seq}号 · {formatTimestamp(m.lastExport.createdAt)} · {m.lastExport.scores}项
                    </>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
