import { ELIGIBILITY_FIELD_SECTIONS, eligibilityFieldsShownFor, type Application, type EligibilityFieldMeta } from '../../../shared/domain/application';
import { formatDate } from '../format';

/** The 申请表's eligibility facts as entered (申请信息 tab), in their sections; 未填写 stays visible. */
export function EligibilityFactsView({ app }: { app: Application }) {
  const d = app.data;
  const shown = eligibilityFieldsShownFor(d.institutionType, d.serviceTypes);
  const value = (f: EligibilityFieldMeta): unknown => (d as Record<string, unknown>)[f.key];
  const visible = (f: EligibilityFieldMeta) => {
    if (f.dependsOn && (d as Record<string, unknown>)[f.dependsOn] !== true) return false;
    return shown[f.key] || value(f) !== undefined;
  };
  return (
    <>
      {ELIGIBILITY_FIELD_SECTIONS.map((s) => {
        const fields = s.fields.filter(visible);
        if (fields.length === 0) return null;
        return (
          <section key={s.id} className="form-section" data-testid={`facts-${s.id}`}>
            <h2>{s.title}</h2>
            <dl className={`dl-grid${s.id === 'declarations' ? ' dl-declarations' : ''}`}>
              {fields.map((f) => {
                const v = value(f);
                const text = v === undefined || v === null ? null : f.type === 'boolean' ? (v ? '是' : '否') : f.type === 'date' ? formatDate(String(v)) : String(v);
                return (
                  <div key={f.key} className={s.id === 'declarations' ? 'span-full' : undefined}>
                    <dt>{f.label}</dt>
                    <dd>{text === null ? <span className="muted">未填写</span> : <span className={f.type === 'boolean' && v === true && s.id === 'declarations' ? 'declared-yes' : undefined}>{text}</span>}</dd>
                  </div>
                );
              })}
            </dl>
          </section>
        );
      })}
    </>
  );
}
