import { useState } from 'react';
import { api, ApiError } from '../api';
import { personInputSchema, type Person } from '../../../shared/contract/slices/panel';
import { EXPERTISE_FIELDS, EXPERTISE_FIELD_LABEL, type ExpertiseField } from '../../../shared/domain/enums';
import { toHalfWidth } from '../format';
import { Dialog, DialogActions } from './Dialog';
import { ChoiceGroup, ErrorSummary, TextAreaField, TextField, fieldId } from './Field';
import { PinField, checkPin } from './PinField';
import { errorMessage, useToast } from './Toast';
import { useFormState } from './useFormState';

interface PersonValues {
  name: string;
  fields: ExpertiseField[];
  employer: string;
  contact: string;
}
const PERSON_FIELDS = ['name', 'fields', 'employer', 'contact'] as const;
const PERSON_LABELS: Record<string, string> = { name: '姓名', fields: '专业领域', employer: '工作单位', contact: '联系方式' };

/** 新增人员 / 修改人员信息 (people are stored once and reused across rounds). */
export function PersonDialog({ person, onClose, onSaved }: { person: Person | null; onClose: () => void; onSaved: (p: Person) => void }) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const form = useFormState<PersonValues>(
    { name: person?.name ?? '', fields: person?.fields ?? [], employer: person?.employer ?? '', contact: person?.contact ?? '' },
    {
      schema: personInputSchema,
      toInput: (v) => ({ ...(person ? { id: person.id } : {}), name: v.name, fields: v.fields, employer: v.employer, contact: v.contact }),
      fields: PERSON_FIELDS,
    },
  );
  const { values, set, touch, errorOf } = form;
  const submit = async () => {
    if (busy) return;
    const data = form.validateAll();
    if (!data) return;
    setBusy(true);
    try {
      const saved = await api['persons.save'](data as Parameters<(typeof api)['persons.save']>[0]);
      toast.success(person ? `已保存${saved.name}的信息` : `已新增人员${saved.name}`);
      onSaved(saved);
    } catch (e) {
      if (!form.applyServerError(e)) toast.fromError(e);
    } finally {
      setBusy(false);
    }
  };
  const text = (path: 'name' | 'employer' | 'contact') => ({
    id: fieldId(path),
    value: values[path],
    error: errorOf(path),
    onChange: (e: { target: { value: string } }) => set(path, e.target.value),
    onBlur: () => touch(path),
  });
  return (
    <Dialog
      title={person ? `修改人员信息：${person.name}` : '新增人员'}
      onClose={onClose}
      onSubmit={() => void submit()}
      wide
      testId="person-dialog"
      footer={<DialogActions label="保存" busyLabel="正在保存…" busy={busy} onCancel={onClose} />}
    >
      <ErrorSummary errors={form.summary} labels={PERSON_LABELS} />
      <div className="grid">
        <TextField label="姓名" required {...text('name')} />
        <TextField label="工作单位" span={2} hint="用于回避提示：与申请机构名称相同时系统会提示" {...text('employer')} />
        <ChoiceGroup<ExpertiseField>
          id={fieldId('fields')}
          legend="专业领域（可多选）"
          type="checkbox"
          required
          span="full"
          options={EXPERTISE_FIELDS.map((f) => ({ value: f, label: EXPERTISE_FIELD_LABEL[f] }))}
          value={values.fields}
          error={errorOf('fields')}
          onChange={(v) => set('fields', v as ExpertiseField[])}
          onBlur={() => touch('fields')}
        />
        <TextField label="联系方式" span={2} hint="电话或其他联系方式" {...text('contact')} />
      </div>
      {person && <p className="hint">人员信息各批次共用，修改后所有批次的审核小组都显示新信息。</p>}
    </Dialog>
  );
}

const cleanPin = (s: string) => toHalfWidth(s).trim();

/** 设置/修改PIN: typed by the member themself, twice; a change needs the current PIN. */
export function PinDialog({ person, onClose, onDone }: { person: Person; onClose: () => void; onDone: () => void }) {
  const toast = useToast();
  const [current, setCurrent] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [errors, setErrors] = useState<{ current?: string; pin?: string; again?: string; form?: string }>({});
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy) return;
    const e: typeof errors = {};
    if (person.hasPin && !cleanPin(current)) e.current = '请输入原PIN';
    const p = checkPin(pin, '请输入新PIN');
    if (p.error !== undefined) e.pin = p.error;
    else if (cleanPin(again) !== p.value) e.again = again ? '两次输入的PIN不一致' : '请再次输入新PIN';
    setErrors(e);
    const first = (['current', 'pin', 'again'] as const).find((k) => e[k]);
    if (first) return document.getElementById(`pin-${first}`)?.focus();
    setBusy(true);
    try {
      await api['persons.setPin']({ personId: person.id, pin: p.value!, ...(person.hasPin ? { currentPin: cleanPin(current) } : {}) });
      toast.success(`${person.name}的PIN已${person.hasPin ? '修改' : '设置'}`);
      onDone();
    } catch (err) {
      const fe = err instanceof ApiError ? err.fieldErrors : undefined;
      // the back end reports a wrong current PIN as `pin`
      if (person.hasPin && (fe?.pin || fe?.currentPin)) setErrors({ current: fe.currentPin ?? fe.pin });
      else setErrors({ form: errorMessage(err) });
      setCurrent('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={`${person.hasPin ? '修改' : '设置'}个人PIN：${person.name}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      testId="pin-dialog"
      footer={<DialogActions label="确定" busyLabel="正在保存…" busy={busy} onCancel={onClose} />}
    >
      <p>
        请<strong>{person.name}</strong>本人输入。PIN用于评分登录、提交评分表和组长确认，只保存加密后的校验值，经办人看不到。
      </p>
      {errors.form && (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      )}
      {person.hasPin && <PinField id="pin-current" label="原PIN" autoComplete="new-password" value={current} onChange={setCurrent} error={errors.current} />}
      <PinField id="pin-pin" label="新PIN" autoComplete="new-password" value={pin} onChange={setPin} error={errors.pin} hint="6至12位数字" />
      <PinField id="pin-again" label="再次输入新PIN" autoComplete="new-password" value={again} onChange={setAgain} error={errors.again} />
    </Dialog>
  );
}

/** 重置PIN: a forgotten PIN is cleared by the clerk, with the reason in the log; the member then sets a new one. */
export function ResetPinDialog({ person, onClose, onDone }: { person: Person; onClose: () => void; onDone: () => void }) {
  const toast = useToast();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (busy) return;
    if (!reason.trim()) {
      setError('请填写重置原因');
      return document.getElementById('reset-reason')?.focus();
    }
    setBusy(true);
    try {
      await api['persons.resetPin']({ personId: person.id, reason: reason.trim() });
      toast.success(`已重置${person.name}的PIN，请其本人重新设置`);
      onDone();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      title={`重置PIN：${person.name}`}
      onClose={onClose}
      onSubmit={() => void submit()}
      footer={<DialogActions label="确认重置" danger busy={busy} onCancel={onClose} />}
    >
      <p>重置后{person.name}原来的PIN作废，须由本人重新设置后才能登录评分。重置原因记入操作日志。</p>
      <TextAreaField
        id="reset-reason"
        label="重置原因"
        required
        value={reason}
        error={error}
        onChange={(e) => {
          setReason(e.target.value);
          setError(undefined);
        }}
      />
    </Dialog>
  );
}
