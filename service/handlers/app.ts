import type { HandlerSlice } from './types';
import { loadCalendar, nowIso, operator, today } from '../context';
import { setSetting, listCalendarYears, upsertCalendarYear, deleteCalendarYear } from '../../db/queries/settings';
import { appendAudit } from '../../db/queries/audit';
import { validateYearCalendar, WorkingDayCalendar } from '../../shared/calendar/workingDays';
import { refuse } from '../errors';

export const appHandlers: HandlerSlice<
  'app.info' | 'settings.setOperator' | 'calendar.listYears' | 'calendar.saveYear' | 'calendar.deleteYear'
> = {
  async 'app.info'(ctx) {
    const cal = await loadCalendar(ctx.db);
    return {
      version: ctx.version,
      dataDir: ctx.dataDir,
      today: today(ctx),
      operator: await operator(ctx.db),
      knownYears: cal.knownYears(),
    };
  },

  async 'settings.setOperator'(ctx, { operator: name }) {
    await ctx.db.transaction().execute(async (trx) => {
      const before = await operator(trx);
      await setSetting(trx, 'operator', name);
      await appendAudit(trx, { at: nowIso(ctx), actor: name, action: 'settings.setOperator', entity: 'setting', entityId: 'operator', before, after: name });
    });
    return { ok: true as const };
  },

  async 'calendar.listYears'(ctx) {
    const rows = await listCalendarYears(ctx.db);
    return {
      builtinYears: new WorkingDayCalendar([]).knownYears(),
      customYears: rows.map((r) => ({
        year: r.year,
        holidays: JSON.parse(r.holidays_json) as string[],
        makeupWorkdays: JSON.parse(r.makeup_json) as string[],
      })),
    };
  },

  async 'calendar.saveYear'(ctx, y) {
    const problems = validateYearCalendar(y);
    if (problems.length > 0) {
      refuse('VALIDATION', problems.join('；'), `calendar year ${y.year} rejected: ${problems.length} problem(s)`);
    }
    await ctx.db.transaction().execute(async (trx) => {
      const holidays = [...new Set(y.holidays)].sort();
      const makeup = [...new Set(y.makeupWorkdays)].sort();
      await upsertCalendarYear(trx, y.year, holidays, makeup, nowIso(ctx));
      await appendAudit(trx, { at: nowIso(ctx), actor: await operator(trx), action: 'calendar.saveYear', entity: 'calendar_year', entityId: String(y.year), after: { holidays, makeup } });
    });
    return { ok: true as const };
  },

  async 'calendar.deleteYear'(ctx, { year }) {
    await ctx.db.transaction().execute(async (trx) => {
      await deleteCalendarYear(trx, year);
      await appendAudit(trx, { at: nowIso(ctx), actor: await operator(trx), action: 'calendar.deleteYear', entity: 'calendar_year', entityId: String(year) });
    });
    return { ok: true as const };
  },
};
