import { api } from '../api';
import type { Catalogue, CatalogueEntry } from '../../../shared/rules/eligibility/schemas';
import { RULE_GROUPS, RULE_GROUP_LABEL, RULE_KIND_LABEL, RULE_KINDS } from '../../../shared/rules/eligibility/types';
import { Badge } from '../components/Badge';
import { Breadcrumbs, LoadError, Loading, PageHeading, type Crumb } from '../components/Page';
import { Citation } from '../components/RuleState';
import { useLoad } from '../components/useLoad';
import { Link } from '../router';

type Source = { kind: 'round'; roundId: string } | { kind: 'profile'; profileId: string; version?: number | undefined };

/** 规则目录: every rule of a round's profile version, or of a profile, with its article and numbers. */
export function RuleCataloguePage({ source }: { source: Source }) {
  const roundId = source.kind === 'round' ? source.roundId : null;
  const round = useLoad(() => (roundId ? api['rounds.get']({ roundId }) : Promise.resolve(null)), [roundId]);
  const catalogue = useLoad(
    () =>
      source.kind === 'round'
        ? api['rules.catalogue']({ roundId: source.roundId })
        : api['rules.catalogue']({ profileId: source.profileId, ...(source.version ? { version: source.version } : {}) }),
    [source.kind, roundId, source.kind === 'profile' ? source.profileId : '', source.kind === 'profile' ? source.version : 0],
  );

  const c = catalogue.data;
  const crumbs: Crumb[] =
    source.kind === 'round'
      ? [{ label: '审核批次', to: { name: 'home' } }, { label: round.data?.name ?? '批次', to: { name: 'round', roundId: source.roundId } }, { label: '规则目录' }]
      : [
          { label: '设置', to: { name: 'settings' } },
          { label: c ? `地区政策配置：${c.profile.shortName}` : '地区政策配置', to: { name: 'profile', profileId: source.profileId } },
          { label: '规则目录' },
        ];

  if (catalogue.error) {
    return (
      <div className="page">
        <Breadcrumbs items={crumbs} />
        <LoadError error={catalogue.error} onRetry={catalogue.reload} />
      </div>
    );
  }
  if (!c) return <Loading what="规则目录" />;

  const byKind = (k: (typeof RULE_KINDS)[number]) => c.rules.filter((r) => r.kind === k).length;
  return (
    <div className="page">
      <Breadcrumbs items={crumbs} />
      <PageHeading
        title={`规则目录：${c.profile.shortName}（第${c.profile.version}版）`}
        actions={
          source.kind === 'round' ? (
            <Link to={{ name: 'roundMatrix', roundId: source.roundId }} className="btn">
              基础性指标一览
            </Link>
          ) : undefined
        }
      >
        <p className="lead">
          {c.profile.name} · 来源文件 <span className="mono">{c.profile.sourceFile}</span>
          {source.kind === 'round' && <> · 本批次开始时采用的版本，之后对配置的修改不影响本批次</>}
        </p>
        <p className="lead" data-testid="catalogue-counts">
          共 {c.rules.length} 条规则：{RULE_KINDS.map((k) => `${RULE_KIND_LABEL[k]} ${byKind(k)} 条`).join('，')}。每条规则注明所依据的条款；阈值取自本配置。
        </p>
      </PageHeading>
      <CatalogueTable c={c} />
      <NotInProfile c={c} />
    </div>
  );
}

