import {
  ELIGIBILITY_FIELD_SECTIONS,
  eligibilityFieldsShownFor,
  type ApplicationData,
  type EligibilityFieldKey,
  type EligibilityFieldMeta,
} from '../../../shared/domain/application';
import type { InstitutionType } from '../../../shared/domain/enums';
import { ChoiceGroup, OutputField, TextField, fieldId } from './Field';
import { countToText, parseCount } from '../format';

/**
 * The 申请表's facts the eligibility rules read (基础性指标), in the sections of
 * ELIGIBILITY_FIELD_SECTIONS. Every one is optional: a missing fact makes its
 * rule “待人工核查”, never a pass, so a yes/no keeps a third answer, 未填.
 */

/** Form text for every eligibility fact: a date 'YYYY-MM-DD', a count as typed, or 'yes' / 'no' / '' (未填). */
export type EligibilityValues = Record<EligibilityFieldKey, string>;

const FIELDS: readonly EligibilityFieldMeta[] = ELIGIBILITY_FIELD_SECTIONS.flatMap((s) => s.fields);
const META = new Map(FIELDS.map((f) => [f.key, f]));

/** Field keys in screen order. */
export const ELIGIBILITY_KEYS: readonly EligibilityFieldKey[] = FIELDS.map((f) => f.key);

/** Field key → label for the error summary. */
export const ELIGIBILITY_LABELS: Record<string, string> = Object.fromEntries(FIELDS.map((f) => [f.key, f.label]));

export function emptyEligibilityValues(): EligibilityValues {
  return Object.fromEntries(ELIGIBILITY_KEYS.map((k) => [k, ''])) as EligibilityValues;
}

export function eligibilityValuesOf(d: Partial<ApplicationData>): EligibilityValues {
  const out = emptyEligibilityValues();
  for (const f of FIELDS) {
    const v = d[f.key];
    if (f.type === 'boolean') out[f.key] = v === true ? 'yes' : v === false ? 'no' : '';
    else if (f.type === 'count') out[f.key] = countToText(v as number | undefined);
    else out[f.key] = typeof v === 'string' ? v : '';
  }
  return out;
}

/**
 * The values as the schema's input. Every fact is carried, shown or not (a fact
 * hidden for the chosen type is kept, not dropped); only a date or answer that
 * depends on a yes/no is left out unless that yes/no is 是 — the schema refuses
 * it otherwise, and the form does not show it.
 */
export function eligibilityInput(v: EligibilityValues): Record<EligibilityFieldKey, unknown> {
  const out = {} as Record<EligibilityFieldKey, unknown>;
  for (const f of FIELDS) {
    const raw = v[f.key];
    if (f.dependsOn && v[f.dependsOn] !== 'yes') {
      out[f.key] = undefined;
      continue;
    }
    if (f.type === 'boolean') out[f.key] = raw === 'yes' ? true : raw === 'no' ? false : undefined;
    else if (f.type === 'count') out[f.key] = parseCount(raw);
    else out[f.key] = raw.trim() === '' ? undefined : raw.trim();
  }
  return out;
}

const YES_NO = [
  { value: 'yes', label: '是' },
  { value: 'no', label: '否' },
  { value: 'unset', label: '未填' },
] as const;
type YesNo = (typeof YES_NO)[number]['value'];

const SECTION_NOTE: Record<string, string> = {
  operation: '以下各部分用于核查基础性指标。未填写的项目，相关规则列为“待人工核查”并指出缺少的项目。',
  declarations: '按申请机构的书面声明填写。“未填”表示尚未声明，相关不予受理情形列为待人工核查；选“是”的须填写日期。',
};

interface Props {
  values: EligibilityValues;
  institutionType: InstitutionType | undefined;
  serviceTypes: readonly string[];
  /** 护理服务人员数量 as typed, for the live 长期照护师 share */
  careStaff: string;
  onChange: (key: EligibilityFieldKey, value: string) => void;
  onBlur: (key: EligibilityFieldKey) => void;
  errorOf: (key: string) => string | undefined;
  /** a field to show even when it does not concern the chosen type (opened from a rule's “需补充” link) */
  forceShow?: string | undefined;
}

