import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { roundCreateSchema } from '../../../shared/domain/round';
import { SERVICE_TYPES, SERVICE_TYPE_LABEL } from '../../../shared/domain/enums';
import { useToday } from '../components/AppContext';
import { ErrorSummary, SelectField, TextAreaField, TextField, fieldId } from '../components/Field';
import { Breadcrumbs, LoadError, Loading, PageHeading } from '../components/Page';
import { useToast } from '../components/Toast';
import { useFormState } from '../components/useFormState';
import { useHotkey } from '../components/useHotkey';
import { useLoad } from '../components/useLoad';
import { parseCount } from '../format';
import { navigate } from '../router';

interface Values {
  name: string;
  region: string;
  code: string;
  profileId: string;
  quota: Record<(typeof SERVICE_TYPES)[number], string>;
  openedOn: string;
  note: string;
}

const FIELDS = ['name', 'region', 'code', 'profileId', 'quota.institutional', 'quota.home', 'quota.community', 'openedOn', 'note'] as const;
const LABELS: Record<string, string> = {
  name: '批次名称',
  region: '统筹区',
  code: '批次编号',
  profileId: '地区政策配置',
  'quota.institutional': '机构护理名额',
  'quota.home': '居家护理名额',
  'quota.community': '社区护理名额',
  openedOn: '开始日期',
  note: '备注',
};
const REQUIRED_LABELS: Record<string, string> = {
  'quota.institutional': '机构护理名额',
  'quota.home': '居家护理名额',
  'quota.community': '社区护理名额',
  openedOn: '开始日期',
};

function toInput(v: Values) {
  return {
    name: v.name,
    region: v.region,
    code: v.code,
    profileId: v.profileId,
    quota: {
      institutional: parseCount(v.quota.institutional),
      home: parseCount(v.quota.home),
      community: parseCount(v.quota.community),
    },
    openedOn: v.openedOn,
    note: v.note,
  };
}

function rawValue(v: Values, path: string): unknown {
  if (path.startsWith('quota.')) return v.quota[path.slice(6) as keyof Values['quota']];
  return (v as unknown as Record<string, unknown>)[path];
}

/** 新建批次 */
export function NewRoundPage() {
  const today = useToday();
  const toast = useToast();
  const profiles = useLoad(() => api['profiles.list']({}), []);
  const [busy, setBusy] = useState(false);
  const form = useFormState<Values>(
    { name: '', region: '', code: '', profileId: '', quota: { institutional: '', home: '', community: '' }, openedOn: today, note: '' },
    { schema: roundCreateSchema, toInput, fields: FIELDS, requiredLabels: REQUIRED_LABELS, rawValue },
  );
  const { values, set, touch, errorOf } = form;

  const submit = async () => {
    if (busy) return;
    const data = form.validateAll();
    if (!data) return;
    setBusy(true);
    try {
      const round = await api['rounds.create'](data as Parameters<(typeof api)['rounds.create']>[0]);
      toast.success(`已创建批次“${round.name}”`);
      navigate({ name: 'round', roundId: round.id });
    } catch (e) {
      form.applyServerError(e);
      toast.fromError(e);
    } finally {
      setBusy(false);
    }
  };
  useHotkey('Ctrl+S', () => void submit());

  const profile = profiles.data?.find((p) => p.id === values.profileId);
  const text = (path: 'name' | 'region' | 'code' | 'openedOn' | 'note') => ({
    id: fieldId(path),
    value: values[path],
    error: errorOf(path),
    onChange: (e: { target: { value: string } }) => set(path, e.target.value),
    onBlur: () => touch(path),
  });

  return (
    <div className="page page-narrow">
      <Breadcrumbs items={[{ label: '审核批次', to: { name: 'home' } }, { label: '新建批次' }]} />
      <PageHeading title="新建审核批次">
        <p className="lead">带 * 的为必填项。保存后即可在该批次下登记定点申请。</p>
      </PageHeading>
      <form
        className="form"
        noValidate
        aria-label="新建审核批次"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          void submit();
        }}
      >
        <ErrorSummary errors={form.summary} labels={LABELS} />
        <section className="form-section">
          <h2>批次信息</h2>
          <div className="grid">
            <TextField label="批次名称" required span={2} placeholder="如：2025年第二批长护定点申请" {...text('name')} />
            <TextField label="统筹区" required placeholder="如：乌鲁木齐市" {...text('region')} />
            <TextField label="批次编号" required hint="申请编号由它生成，如 2025-02-001" className="mono-input" {...text('code')} />
            {profiles.error ? (
              <LoadError error={profiles.error} onRetry={profiles.reload} />
            ) : !profiles.data ? (
              <Loading what="地区政策配置" />
            ) : (
              <SelectField
                id={fieldId('profileId')}
                label="地区政策配置"
                required
                span={2}
                value={values.profileId}
                error={errorOf('profileId')}
                onChange={(e) => set('profileId', e.target.value)}
                onBlur={() => touch('profileId')}
                hint={
                  profile ? (
                    <span data-testid="profile-hint">
                      {profile.name}：补正期限{' '}
                      {profile.supplementWorkingDays === null ? '政策未规定天数（发补正通知时由经办人填写）' : `${profile.supplementWorkingDays} 个工作日`}
                      ；审核小组不少于 {profile.panelMinMembers} 人；申请材料 {profile.materialsCount} 项。
                    </span>
                  ) : (
                    '决定材料清单、补正期限、不予受理情形等规则'
                  )
                }
              >
                <option value="">请选择…</option>
                {profiles.data.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.shortName}（{p.name}）
                    {p.supplementWorkingDays === null ? '' : ` · 补正${p.supplementWorkingDays}个工作日`}
                  </option>
                ))}
              </SelectField>
            )}
            <TextField label="开始日期" type="date" required {...text('openedOn')} />
          </div>
        </section>
        <section className="form-section">
          <h2>配置规划（定点名额）</h2>
          <div className="grid grid-3">
            {SERVICE_TYPES.map((t) => {
              const path = `quota.${t}`;
              return (
                <TextField
                  key={t}
                  id={fieldId(path)}
                  label={`${SERVICE_TYPE_LABEL[t]}名额`}
                  required
                  inputMode="numeric"
                  className="num-input"
                  value={values.quota[t]}
                  error={errorOf(path)}
                  onChange={(e) => set('quota', { ...values.quota, [t]: e.target.value }, path)}
                  onBlur={() => touch(path)}
                />
              );
            })}
          </div>
        </section>
        <section className="form-section">
          <TextAreaField label="备注" span="full" {...text('note')} />
        </section>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy} aria-keyshortcuts="Ctrl+S">
            {busy ? '正在保存…' : '创建批次'}
          </button>
          <button type="button" className="btn" onClick={() => navigate({ name: 'home' })}>
            取消
          </button>
        </div>
      </form>
    </div>
  );
}
