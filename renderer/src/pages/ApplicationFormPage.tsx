import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api';
import { fieldErrorsOf } from '../../../shared/contract/validate';
import { applicationInputSchema, fieldsShownFor, staffToBedRatio, type Application } from '../../../shared/domain/application';
import {
  INSTITUTION_TYPES,
  INSTITUTION_TYPE_LABEL,
  LEGAL_CERT_KINDS,
  LEGAL_CERT_KIND_LABEL,
  MEDICAL_ARRANGEMENTS,
  MEDICAL_ARRANGEMENT_LABEL,
  PROFIT_CLASSES,
  PROFIT_CLASS_LABEL,
  SERVICE_TYPES,
  SERVICE_TYPE_LABEL,
  type InstitutionType,
  type LegalCertKind,
  type MedicalArrangement,
  type ProfitClass,
  type ServiceType,
} from '../../../shared/domain/enums';
import type { RoundSummary } from '../../../shared/domain/round';
import { useToday } from '../components/AppContext';
import { ChoiceGroup, ErrorSummary, OutputField, TextField, fieldId, focusField } from '../components/Field';
import {
  ELIGIBILITY_KEYS,
  ELIGIBILITY_LABELS,
  EligibilityFields,
  eligibilityInput,
  eligibilityValuesOf,
  emptyEligibilityValues,
  type EligibilityValues,
} from '../components/EligibilityFields';
import { Breadcrumbs, LoadError, Loading, PageHeading } from '../components/Page';
import { useToast } from '../components/Toast';
import { useFormState } from '../components/useFormState';
import { useHotkey } from '../components/useHotkey';
import { countToText, parseCount } from '../format';
import { navigate } from '../router';

type Mode = { kind: 'create'; roundId: string } | { kind: 'edit'; applicationId: string };

const PEOPLE = [
  ['legalRep', '法定代表人'],
  ['principal', '主要负责人'],
  ['actualController', '实际控制人'],
  ['contact', '联系人'],
] as const;
type PersonKey = (typeof PEOPLE)[number][0];
type Person = { name: string; phone: string };

interface Values {
  name: string;
  address: string;
  uscc: string;
  legalRep: Person;
  principal: Person;
  actualController: Person;
  contact: Person;
  institutionType: InstitutionType | '';
  profitClass: ProfitClass | '';
  ownership: string;
  medicalArrangement: MedicalArrangement | '';
  medicalLicenceNo: string;
  elderlyCareLicenceNo: string;
  operatingLicenceNo: string;
  legalCertKind: LegalCertKind | '';
  legalCertNo: string;
  serviceTypes: ServiceType[];
  careBeds: string;
  careStaff: string;
  doctors: string;
  nurses: string;
  receivedOn: string;
  /** the facts the eligibility rules read (基础性指标) */
  elig: EligibilityValues;
  /** the stored data as loaded: any field this form does not show is sent back unchanged */
  base: Record<string, unknown>;
}

/** Field paths in the order of the 申请表. */
const FIELDS = [
  'name',
  'uscc',
  'address',
  ...PEOPLE.flatMap(([k]) => [`${k}.name`, `${k}.phone`]),
  'institutionType',
  'profitClass',
  'ownership',
  'medicalArrangement',
  'medicalLicenceNo',
  'elderlyCareLicenceNo',
  'operatingLicenceNo',
  'legalCertKind',
  'legalCertNo',
  'serviceTypes',
  'careBeds',
  'careStaff',
  'doctors',
  'nurses',
  ...ELIGIBILITY_KEYS,
  'receivedOn',
] as const;

/** Field names for the error summary, where a message does not name its field. */
const LABELS: Record<string, string> = {
  name: '机构名称',
  uscc: '统一社会信用代码',
  address: '单位地址',
  ...Object.fromEntries(PEOPLE.flatMap(([k, role]) => [[`${k}.name`, `${role}姓名`], [`${k}.phone`, `${role}联系电话`]])),
  institutionType: '服务机构类型',
  profitClass: '服务机构分类',
  ownership: '所有制形式',
  medicalArrangement: '医疗护理服务情况',
  medicalLicenceNo: '医疗机构执业许可证号',
  elderlyCareLicenceNo: '养老机构设立许可证号',
  operatingLicenceNo: '机构经营许可证号',
  legalCertKind: '法人登记证书类型',
  legalCertNo: '法人登记证书号',
  serviceTypes: '申请定点服务类型',
  careBeds: '护理病房床位数',
  careStaff: '护理服务人员数量',
  doctors: '执业医师人数',
  nurses: '执业护士人数',
  ...ELIGIBILITY_LABELS,
  receivedOn: '受理日期',
};