export function EligibilityFields({ values, institutionType, serviceTypes, careStaff, onChange, onBlur, errorOf, forceShow }: Props) {
  const shown = eligibilityFieldsShownFor(institutionType, serviceTypes);
  const visible = (f: EligibilityFieldMeta) => {
    if (f.dependsOn && values[f.dependsOn] !== 'yes') return false;
    return shown[f.key] || !!errorOf(f.key) || forceShow === f.key;
  };

  return (
    <>
      {ELIGIBILITY_FIELD_SECTIONS.map((s) => {
        const fields = s.fields.filter(visible);
        if (fields.length === 0) return null;
        const headingId = `sec-elig-${s.id}`;
        return (
          <section key={s.id} className="form-section" aria-labelledby={headingId} data-testid={`section-${s.id}`}>
            <h2 id={headingId}>{s.title}</h2>
            {SECTION_NOTE[s.id] && <p className="section-note">{SECTION_NOTE[s.id]}</p>}
            <div className={`grid${s.id === 'declarations' ? ' declarations' : ''}`}>
              {fields.map((f) => (
                <FactField key={f.key} f={f} value={values[f.key]} error={errorOf(f.key)} onChange={onChange} onBlur={onBlur} wide={s.id === 'declarations'} />
              ))}
              {s.id === 'staff' && <CarerShare carers={values.longTermCarers} careStaff={careStaff} />}
            </div>
          </section>
        );
      })}
    </>
  );
}

function FactField({
  f,
  value,
  error,
  onChange,
  onBlur,
  wide,
}: {
  f: EligibilityFieldMeta;
  value: string;
  error: string | undefined;
  onChange: Props['onChange'];
  onBlur: Props['onBlur'];
  wide: boolean;
}) {
  const id = fieldId(f.key);
  const dependent = !!f.dependsOn;
  if (f.type === 'boolean') {
    return (
      <div className={`${wide ? 'span-full' : ''}${dependent ? ' dependent-field' : ''}`.trim() || undefined}>
        <ChoiceGroup<YesNo>
          id={id}
          legend={f.label}
          type="radio"
          options={YES_NO}
          value={value === '' ? 'unset' : (value as YesNo)}
          onChange={(x) => onChange(f.key, x === 'unset' ? '' : (x as string))}
          onBlur={() => onBlur(f.key)}
          error={error}
          hint={f.hint}
        />
      </div>
    );
  }
  const common = {
    id,
    label: f.label,
    value,
    error,
    hint: f.hint,
    onChange: (e: { target: { value: string } }) => onChange(f.key, e.target.value),
    onBlur: () => onBlur(f.key),
  };
  if (f.type === 'date') {
    return <TextField {...common} type="date" className={dependent ? 'dependent-field' : undefined} />;
  }
  return <TextField {...common} inputMode="numeric" className="num-input" />;
}

function CarerShare({ carers, careStaff }: { carers: string; careStaff: string }) {
  const c = parseCount(carers);
  const s = parseCount(careStaff);
  const ok = c !== undefined && s !== undefined && Number.isInteger(c) && Number.isInteger(s) && s > 0 && c >= 0;
  const pct = ok ? (c * 100) / s : null;
  return (
    <OutputField id="carer-share" label="长期照护师占护理服务人员比例" hint="由长期照护师人数和护理服务人员数量自动计算">
      {pct === null ? '—' : `${Number.isInteger(pct) ? pct : pct.toFixed(1)}%`}
    </OutputField>
  );
}

/** Whether a key is an eligibility fact (for the form's field list). */
export function isEligibilityKey(key: string): key is EligibilityFieldKey {
  return META.has(key as EligibilityFieldKey);
}
