import { api } from '../api';
import type { Output } from '../../../shared/contract/methods';
import type { PackageInfo } from '../../../shared/contract/slices/offline';
import type { RoundSummary } from '../../../shared/domain/round';
import { formatTimestamp } from '../format';
import { Link, navigate } from '../router';
import { Badge } from './Badge';
import { Step } from './OfflineBits';
import { Kbd } from './Page';
import { useHotkey } from './useHotkey';
import { useLoad } from './useLoad';
import '../offline.css';

type Keys = Output<'offline.keys'>;
export interface PackageRound {
  round: RoundSummary;
  info: PackageInfo;
}

/** This laptop's keys, rounds, and which rounds came from a package. */
export function useMemberLaptop() {
  return useLoad(async () => {
    const [keys, rounds] = await Promise.all([api['offline.keys']({}), api['rounds.list']({})]);
    const infos = await Promise.all(rounds.map((r) => api['offline.packageInfo']({ roundId: r.id }).catch(() => null)));
    const packageRounds: PackageRound[] = [];
    rounds.forEach((round, i) => {
      const info = infos[i];
      if (info?.origin === 'package') packageRounds.push({ round, info });
    });
    return { keys, rounds, packageRounds };
  }, []);
}

/**
 * The home screen of a member's laptop (issue 5): the member's path —
 * 生成本人密钥 → 导入评分包 → 评分 → 导出签名评分表 — with what is done. Shown
 * when the laptop has a member key or a package round; a fresh laptop gets a
 * one-line pointer; the clerk's laptop shows nothing.
 */
export function MemberPath() {
  const laptop = useMemberLaptop();
  const d = laptop.data;
  const memberLaptop = Boolean(d && (d.keys.memberKeys.length > 0 || d.packageRounds.length > 0));
  const fresh = Boolean(d && !memberLaptop && d.rounds.length === 0 && !d.keys.agencyKey);
  useHotkey('Alt+I', () => navigate({ name: 'packageImport' }), memberLaptop || fresh);
  if (!d) return null;
  if (fresh) {
    return (
      <p className="member-hint" data-testid="member-hint">
        评审专家在本人电脑上离线评分：先在<Link to={{ name: 'keys' }}>密钥管理</Link>（Alt+U）生成本人密钥，再<Link to={{ name: 'packageImport' }}>导入评分包</Link>（Alt+I）。
      </p>
    );
  }
  if (!memberLaptop) return null;
  return (
    <section className="panel member-path" aria-labelledby="member-path-h" data-testid="member-path">
      <div className="panel-header">
        <h2 id="member-path-h">离线评分（评审专家电脑）</h2>
        <Link to={{ name: 'packageImport' }} className="btn" aria-keyshortcuts="Alt+I">
          导入评分包 <Kbd>Alt+I</Kbd>
        </Link>
      </div>
      <MemberSteps keys={d.keys} packageRounds={d.packageRounds} />
    </section>
  );
}

/** The four steps, for every package round here (or one). */
export function MemberSteps({ keys, packageRounds }: { keys: Keys; packageRounds: PackageRound[] }) {
  const hasKey = keys.memberKeys.length > 0;
  const anyExport = packageRounds.some((p) => p.info.package?.members.some((m) => m.lastExport));
  const done = [hasKey, packageRounds.length > 0, anyExport, anyExport];
  const current = done.findIndex((d) => !d);
  return (
    <ol className="steps">
      <Step n={1} title="生成本人密钥，交经办机构登记" done={done[0]} current={current === 0} testId="step-key">
        {hasKey ? (
          <p className="small">
            本机密钥：{keys.memberKeys.map((k) => k.name).join('、')}。
            <Link to={{ name: 'keys' }}>密钥管理</Link>（Alt+U）可查看指纹、导出公钥。
          </p>
        ) : (
          <p className="small">
            在<Link to={{ name: 'keys' }}>密钥管理</Link>（Alt+U）生成密钥，把指纹当面念给经办人员，并导出公钥文件交其登记。
          </p>
        )}
      </Step>
      <Step n={2} title="导入评分包" done={done[1]} current={current === 1} testId="step-import">
        {packageRounds.length > 0 ? (
          <ul className="plain-list small">
            {packageRounds.map((p) => (
              <li key={p.round.id}>
                {p.round.name}（<span className="mono">{p.round.code}</span>）：{p.info.package?.agency.name}于{formatTimestamp(p.info.package?.exportedAt)}导出，
                {formatTimestamp(p.info.package?.importedAt)}导入
              </li>
            ))}
          </ul>
        ) : (
          <p className="small">
            经办机构登记公钥后导出评分包（U盘）；点<Link to={{ name: 'packageImport' }}>导入评分包</Link>（Alt+I），首次导入须输入经办机构屏幕上的指纹。
          </p>
        )}
      </Step>
      <Step n={3} title="用本人密钥口令登录，评分" done={done[2]} current={current === 2} testId="step-score">
        {packageRounds.length > 0 ? (
          <p className="step-actions">
            {packageRounds.map((p) => (
              <Link key={p.round.id} to={{ name: 'roundReview', roundId: p.round.id, section: 'scoring' }} className="btn btn-primary">
                评分：{p.round.name}
              </Link>
            ))}
          </p>
        ) : (
          <p className="small muted">导入评分包后可评分。</p>
        )}
      </Step>
      <Step n={4} title="导出签名评分表，交经办机构导入" done={done[3]} current={current === 3} testId="step-export">
        {packageRounds.length === 0 ? (
          <p className="small muted">评完全部申请后，在评分页点“导出签名评分表”（Alt+R），保存到U盘。</p>
        ) : (
          <ul className="plain-list small" data-testid="member-exports">
            {packageRounds.flatMap((p) =>
              (p.info.package?.members ?? [])
                .filter((m) => m.keyOnThisLaptop)
                .map((m) => (
                  <li key={`${p.round.id}-${m.memberId}`}>
                    {m.name}（{p.round.code}）：
                    {m.lastExport ? (
                      <>
                        <Badge tone="success">已导出第{m.lastExport.seq}号</Badge> {formatTimestamp(m.lastExport.createdAt)} · {m.lastExport.fileName}
                      </>
                    ) : (
                      <Badge tone="neutral">尚未导出</Badge>
                    )}
                  </li>
                )),
            )}
            <li className="muted">评完全部申请后，在评分页点“导出签名评分表”（Alt+R），保存到U盘交经办机构。</li>
          </ul>
        )}
      </Step>
    </ol>
  );
}