const REQUIRED_LABELS: Record<string, string> = {
  careStaff: '护理服务人员数量',
  doctors: '执业医师人数',
  nurses: '执业护士人数',
  receivedOn: '受理日期',
};

const OWNERSHIP_SUGGESTIONS = ['国有', '集体', '民营', '公办', '公建民营', '民办公助', '混合所有制', '外资'];

function emptyValues(today: string): Values {
  const p = () => ({ name: '', phone: '' });
  return {
    name: '',
    address: '',
    uscc: '',
    legalRep: p(),
    principal: p(),
    actualController: p(),
    contact: p(),
    institutionType: '',
    profitClass: '',
    ownership: '',
    medicalArrangement: '',
    medicalLicenceNo: '',
    elderlyCareLicenceNo: '',
    operatingLicenceNo: '',
    legalCertKind: '',
    legalCertNo: '',
    serviceTypes: [],
    careBeds: '',
    careStaff: '',
    doctors: '',
    nurses: '',
    receivedOn: today,
    elig: emptyEligibilityValues(),
    base: {},
  };
}

function valuesOf(a: Application): Values {
  const d = a.data;
  return {
    name: d.name,
    address: d.address,
    uscc: d.uscc,
    legalRep: { ...d.legalRep },
    principal: { ...d.principal },
    actualController: { ...d.actualController },
    contact: { ...d.contact },
    institutionType: d.institutionType,
    profitClass: d.profitClass,
    ownership: d.ownership,
    medicalArrangement: d.medicalArrangement ?? '',
    medicalLicenceNo: d.medicalLicenceNo ?? '',
    elderlyCareLicenceNo: d.elderlyCareLicenceNo ?? '',
    operatingLicenceNo: d.operatingLicenceNo ?? '',
    legalCertKind: d.legalCertKind,
    legalCertNo: d.legalCertNo,
    serviceTypes: [...d.serviceTypes],
    careBeds: countToText(d.careBeds),
    careStaff: countToText(d.careStaff),
    doctors: countToText(d.doctors),
    nurses: countToText(d.nurses),
    receivedOn: d.receivedOn,
    elig: eligibilityValuesOf(d),
    base: { ...d },
  };
}

/**
 * Form values → the schema's input; licence fields hidden for the chosen type
 * are left out, not sent stale. Everything else the stored record has is
 * carried (an update replaces the whole record): the eligibility facts, shown
 * or not, and any field this form does not know.
 */
function toInput(v: Values) {
  const shown = fieldsShownFor(v.institutionType || undefined);
  return {
    ...v.base,
    name: v.name,
    address: v.address,
    uscc: v.uscc,
    legalRep: v.legalRep,
    principal: v.principal,
    actualController: v.actualController,
    contact: v.contact,
    institutionType: v.institutionType || undefined,
    profitClass: v.profitClass || undefined,
    ownership: v.ownership,
    medicalArrangement: shown.medicalArrangement ? v.medicalArrangement || undefined : undefined,
    medicalLicenceNo: shown.medicalLicenceNo ? v.medicalLicenceNo : undefined,
    elderlyCareLicenceNo: shown.elderlyCareLicenceNo ? v.elderlyCareLicenceNo : undefined,
    operatingLicenceNo: v.operatingLicenceNo,
    legalCertKind: v.legalCertKind || undefined,
    legalCertNo: v.legalCertNo,
    serviceTypes: SERVICE_TYPES.filter((t) => v.serviceTypes.includes(t)),
    careBeds: parseCount(v.careBeds),
    careStaff: parseCount(v.careStaff),
    doctors: parseCount(v.doctors),
    nurses: parseCount(v.nurses),
    receivedOn: v.receivedOn,
    ...eligibilityInput(v.elig),
  };
}

function rawValue(v: Values, path: string): unknown {
  if (path in v.elig) return v.elig[path as keyof EligibilityValues];
  return (v as unknown as Record<string, unknown>)[path];
}

/**
 * zod runs the schema's cross-field rules (licence by type, beds for 机构护理)
 * only once every field is valid. To show those messages together with the
 * others, the same schema is run again with the invalid fields swapped for
 * neutral valid values: whatever it still reports comes from those rules.
 */
