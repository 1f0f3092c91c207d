import { api } from '../api';
import { Badge } from './Badge';
import { LoadError, Loading } from './Page';
import { useLoad } from './useLoad';
import { Link } from '../router';

/** 设置 › 地区政策配置: the built-in profiles and the agency's own copies, each opening its page. */
export function ProfilesSection() {
  const profiles = useLoad(async () => {
    const list = await api['profiles.list']({});
    const versions = await Promise.all(list.map((p) => api['profiles.versions']({ id: p.id })));
    return list.map((p, i) => {
      const vs = versions[i] ?? [];
      return { ...p, builtin: vs.some((v) => v.builtin), versions: vs.length, rounds: vs.reduce((n, v) => n + v.rounds, 0) };
    });
  }, []);

  return (
    <section className="panel" aria-labelledby="profiles-heading">
      <h2 id="profiles-heading">地区政策配置</h2>
      <p className="muted small">
        每个配置对应一份政策文件的规则：阈值、补正期限、不予受理情形、申请材料和审核内容。内置配置不能修改，可复制为本机构配置后修改；修改保存为新版本，已开始的批次继续使用原版本。
      </p>
      {profiles.error ? (
        <LoadError error={profiles.error} onRetry={profiles.reload} />
      ) : !profiles.data ? (
        <Loading what="地区政策配置" />
      ) : (
        <table className="data-table compact" data-testid="profiles-table">
          <caption className="sr-only">地区政策配置列表</caption>
          <thead>
            <tr>
              <th scope="col">配置</th>
              <th scope="col">类别</th>
              <th scope="col" className="num">
                当前版本
              </th>
              <th scope="col" className="num">
                使用的批次
              </th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {profiles.data.map((p) => (
              <tr key={p.id}>
                <th scope="row" className="wrap">
                  <Link to={{ name: 'profile', profileId: p.id }}>{p.shortName}</Link>
                  <span className="muted small"> {p.name}</span>
                </th>
                <td>{p.builtin ? <Badge tone="neutral">内置</Badge> : <Badge tone="info">本机构</Badge>}</td>
                <td className="num">第{p.version}版</td>
                <td className="num">{p.rounds}</td>
                <td className="nowrap">
                  <Link to={{ name: 'profile', profileId: p.id }} className="btn btn-small">
                    {p.builtin ? '查看' : '修改'}
                    <span className="sr-only">{p.shortName}</span>
                  </Link>{' '}
                  <Link to={{ name: 'profileRules', profileId: p.id }} className="btn btn-small">
                    规则目录<span className="sr-only">：{p.shortName}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
