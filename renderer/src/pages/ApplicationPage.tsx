import { useRef, type KeyboardEvent, type ReactNode } from 'react';
import { api } from '../api';
import type { Application } from '../../../shared/domain/application';
import {
  INSTITUTION_TYPE_LABEL,
  LEGAL_CERT_KIND_LABEL,
  MEDICAL_ARRANGEMENT_LABEL,
  PROFIT_CLASS_LABEL,
  SERVICE_TYPES,
  SERVICE_TYPE_LABEL,
} from '../../../shared/domain/enums';
import { fieldsShownFor } from '../../../shared/domain/application';
import type { FormalCheck } from '../../../shared/domain/formalCheck';
import { ApplicationStatusBadge, DeadlineText } from '../components/Badge';
import { FormalCheckPanel } from '../components/FormalCheckPanel';
import { EligibilityPanel } from '../components/EligibilityPanel';
import { EligibilityFactsView } from '../components/EligibilityFactsView';
import { Breadcrumbs, Kbd, LoadError, Loading, PageHeading } from '../components/Page';
import { useHotkey } from '../components/useHotkey';
import { useLoad } from '../components/useLoad';
import { formatDate, formatTimestamp } from '../format';
import { Link, navigate, type ApplicationTab } from '../router';

type Tab = ApplicationTab;
const TABS: { id: Tab; label: string; key: string }[] = [
  { id: 'info', label: '申请信息', key: 'Alt+1' },
  { id: 'formal', label: '形式审查', key: 'Alt+2' },
  { id: 'eligibility', label: '基础性指标', key: 'Alt+3' },
];

