import { ELIGIBILITY_FIELD_SECTIONS, eligibilityFieldsShownFor, type Application, type EligibilityFieldMeta } from '../../../shared/domain/application';
import { formatDate } from '../format';

/** The 申请表's eligibility facts as entered (申请信息 tab), in their sections; 未填写 stays visible. */
export function EligibilityFactsView({ app }: { app: Application }) {
  const d = app.data as Record<string, unknown>;
  const shown = eligibilityFieldsShownFor(app.data.institutionType, app.data.serviceTypes);
  const value = (f: EligibilityFieldMeta): unknown => d[f.key];
  const isEmpty = (f: EligibilityFieldMeta) => value(f) === undefined || value(f) === null;
  const visible = (f: EligibilityFieldMeta) => {
    if (f.dependsOn && d[f.dependsOn] !== true) return false;
    return shown[f.key] || !isEmpty(f);
  };
  return (
    <>
      {ELIGIBILITY_FIELD_SECTIONS.map((s) => {
        const fields = s.fields.filter(visible);
        if (fields.length === 0) return null;
        const declarations = s.id === 'declarations';
        return (
          <section key={s.id} className="form-section" data-testid={`facts-${s.id}`}>
            <h2>{s.title}</h2>
            {fields.every(isEmpty) ? (
              <p className="muted">本部分未填写（{fields.map((f) => f.label).join('、')}），相关基础性指标列为待人工核查。</p>
            ) : (
              <dl className={`dl-grid${declarations ? ' dl-declarations' : ''}`}>
                {fields.map((f) => (
                  <div key={f.key} className={declarations ? 'span-full' : undefined}>
                    <dt>{f.label}</dt>
                    <dd>
                      <FactValue f={f} v={value(f)} declaration={declarations} />
                    </dd>
                  </div>
                ))}
              </dl>
            )}
          </section>
        );
      })}
    </>
  );
}

function FactValue({ f, v, declaration }: { f: EligibilityFieldMeta; v: unknown; declaration: boolean }) {
  if (v === undefined || v === null) return <span className="muted">未填写</span>;
  if (f.type === 'boolean') return <span className={declaration && v === true ? 'declared-yes' : undefined}>{v ? '是' : '否'}</span>;
  if (f.type === 'date') return <>{formatDate(String(v))}</>;
  return <>{String(v)}</>;
}