const NEUTRAL: Record<string, unknown> = {
  name: '某', address: '某', uscc: '91350100M000100Y43',
  legalRep: { name: '某', phone: '13800000000' }, principal: { name: '某', phone: '13800000000' },
  actualController: { name: '某', phone: '13800000000' }, contact: { name: '某', phone: '13800000000' },
  institutionType: 'other', profitClass: 'non_profit', ownership: '某', medicalArrangement: undefined,
  medicalLicenceNo: undefined, elderlyCareLicenceNo: undefined, operatingLicenceNo: undefined,
  legalCertKind: 'business_licence', legalCertNo: '某', serviceTypes: ['home'], careBeds: 0,
  // the largest count allowed, so an invalid 护理服务人员数量 never makes 长期照护师人数 look too big
  careStaff: 100_000, doctors: 0, nurses: 0, receivedOn: '2025-01-01',
  ...Object.fromEntries(ELIGIBILITY_KEYS.map((k) => [k, undefined])),
};
function crossFieldErrors(input: unknown, errors: Record<string, string>): Record<string, string> {
  if (Object.keys(errors).length === 0) return {};
  const patched = { ...(input as Record<string, unknown>) };
  for (const k of Object.keys(errors)) {
    const top = k.split('.')[0]!;
    if (top in NEUTRAL) patched[top] = NEUTRAL[top];
  }
  const r = applicationInputSchema.safeParse(patched);
  return r.success ? {} : fieldErrorsOf(r.error);
}

export function ApplicationFormPage({ mode, focusField: focusPath }: { mode: Mode; focusField?: string | undefined }) {
  const [round, setRound] = useState<RoundSummary | null>(null);
  const [existing, setExisting] = useState<Application | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        if (mode.kind === 'edit') {
          const a = await api['applications.get']({ applicationId: mode.applicationId });
          const r = await api['rounds.get']({ roundId: a.roundId });
          if (live) {
            setExisting(a);
            setRound(r);
          }
        } else {
          const r = await api['rounds.get']({ roundId: mode.roundId });
          if (live) setRound(r);
        }
      } catch (e) {
        if (live) setLoadError(e);
      }
    })();
    return () => {
      live = false;
    };
  }, [mode]);

  if (loadError) {
    return (
      <div className="page">
        <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: '申请' }]} />
        <LoadError error={loadError} />
      </div>
    );
  }
  if (!round || (mode.kind === 'edit' && !existing)) return <Loading what="申请" />;
  return <ApplicationForm round={round} existing={existing} focusPath={focusPath} />;
}