/** 申请: the 申请表 as entered, and the 形式审查 panel. */
export function ApplicationPage({ applicationId, tab }: { applicationId: string; tab: Tab }) {
  const app = useLoad(() => api['applications.get']({ applicationId }), [applicationId]);
  const check = useLoad(() => api['formalCheck.get']({ applicationId }), [applicationId]);
  const roundId = app.data?.roundId;
  const round = useLoad(() => (roundId ? api['rounds.get']({ roundId }) : Promise.resolve(null)), [roundId]);
  const tabRefs = useRef<Partial<Record<Tab, HTMLButtonElement | null>>>({});

  const a = app.data;
  const final = a?.status === 'withdrawn' || a?.status === 'not_accepted';
  const editBlocker = !a ? '' : round.data?.status === 'closed' ? '本批次已关闭，不能修改' : final ? '该申请已办结，不能修改' : '';

  const go = (t: Tab, focus = false) => {
    navigate({ name: 'application', applicationId, tab: t }, { replace: true });
    if (focus) tabRefs.current[t]?.focus();
  };
  useHotkey('Alt+1', () => go('info', true));
  useHotkey('Alt+2', () => go('formal', true));
  useHotkey('Alt+3', () => go('eligibility', true));
  useHotkey('Alt+E', () => navigate({ name: 'editApplication', applicationId }), !!a && !editBlocker);

  /** A formal-check action returned the fresh check; the application's status and deadlines changed with it. */
  const onCheckChanged = (fc: FormalCheck) => {
    check.setData(fc);
    void app.reload();
  };

  if (app.error) {
    return (
      <div className="page">
        <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: '申请' }]} />
        <LoadError error={app.error} onRetry={app.reload} />
      </div>
    );
  }
  if (!a) return <Loading what="申请" />;

  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const i = TABS.findIndex((t) => t.id === tab);
      const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length]!;
      go(next.id, true);
    }
  };

  return (
    <div className="page">
      <Breadcrumbs
        items={[
          { label: '审核批次', to: { name: 'home' } },
          { label: round.data?.name ?? '批次', to: { name: 'round', roundId: a.roundId } },
          { label: a.applicationNo },
        ]}
      />
      <PageHeading
        title={a.data.name}
        actions={
          tab === 'info' || tab === 'eligibility' ? (
            editBlocker ? (
              <span className="blocked-action">
                <button type="button" className="btn" disabled aria-describedby="edit-blocker">
                  修改申请信息
                </button>
                <span id="edit-blocker" className="blocker">
                  {editBlocker}
                </span>
              </span>
            ) : (
              <Link to={{ name: 'editApplication', applicationId }} className="btn" aria-keyshortcuts="Alt+E">
                修改申请信息 <Kbd>Alt+E</Kbd>
              </Link>
            )
          ) : undefined
        }
      >
        <div className="app-summary">
          <span>
            申请编号 <strong className="mono" data-testid="application-no">{a.applicationNo}</strong>
          </span>
          <ApplicationStatusBadge status={a.status} />
          <span>受理日期 {formatDate(a.data.receivedOn)}</span>
          <span data-testid="review-clock">
            审核期限 <DeadlineText date={a.reviewDeadline.date} provisional={a.reviewDeadline.provisional} />
            {check.data && check.data.pausedDays > 0 && <span className="paused">（因补正暂停 {check.data.pausedDays} 天）</span>}
          </span>
        </div>
      </PageHeading>

      <div className="tabs" role="tablist" aria-label="申请内容">
        {TABS.map((t) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[t.id] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls={`panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            aria-keyshortcuts={t.key}
            className="tab"
            onClick={() => go(t.id)}
            onKeyDown={onTabKey}
          >
            {t.label}
            <span className="tab-key" aria-hidden="true">
              {t.key}
            </span>
          </button>
        ))}
      </div>

      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
        {tab === 'info' ? (
          <ApplicationInfo app={a} />
        ) : tab === 'eligibility' ? (
          <EligibilityPanel applicationId={applicationId} roundId={a.roundId} editBlocker={editBlocker} />
        ) : check.error ? (
          <LoadError error={check.error} onRetry={check.reload} />
        ) : !check.data ? (
          <Loading what="形式审查" />
        ) : (
          <FormalCheckPanel app={a} check={check.data} onChanged={onCheckChanged} />
        )}
      </div>
    </div>
  );
}

function Item({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'span-full' : undefined}>
      <dt>{label}</dt>
      <dd>{children === '' || children === undefined || children === null ? <span className="muted">未填写</span> : children}</dd>
    </div>
  );
}

/** The 申请表 as entered, in its order. */
function ApplicationInfo({ app }: { app: Application }) {
  const d = app.data;
  const shown = fieldsShownFor(d.institutionType);
  return (
    <div className="read-view">
      {app.notAccepted && (
        <div className="banner banner-error" role="note">
          <strong>不予受理：</strong>
          {app.notAccepted.reasonTitle}
          {app.notAccepted.citation && <span className="citation">{app.notAccepted.citation}</span>}
          {app.notAccepted.note && <p>说明：{app.notAccepted.note}</p>}
        </div>
      )}
      <section className="form-section">
        <h2>机构基本信息</h2>
        <dl className="dl-grid">
          <Item label="机构名称">{d.name}</Item>
          <Item label="统一社会信用代码">
            <span className="mono">{d.uscc}</span>
          </Item>
          <Item label="单位地址" wide>
            {d.address}
          </Item>
        </dl>
      </section>
      <section className="form-section">
        <h2>负责人与联系方式</h2>
        <dl className="dl-grid">
          {(
            [
              ['法定代表人', d.legalRep],
              ['主要负责人', d.principal],
              ['实际控制人', d.actualController],
              ['联系人', d.contact],
            ] as const
          ).map(([role, p]) => (
            <Item key={role} label={role}>
              {p.name}
              <span className="muted"> · </span>
              <span className="mono">{p.phone}</span>
            </Item>
          ))}
        </dl>
      </section>
      <section className="form-section">
        <h2>机构类型与证照</h2>
        <dl className="dl-grid">
          <Item label="服务机构类型">{INSTITUTION_TYPE_LABEL[d.institutionType]}</Item>
          <Item label="服务机构分类">{PROFIT_CLASS_LABEL[d.profitClass]}</Item>
          <Item label="所有制形式">{d.ownership}</Item>
          {shown.medicalArrangement && <Item label="医疗护理服务情况">{d.medicalArrangement ? MEDICAL_ARRANGEMENT_LABEL[d.medicalArrangement] : ''}</Item>}
          {shown.medicalLicenceNo && <Item label="医疗机构执业许可证号">{d.medicalLicenceNo}</Item>}
          {shown.elderlyCareLicenceNo && <Item label="养老机构设立许可证号">{d.elderlyCareLicenceNo}</Item>}
          <Item label="机构经营许可证号">{d.operatingLicenceNo}</Item>
          <Item label={LEGAL_CERT_KIND_LABEL[d.legalCertKind]}>{d.legalCertNo}</Item>
        </dl>
      </section>
      <section className="form-section">
        <h2>申请定点服务与人员床位</h2>
        <dl className="dl-grid">
          <Item label="申请定点服务类型">
            {SERVICE_TYPES.filter((t) => d.serviceTypes.includes(t))
              .map((t) => SERVICE_TYPE_LABEL[t])
              .join('、')}
          </Item>
          <Item label="护理病房床位数">{d.careBeds ?? ''}</Item>
          <Item label="护理服务人员数量">{d.careStaff}</Item>
          <Item label="执业医师和护士人员数量">
            医师 {d.doctors} 人，护士 {d.nurses} 人
          </Item>
          <Item label="护理服务人员与护理床位配比">{app.staffToBedRatio ?? '—'}</Item>
          <Item label="受理日期">{formatDate(d.receivedOn)}</Item>
        </dl>
      </section>
      <EligibilityFactsView app={app} />
      <p className="muted small">
        登记于 {formatTimestamp(app.createdAt)}；最后修改于 {formatTimestamp(app.updatedAt)}
      </p>
    </div>
  );
}