function CatalogueTable({ c }: { c: Catalogue }) {
  return (
    <div className="table-wrap">
      <table className="data-table catalogue-table" data-testid="rule-catalogue">
        <caption className="sr-only">规则目录，按分组排列</caption>
        <thead>
          <tr>
            <th scope="col">规则（编号、类型）</th>
            <th scope="col">依据</th>
            <th scope="col">要求</th>
            <th scope="col">阈值</th>
            <th scope="col">适用范围</th>
            <th scope="col">读取的申请信息</th>
          </tr>
        </thead>
        {RULE_GROUPS.map((g) => {
          const rules = c.rules.filter((r) => r.group === g);
          if (rules.length === 0) return null;
          return (
            <tbody key={g}>
              <tr className="group-row">
                <th scope="rowgroup" colSpan={6}>
                  {RULE_GROUP_LABEL[g]}
                  <span className="muted small">（{rules.length} 条）</span>
                </th>
              </tr>
              {rules.map((r) => (
                <CatalogueRow key={r.id} r={r} />
              ))}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}

function CatalogueRow({ r }: { r: CatalogueEntry }) {
  const thresholdNotes = new Set(r.thresholds.map((t) => t.note).filter(Boolean));
  const otherNotes = r.notes.filter((n) => !thresholdNotes.has(n));
  return (
    <tr data-testid={`catalogue-${r.id}`}>
      <th scope="row" className="wrap cat-title">
        {r.title}
        <span className="cat-id">
          <span className="mono">{r.id}</span>
          <Badge tone={r.kind === 'manual' ? 'neutral' : r.kind === 'declaration' ? 'warn' : 'info'}>{r.kindLabel}</Badge>
        </span>
      </th>
      <td className="cat-sources">
        {r.sources.map((s) => (
          <Citation key={s.text}>{s.text}</Citation>
        ))}
      </td>
      <td className="wrap cat-req">
        {r.requirement}
        {otherNotes.map((n) => (
          <p key={n} className="muted small cat-note">
            说明：{n}
          </p>
        ))}
      </td>
      <td className="wrap cat-thresholds">
        {r.thresholds.length === 0 && r.fixedValues.length === 0 ? (
          <span className="muted">—</span>
        ) : (
          <ul className="plain">
            {r.thresholds.map((t) => (
              <li key={t.key}>
                {t.label}：
                <strong>
                  {t.value}
                  {t.unit}
                </strong>
                {t.inferred && (
                  <Badge tone="warn" title="文本未写明具体数字，按其表述推定">
                    推定
                  </Badge>
                )}
                {t.source !== r.source && <Citation>{t.source}</Citation>}
                {t.condition && <span className="small">（条件：{t.condition}）</span>}
                {t.note && <p className="muted small cat-note">{t.note}</p>}
              </li>
            ))}
            {r.fixedValues.map((f) => (
              <li key={f.label}>
                {f.label}：
                <strong>
                  {f.value}
                  {f.unit}
                </strong>
                <span className="muted small">（文本规定）</span>
              </li>
            ))}
          </ul>
        )}
      </td>
      <td className="wrap cat-scope">{r.scope}</td>
      <td className="wrap cat-inputs">{r.inputs.length ? r.inputs.map((f) => f.label).join('、') : <span className="muted">—（人工核查）</span>}</td>
    </tr>
  );
}

function NotInProfile({ c }: { c: Catalogue }) {
  return (
    <section className="panel catalogue-absent" aria-labelledby="absent-heading" data-testid="not-in-profile">
      <h2 id="absent-heading">本地区未设（{c.notInProfile.length} 条）</h2>
      {c.notInProfile.length === 0 ? (
        <p className="muted">其他地区的规则本配置都有。</p>
      ) : (
        <>
          <p className="muted small">以下规则见于其他地区的政策文件，本配置没有对应的规定，因此不核查。</p>
          <table className="data-table compact">
            <caption className="sr-only">本地区未设的规则</caption>
            <thead>
              <tr>
                <th scope="col">编号</th>
                <th scope="col">规则</th>
                <th scope="col">原因</th>
              </tr>
            </thead>
            <tbody>
              {c.notInProfile.map((n) => (
                <tr key={n.id}>
                  <td className="mono small">{n.id}</td>
                  <th scope="row" className="wrap">
                    {n.title}
                  </th>
                  <td className="wrap">{n.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