function ApplicationForm({ round, existing, focusPath }: { round: RoundSummary; existing: Application | null; focusPath?: string | undefined }) {
  const today = useToday();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const form = useFormState<Values>(existing ? valuesOf(existing) : emptyValues(today), {
    schema: applicationInputSchema,
    toInput,
    fields: FIELDS,
    requiredLabels: REQUIRED_LABELS,
    rawValue,
    extraErrors: crossFieldErrors,
  });
  const { values: v, set, touch, errorOf } = form;
  const shown = fieldsShownFor(v.institutionType || undefined);
  const institutional = v.serviceTypes.includes('institutional');

  // Opened from a rule's “需补充” link: go to that field (after the heading took focus).
  useEffect(() => {
    if (focusPath) window.setTimeout(() => focusField(focusPath), 0);
  }, [focusPath]);

  const submit = async () => {
    if (busy) return;
    const data = form.validateAll();
    if (!data) return;
    setBusy(true);
    try {
      const payload = data as Parameters<(typeof api)['applications.create']>[0]['data'];
      const saved = existing
        ? await api['applications.update']({ applicationId: existing.id, data: payload })
        : await api['applications.create']({ roundId: round.id, data: payload });
      toast.success(existing ? `已保存申请 ${saved.applicationNo}` : `已登记申请，申请编号 ${saved.applicationNo}`);
      navigate({ name: 'application', applicationId: saved.id, tab: 'info' });
    } catch (e) {
      form.applyServerError(e);
      toast.fromError(e);
    } finally {
      setBusy(false);
    }
  };
  useHotkey('Ctrl+S', () => void submit());

  const text = (path: 'name' | 'address' | 'uscc' | 'ownership' | 'medicalLicenceNo' | 'elderlyCareLicenceNo' | 'operatingLicenceNo' | 'legalCertNo' | 'receivedOn') => ({
    id: fieldId(path),
    value: v[path],
    error: errorOf(path),
    onChange: (e: { target: { value: string } }) => set(path, e.target.value),
    onBlur: () => touch(path),
  });
  const count = (path: 'careBeds' | 'careStaff' | 'doctors' | 'nurses') => ({
    ...{ id: fieldId(path), value: v[path], error: errorOf(path) },
    inputMode: 'numeric' as const,
    className: 'num-input',
    onChange: (e: { target: { value: string } }) => set(path, e.target.value),
    onBlur: () => touch(path),
  });
  const person = (key: PersonKey, part: 'name' | 'phone') => {
    const path = `${key}.${part}`;
    return {
      id: fieldId(path),
      value: v[key][part],
      error: errorOf(path),
      onChange: (e: { target: { value: string } }) => set(key, { ...v[key], [part]: e.target.value }, path),
      onBlur: () => touch(path),
    };
  };

  const staff = parseCount(v.careStaff);
  const beds = parseCount(v.careBeds);
  const ratio =
    staff !== undefined && Number.isInteger(staff) && staff >= 0 && beds !== undefined && Number.isInteger(beds) ? staffToBedRatio(staff, beds) : null;

  const title = existing ? `修改申请 ${existing.applicationNo}` : '登记定点申请';
  const final = existing && (existing.status === 'withdrawn' || existing.status === 'not_accepted');

  return (
    <div className="page page-form">
      <Breadcrumbs
        items={[
          { label: '审核批次', to: { name: 'home' } },
          { label: round.name, to: { name: 'round', roundId: round.id } },
          ...(existing ? [{ label: existing.applicationNo, to: { name: 'application' as const, applicationId: existing.id, tab: 'info' as const } }] : []),
          { label: existing ? '修改' : '登记申请' },
        ]}
      />
      <PageHeading title={title}>
        <p className="lead">
          按《长期护理保险定点护理服务机构申请表》录入。带 * 的为必填项；申请编号在保存后由系统按批次编号自动生成
          {existing ? `（本申请：${existing.applicationNo}）` : ''}。
        </p>
      </PageHeading>
      {round.status !== 'open' && (
        <div className="banner banner-warn" role="note">
          本批次已关闭，不能保存。
        </div>
      )}
      {final && (
        <div className="banner banner-warn" role="note">
          该申请已办结（视作放弃或不予受理），不能再修改。
        </div>
      )}
      {focusPath && LABELS[focusPath] && (
        <div className="banner banner-neutral" role="note" data-testid="focus-note">
          基础性指标核查需要“{LABELS[focusPath]}”，请填写后保存；保存后回到申请页的“基础性指标”即按新数据重新核查。
        </div>
      )}
      <form
        className="form"
        noValidate
        aria-label={title}
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void submit();
        }}
      >
        <ErrorSummary errors={form.summary} labels={LABELS} />

        <section className="form-section" aria-labelledby="sec-basic">
          <h2 id="sec-basic">机构基本信息</h2>
          <div className="grid">
            <TextField label="机构名称" required span={2} {...text('name')} />
            <TextField
              label="统一社会信用代码"
              required
              className="mono-input"
              maxLength={24}
              hint="18位，如 52650100MA77XY3N08；全角字符自动转换"
              {...text('uscc')}
            />
            <TextField label="单位地址" required span="full" {...text('address')} />
          </div>
        </section>

        <section className="form-section" aria-labelledby="sec-people">
          <h2 id="sec-people">负责人与联系方式</h2>
          <div className="grid grid-people">
            {PEOPLE.map(([key, role]) => (
              <div className="person-row" key={key} role="group" aria-label={role}>
                <TextField label={role} required placeholder="姓名" {...person(key, 'name')} />
                <TextField
                  label="联系电话"
                  aria-label={`${role}联系电话`}
                  required
                  type="tel"
                  placeholder="手机号或 区号-号码"
                  {...person(key, 'phone')}
                />
              </div>
            ))}
          </div>
        </section>

        <section className="form-section" aria-labelledby="sec-type">
          <h2 id="sec-type">机构类型</h2>
          <div className="grid">
            <ChoiceGroup
              id={fieldId('institutionType')}
              legend="服务机构类型"
              type="radio"
              required
              options={INSTITUTION_TYPES.map((t) => ({ value: t, label: INSTITUTION_TYPE_LABEL[t] }))}
              value={v.institutionType || undefined}
              onChange={(x) => set('institutionType', x as InstitutionType)}
              onBlur={() => touch('institutionType')}
              error={errorOf('institutionType')}
              span={2}
            />
            <ChoiceGroup
              id={fieldId('profitClass')}
              legend="服务机构分类"
              type="radio"
              required
              options={PROFIT_CLASSES.map((t) => ({ value: t, label: PROFIT_CLASS_LABEL[t] }))}
              value={v.profitClass || undefined}
              onChange={(x) => set('profitClass', x as ProfitClass)}
              onBlur={() => touch('profitClass')}
              error={errorOf('profitClass')}
            />
            <TextField label="所有制形式" required list="ownership-options" {...text('ownership')} />
            <datalist id="ownership-options">
              {OWNERSHIP_SUGGESTIONS.map((o) => (
                <option key={o} value={o} />
              ))}
            </datalist>
            {shown.medicalArrangement && (
              <ChoiceGroup
                id={fieldId('medicalArrangement')}
                legend="医疗护理服务情况（养老机构填写）"
                type="radio"
                required
                vertical
                span="full"
                options={MEDICAL_ARRANGEMENTS.map((t) => ({ value: t, label: MEDICAL_ARRANGEMENT_LABEL[t] }))}
                value={v.medicalArrangement || undefined}
                onChange={(x) => set('medicalArrangement', x as MedicalArrangement)}
                onBlur={() => touch('medicalArrangement')}
                error={errorOf('medicalArrangement')}
              />
            )}
          </div>
        </section>

        <section className="form-section" aria-labelledby="sec-licence">
          <h2 id="sec-licence">证照信息</h2>
          <p className="section-note">以下内容根据机构类型及实际情况对应填写{v.institutionType ? '' : '（请先选择服务机构类型）'}。</p>
          <div className="grid">
            {shown.medicalLicenceNo && (
              <TextField
                label="医疗机构执业许可证号"
                required={v.institutionType === 'medical'}
                hint={v.institutionType === 'medical' ? '或诊所备案凭证号' : '养老机构内设医疗机构的填写'}
                {...text('medicalLicenceNo')}
              />
            )}
            {shown.elderlyCareLicenceNo && <TextField label="养老机构设立许可证号" required hint="或备案回执号" {...text('elderlyCareLicenceNo')} />}
            <TextField label="机构经营许可证号" {...text('operatingLicenceNo')} />
            <ChoiceGroup
              id={fieldId('legalCertKind')}
              legend="法人登记证书类型"
              type="radio"
              required
              span="full"
              options={LEGAL_CERT_KINDS.map((t) => ({ value: t, label: LEGAL_CERT_KIND_LABEL[t] }))}
              value={v.legalCertKind || undefined}
              onChange={(x) => set('legalCertKind', x as LegalCertKind)}
              onBlur={() => touch('legalCertKind')}
              error={errorOf('legalCertKind')}
            />
            <TextField label={v.legalCertKind ? LEGAL_CERT_KIND_LABEL[v.legalCertKind] : '法人登记证书号'} required span={2} {...text('legalCertNo')} />
          </div>
        </section>

        <section className="form-section" aria-labelledby="sec-service">
          <h2 id="sec-service">申请定点服务与人员床位</h2>
          <div className="grid">
            <ChoiceGroup
              id={fieldId('serviceTypes')}
              legend="申请定点服务类型"
              type="checkbox"
              required
              span="full"
              hint="可多选，至少选择一项"
              options={SERVICE_TYPES.map((t) => ({ value: t, label: SERVICE_TYPE_LABEL[t] }))}
              value={v.serviceTypes}
              onChange={(x) => set('serviceTypes', x as ServiceType[])}
              onBlur={() => touch('serviceTypes')}
              error={errorOf('serviceTypes')}
            />
            <TextField label="护理病房床位数" required={institutional} hint={institutional ? '申请机构护理须填写' : '未申请机构护理可不填'} {...count('careBeds')} />
            <TextField label="护理服务人员数量" required {...count('careStaff')} />
            <TextField label="执业医师人数" required {...count('doctors')} />
            <TextField label="执业护士人数" required {...count('nurses')} />
            <OutputField id="staff-bed-ratio" label="护理服务人员与护理床位配比" hint="由护理服务人员数量和护理病房床位数自动计算，不可编辑">
              {ratio ?? '—'}
            </OutputField>
          </div>
        </section>

        <EligibilityFields
          values={v.elig}
          institutionType={v.institutionType || undefined}
          serviceTypes={v.serviceTypes}
          careStaff={v.careStaff}
          onChange={(key, value) => set('elig', { ...v.elig, [key]: value }, key)}
          onBlur={touch}
          errorOf={errorOf}
          forceShow={focusPath}
        />

        <section className="form-section" aria-labelledby="sec-receipt">
          <h2 id="sec-receipt">受理</h2>
          <div className="grid">
            <TextField label="受理日期" type="date" required hint="医保经办机构收到申请的日期，审核期限自此起算" {...text('receivedOn')} />
          </div>
        </section>

        <div className="form-actions sticky-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} aria-keyshortcuts="Ctrl+S">
            {busy ? '正在保存…' : existing ? '保存修改' : '保存并生成申请编号'}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => navigate(existing ? { name: 'application', applicationId: existing.id, tab: 'info' } : { name: 'round', roundId: round.id })}
          >
            取消
          </button>
          <span className="muted small">Enter 或 Ctrl+S 保存</span>
        </div>
      </form>
    </div>
  );
}
