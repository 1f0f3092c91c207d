/**
 * The documents that follow 集体评议, prepared from the database: result
 * letters from sealed decisions, the 会议纪要 from the sealed minutes, the
 * 审核结果备案表 and the 公示. A prepared document is plain data (template,
 * values, the laid-out spec): the service issues one at a time through
 * issue.ts, the batch job hands many to a worker thread.
 */
import type { ServiceContext } from '../context';
import { loadCalendar, nowIso, operator, today } from '../context';
import { refuse } from '../errors';
import { loadProfile } from '../profiles';
import { applicationData } from '../views';
import { requireRound } from '../handlers/rounds';
import { currentDelivery, failuresInRow, finalDecisions } from '../deliberation/consequences';
import { minutesHashOf } from '../deliberation/views';
import { getApplication, listApplications } from '../../db/queries/applications';
import { getMeeting, getSeal, listMeetingsOfRound } from '../../db/queries/deliberation';
import { earlierDocNumber, earlierRoundDocNumber, lastDocNumberSeq } from '../../db/queries/documents';
import { getNotice, listEntries, listNoticesOfRound } from '../../db/queries/publicNotice';
import { getSetting, setSetting } from '../../db/queries/settings';
import { appendAudit } from '../../db/queries/audit';
import type { Db } from '../../db/queries/types';
import { APPLICATION_STATUS_LABEL, type ApplicationStatus } from '../../shared/domain/application';
import { SERVICE_TYPE_LABEL } from '../../shared/domain/enums';
import type { DecisionView, Minutes } from '../../shared/contract/slices/deliberation';
import type { DocumentSettings } from '../../shared/contract/slices/documents';
import type { DocumentKind, ResultSettings } from '../../shared/contract/slices/roundDocuments';
import { formatDateZh } from '../../shared/util/dates';
import type { RegionProfile } from '../../shared/profiles/schema';
import type { WorkingDayCalendar } from '../../shared/calendar/workingDays';
import type { DocumentSpec } from './layout/blocks';
import { loadSettings, signingState } from './issue';
import {
  FILING_FORM,
  MINUTES,
  PUBLIC_NOTICE,
  RESULT_QUALIFIED,
  RESULT_UNQUALIFIED,
  beijingDate,
  documentFromTemplate,
  filingFormValues,
  letterCitation,
  letterCitationText,
  letterReason,
  minutesValues,
  policyTitle,
  publicNoticeValues,
  resultLetterInput,
  resultLetterValues,
  type DocumentContext,
  type MinutesPrintInput,
  type Template,
  type TemplateValues,
} from './templates';

export interface PreparedDocument {
  kind: DocumentKind;
  /** for progress and errors, e.g. 审核结果告知书·乌鲁木齐市天山区康宁护理院 */
  label: string;
  /** the file name without extension */
  fileLabel: string;
  template: Template;
  roundId: string;
  roundCode: string;
  applicationId: string | null;
  docNumber: string | null;
  context: DocumentContext;
  values: TemplateValues;
}

/** Template + values → the document's blocks (validates the template once). */
export function specOf(p: PreparedDocument): DocumentSpec {
  return documentFromTemplate(p.template, p.values, p.context);
}

// ---------------------------------------------------------------------------
// Settings of the round's documents (where to object, whom to file with)

const RESULT_SETTINGS_KEY = 'documents.resultSettings';
export const DEFAULT_RESULT_SETTINGS: ResultSettings = { objectionAddress: '', objectionPhone: '', filingAuthority: '' };

export async function loadResultSettings(db: Db): Promise<ResultSettings> {
  const raw = await getSetting(db, RESULT_SETTINGS_KEY);
  return raw ? { ...DEFAULT_RESULT_SETTINGS, ...(JSON.parse(raw) as Partial<ResultSettings>) } : DEFAULT_RESULT_SETTINGS;
}

export async function saveResultSettings(ctx: ServiceContext, s: ResultSettings): Promise<ResultSettings> {
  await ctx.db.transaction().execute(async (trx) => {
    const before = await loadResultSettings(trx);
    await setSetting(trx, RESULT_SETTINGS_KEY, JSON.stringify(s));
    await appendAudit(trx, { at: nowIso(ctx), actor: await operator(trx), action: 'documents.resultSettings.set', entity: 'setting', entityId: RESULT_SETTINGS_KEY, before, after: s });
  });
  return s;
}

// ---------------------------------------------------------------------------
// Common parts

function header(settings: DocumentSettings, date: string, docNumber: string | null): DocumentContext {
  return {
    issuer: settings.issuingBody,
    date,
    ...(docNumber ? { docNumber } : {}),
    ...(settings.agencyName ? { redHeader: { agencyName: settings.agencyName } } : {}),
  };
}

/**
 * 文号 for documents of one kind: the earlier one of the same kind is reused
 * (an application's letter, a round's 备案表); new ones continue after the
 * highest number issued this year. An unsigned 草稿 is not an issued document,
 * so it never takes a new number: the official sequence has no gaps left by
 * drafts that were thrown away.
 */
export class DocNumbers {
  private next: number | null = null;
  constructor(
    private readonly db: Db,
    private readonly prefix: string,
    private readonly year: string,
    private readonly draft: boolean,
  ) {}

  /** For the documents about to be written now: drafts when no certificate is unlocked. */
  static async forIssuing(ctx: ServiceContext, settings: DocumentSettings): Promise<DocNumbers> {
    const { identity } = await signingState(ctx);
    return new DocNumbers(ctx.db, settings.docNumberPrefix, today(ctx).slice(0, 4), identity === null);
  }

  async for(kind: DocumentKind, owner: { applicationId: string } | { roundId: string }): Promise<string | null> {
    if (!this.prefix) return null;
    const earlier = 'applicationId' in owner ? await earlierDocNumber(this.db, kind, owner.applicationId) : await earlierRoundDocNumber(this.db, kind, owner.roundId);
    if (earlier) return earlier;
    if (this.draft) return null;
    const head = `${this.prefix}〔${this.year}〕`;
    this.next ??= (await lastDocNumberSeq(this.db, head)) + 1;
    return `${head}${this.next++}号`;
  }
}

// ---------------------------------------------------------------------------
// 审核结果告知书

type FinalDecision = Awaited<ReturnType<typeof finalDecisions>> extends Map<string, infer D> ? D : never;

export async function prepareResultLetter(
  ctx: ServiceContext,
  db: Db,
  x: { applicationId: string; final: FinalDecision; profile: RegionProfile; settings: DocumentSettings; numbers: DocNumbers; roundCode: string },
): Promise<PreparedDocument> {
  const app = await getApplication(db, x.applicationId);
  if (!app) refuse('NOT_FOUND', '找不到该申请', `application ${x.applicationId} not found`);
  const data = applicationData(app);
  const qualified = x.final.outcome === 'pass';
  const reasons = (JSON.parse(x.final.reasons_json) as DecisionView['reasons']).map(letterReason);
  const advice = (JSON.parse(x.final.advice_json) as DecisionView['advice']).map((a) => a.text).filter((t) => t.trim().length > 0);
  const input = resultLetterInput(x.profile, {
    institution: { name: data.name, uscc: data.uscc },
    applicationNo: app.application_no,
    receivedOn: data.receivedOn,
    decision: qualified ? 'qualified' : 'unqualified',
    reasons: qualified ? [] : reasons,
    suggestions: qualified ? [] : advice,
    // a failed re-review: the letter states the bar, not another re-review
    finalFailure: !qualified && (await failuresInRow(db, app.id)) > x.profile.rectification.reReviews,
  });
  const docNumber = await x.numbers.for('resultLetter', { applicationId: app.id });
  const template = qualified ? RESULT_QUALIFIED : RESULT_UNQUALIFIED;
  return {
    kind: 'resultLetter',
    label: `${template.name}·${data.name}`,
    fileLabel: `审核结果告知书_${qualified ? '合格' : '不合格'}_${app.application_no}_${data.name}`,
    template,
    roundId: app.round_id,
    roundCode: x.roundCode,
    applicationId: app.id,
    docNumber,
    context: header(x.settings, today(ctx), docNumber),
    values: resultLetterValues(input),
  };
}

/** documents.resultLetter: the letter of one applicant with a sealed decision. */
export async function prepareResultLetterOf(ctx: ServiceContext, applicationId: string): Promise<PreparedDocument> {
  const app = await getApplication(ctx.db, applicationId);
  if (!app) refuse('NOT_FOUND', '找不到该申请（可能已被删除）', `application ${applicationId} not found`);
  const final = (await finalDecisions(ctx.db, [app.id])).get(app.id);
  if (!final) {
    const open = await openMeetingDeciding(ctx.db, app.round_id, app.id);
    refuse(
      'STATE',
      open
        ? `“${app.name}”的审核结论在第${open}次集体评议中作出，该会议纪要尚未封存，不能出具审核结果告知书（请先确认并封存会议纪要）`
        : `“${app.name}”尚无已封存的集体评议审核结论，不能出具审核结果告知书`,
      `no sealed decision for ${app.id}`,
    );
  }
  const round = await requireRound(ctx.db, app.round_id);
  const profile = await loadProfile(ctx.db, round.profile_id, round.profile_version);
  const settings = await loadSettings(ctx.db);
  const numbers = await DocNumbers.forIssuing(ctx, settings);
  return prepareResultLetter(ctx, ctx.db, { applicationId: app.id, final, profile, settings, numbers, roundCode: round.code });
}

/** The seq of an unsealed meeting of the round whose agenda has the application (null when none). */
async function openMeetingDeciding(db: Db, roundId: string, applicationId: string): Promise<number | null> {
  for (const m of await listMeetingsOfRound(db, roundId)) {
    if (await getSeal(db, m.id)) continue;
    const has = await db.selectFrom('deliberation_decision').select('id').where('meeting_id', '=', m.id).where('application_id', '=', applicationId).executeTakeFirst();
    if (has) return m.seq;
  }
  return null;
}

/**
 * The result letters of a round (or of one sealed meeting): every applicant
 * whose latest decision is a sealed 合格/不合格. `notes` says who is left out.
 */
export async function prepareResultLetters(ctx: ServiceContext, roundId: string, meetingId: string | null, numbers: DocNumbers, settings: DocumentSettings): Promise<{ docs: PreparedDocument[]; notes: string[] }> {
  const round = await requireRound(ctx.db, roundId);
  const meetings = await listMeetingsOfRound(ctx.db, roundId);
  if (meetingId) {
    const m = meetings.find((x) => x.id === meetingId);
    if (!m) refuse('NOT_FOUND', '找不到该集体评议会议', `meeting ${meetingId} not in round ${roundId}`);
    if (!(await getSeal(ctx.db, m.id))) refuse('STATE', `第${m.seq}次集体评议的会议纪要尚未封存，不能出具审核结果告知书（请先确认并封存会议纪要）`, `meeting ${m.id} not sealed`);
  }
  const apps = (await listApplications(ctx.db, roundId)).filter((a) => a.status === 'accepted');
  const finals = await finalDecisions(ctx.db, apps.map((a) => a.id));
  const chosen = apps.filter((a) => finals.has(a.id) && (!meetingId || finals.get(a.id)!.meeting_id === meetingId));
  const notes: string[] = [];
  const unsealed = [];
  for (const m of meetings) if (!(await getSeal(ctx.db, m.id))) unsealed.push(m);
  if (chosen.length === 0) {
    if (unsealed.length > 0) refuse('STATE', `第${unsealed[0]!.seq}次集体评议的会议纪要尚未封存，不能出具审核结果告知书（请先确认并封存会议纪要）`, `round ${roundId}: only unsealed meetings`);
    refuse('STATE', '本批次尚无已封存的集体评议审核结论，没有可出具的审核结果告知书', `round ${roundId}: no sealed decisions`);
  }
  if (!meetingId) {
    const waiting = apps.filter((a) => !finals.has(a.id)).length;
    for (const m of unsealed) notes.push(`第${m.seq}次集体评议尚未封存，其审核结论的告知书待封存后再出具`);
    if (waiting > 0 && unsealed.length === 0) notes.push(`另有${waiting}个申请尚无审核结论`);
  }
  const profile = await loadProfile(ctx.db, round.profile_id, round.profile_version);
  const docs: PreparedDocument[] = [];
  for (const a of chosen.sort((x, y) => (x.application_no < y.application_no ? -1 : 1))) {
    docs.push(await prepareResultLetter(ctx, ctx.db, { applicationId: a.id, final: finals.get(a.id)!, profile, settings, numbers, roundCode: round.code }));
  }
  return { docs, notes };
}

// ---------------------------------------------------------------------------
// 会议纪要

const ROLE_ZH = { chair: '组长', member: '', substitute: '候补成员' } as const;

export async function prepareMinutes(ctx: ServiceContext, meetingId: string, settings: DocumentSettings): Promise<PreparedDocument> {
  const meeting = await getMeeting(ctx.db, meetingId);
  if (!meeting) refuse('NOT_FOUND', '找不到该集体评议会议', `meeting ${meetingId} not found`);
  const seal = await getSeal(ctx.db, meetingId);
  if (!seal) refuse('STATE', `第${meeting.seq}次集体评议的会议纪要尚未封存，不能出具正式的会议纪要（请先由出席成员确认、组长封存）`, `meeting ${meetingId} not sealed`);
  const minutes = JSON.parse(seal.minutes_json) as Minutes;
  if (minutesHashOf(minutes) !== seal.minutes_hash) {
    refuse('STATE', '封存的会议纪要与封存时记录的哈希不一致，可能已被改动，不能出具。请在“审计日志”中运行校验', `sealed minutes of ${meetingId} do not match their hash`);
  }
  const round = await requireRound(ctx.db, meeting.round_id);
  const responses = JSON.parse(seal.responses_json) as { signerId: string; name: string; kind: 'member' | 'substitute'; response: 'confirm' | 'refuse'; reason: string | null }[];
  const roles = new Map(minutes.attendance.present.map((p) => [p.memberId, p.role]));
  const input: MinutesPrintInput = {
    roundName: minutes.round.name,
    meetingNo: minutes.meetingNo,
    heldOn: minutes.heldOn,
    place: minutes.place,
    chair: minutes.chair.name,
    present: minutes.attendance.present.map((p) => ({ name: p.name, role: p.role })),
    absent: minutes.attendance.absent.map((a) => ({ name: a.name, note: a.note })),
    substitutes: minutes.attendance.substitutes.map((x) => ({ name: x.name, replacesName: x.replacesName, applicationName: x.applicationName, reason: x.reason })),
    panelRule: { minMembers: minutes.panelRule.minMembers, citation: letterCitationText(minutes.panelRule.citation) },
    tieRuleLabel: minutes.tieRule.label,
    items: minutes.items.map((it) => {
      const d = it.decision;
      return {
        name: it.name,
        applicationNo: it.applicationNo,
        ballots: it.ballots.map((b) => ({ ballot: b.ballot, eligible: b.eligible, pass: b.pass, fail: b.fail, outcome: b.outcome })),
        outcome: it.outcome,
        reasons: d && d.outcome === 'fail' ? d.reasons.map(letterReason) : [],
        advice: d && d.outcome === 'fail' ? d.advice.map((a) => a.text).filter(Boolean) : [],
        recusals: it.recusals.map((r) => ({ name: r.name, reason: r.reason })),
        dissents: it.dissents.map((x) => ({ name: x.name, choice: x.choice, reason: x.reason })),
        override: d?.override ? { items: d.override.items.map((o) => o.title), reason: d.override.reason, supporters: d.override.supporters } : null,
        ties: minutes.tieRuleUses.filter((u) => u.applicationId === it.applicationId).map((u) => `第${u.ballot}轮${u.note}${u.casting ? `；组长${u.casting.by}投决定票“${u.casting.choice === 'pass' ? '合格' : '不合格'}”，理由：${u.casting.reason}` : ''}`),
        changes: [
          ...it.voteChanges.map((v) => `${v.name}在第${v.ballot}轮将表决由“${v.from === 'pass' ? '合格' : '不合格'}”改为“${v.to === 'pass' ? '合格' : '不合格'}”${v.reason ? `，理由：${v.reason.replace(/[。；]$/, '')}` : ''}`),
          ...it.decisionChanges.map((c) => `审核结论（${c.outcome === 'pass' ? '合格' : c.outcome === 'fail' ? '不合格' : '暂缓'}）经修改${c.changeReason ? `，修改原因：${c.changeReason.replace(/[。；]$/, '')}` : ''}`),
        ],
      };
    }),
    summary: minutes.summary,
    responses: responses.map((r) => ({ name: r.name, role: r.kind === 'substitute' ? ROLE_ZH.substitute : ROLE_ZH[roles.get(r.signerId) ?? 'member'], response: r.response, reason: r.reason })),
    sealedAt: seal.sealed_at,
    sealedBy: seal.sealed_by,
    minutesHash: seal.minutes_hash,
    auditHead: { seq: seal.audit_seq, hash: seal.audit_hash },
  };
  return {
    kind: 'minutes',
    label: `${MINUTES.name}·第${meeting.seq}次`,
    fileLabel: `集体评议会议纪要_第${meeting.seq}次_${meeting.held_on}`,
    template: MINUTES,
    roundId: round.id,
    roundCode: round.code,
    applicationId: null,
    docNumber: null,
    context: header(settings, beijingDate(seal.sealed_at), null),
    values: minutesValues(input),
  };
}

/** The sealed meetings of a round, oldest first. */
export async function sealedMeetingsOf(db: Db, roundId: string) {
  const out = [];
  for (const m of await listMeetingsOfRound(db, roundId)) {
    const seal = await getSeal(db, m.id);
    if (seal) out.push({ meeting: m, seal });
  }
  return out;
}

// ---------------------------------------------------------------------------
// 审核结果备案表

export async function prepareFilingForm(ctx: ServiceContext, roundId: string, settings: DocumentSettings, numbers: DocNumbers): Promise<PreparedDocument> {
  const round = await requireRound(ctx.db, roundId);
  const profile = await loadProfile(ctx.db, round.profile_id, round.profile_version);
  const rs = await loadResultSettings(ctx.db);
  const apps = (await listApplications(ctx.db, roundId)).sort((x, y) => (x.application_no < y.application_no ? -1 : 1));
  const finals = await finalDecisions(ctx.db, apps.map((a) => a.id));
  if (finals.size === 0) refuse('STATE', '本批次尚无已封存的集体评议审核结论，不能生成审核结果备案表', `round ${roundId}: no sealed decisions`);
  const rows = [];
  for (const a of apps) {
    const f = finals.get(a.id);
    const tally = f ? (JSON.parse(f.tally_json) as { eligible: number; pass: number; fail: number }) : null;
    const delivery = f ? await currentDelivery(ctx.db, a.id) : undefined;
    const status = a.status as ApplicationStatus;
    rows.push({
      name: a.name,
      applicationNo: a.application_no,
      uscc: a.uscc,
      outcome: f ? (f.outcome as 'pass' | 'fail') : null,
      statusLabel: status === 'accepted' ? '尚未作出审核结论' : APPLICATION_STATUS_LABEL[status],
      tally: tally ? { pass: tally.pass, fail: tally.fail, eligible: tally.eligible } : null,
      receivedOn: a.received_on,
      decidedOn: f?.held_on ?? null,
      deliveredOn: delivery?.row.delivered_on ?? null,
      reasons: f && f.outcome === 'fail' ? (JSON.parse(f.reasons_json) as DecisionView['reasons']).map(letterReason) : [],
      advice: f && f.outcome === 'fail' ? (JSON.parse(f.advice_json) as DecisionView['advice']).map((x) => x.text).filter(Boolean) : [],
    });
  }
  const cal = await loadCalendar(ctx.db);
  const docNumber = await numbers.for('filingForm', { roundId });
  return {
    kind: 'filingForm',
    label: FILING_FORM.name,
    fileLabel: `审核结果备案表_${round.code}`,
    template: FILING_FORM,
    roundId: round.id,
    roundCode: round.code,
    applicationId: null,
    docNumber,
    context: header(settings, today(ctx), docNumber),
    values: filingFormValues({
      authority: rs.filingAuthority || `${round.region}医疗保障局`,
      round: { name: round.name, code: round.code, region: round.region },
      policyTitle: policyTitle(profile),
      citation: letterCitation(profile.publicNotice.source),
      applications: apps.length,
      rows,
      meetings: (await sealedMeetingsOf(ctx.db, roundId)).map((x) => ({ seq: x.meeting.seq, heldOn: x.meeting.held_on, minutesHash: x.seal.minutes_hash })),
      notices: await noticesSummary(ctx.db, roundId, cal),
    }),
  };
}

async function noticesSummary(db: Db, roundId: string, cal: WorkingDayCalendar): Promise<string> {
  const notices = await listNoticesOfRound(db, roundId);
  if (notices.length === 0) return '合格机构名单尚未公示';
  return notices
    .map((n) => {
      const end = cal.addWorkingDays(n.start_on, n.working_days);
      const period = `${formatDateZh(n.start_on)}至${formatDateZh(end.date)}${end.provisional ? '（待定）' : ''}公示${n.working_days}个工作日`;
      if (!n.finalised_at) return `${period}，最终名单尚未确定`;
      const list = JSON.parse(n.final_list_json ?? '[]') as unknown[];
      return `${period}，最终名单于${formatDateZh(beijingDate(n.finalised_at))}确定，列入${list.length}家`;
    })
    .join('；');
}

// ---------------------------------------------------------------------------
// 公示

/** A short name for the notice's title: the round's name without the words the title repeats. */
export function noticeBatchName(roundName: string): string {
  // 2025年乌鲁木齐市长护服务机构定点申请（第一批） → 2025年第一批: the issuing agency already says where
  const year = /(\d{4})年/.exec(roundName)?.[1];
  const batch = /第[一二三四五六七八九十\d]+批/.exec(roundName)?.[0];
  if (year && batch) return `${year}年${batch}`;
  return roundName.replace(/长期护理保险|长护服务机构|定点护理服务机构|定点申请|护理服务机构/g, '').replace(/\s+/g, '') || roundName;
}

export interface NoticeData {
  seq: number;
  startOn: string;
  workingDays: number;
  objectionAddress: string;
  objectionPhone: string;
  applicationIds: string[];
}

/** The 公示 of a notice recorded in the database. */
export async function preparePublicNotice(ctx: ServiceContext, db: Db, noticeId: string, settings: DocumentSettings): Promise<PreparedDocument> {
  const n = await getNotice(db, noticeId);
  if (!n) refuse('NOT_FOUND', '找不到该公示', `notice ${noticeId} not found`);
  const entries = await listEntries(db, noticeId);
  return preparePublicNoticeFrom(ctx, db, n.round_id, settings, {
    seq: n.seq,
    startOn: n.start_on,
    workingDays: n.working_days,
    objectionAddress: n.objection_address,
    objectionPhone: n.objection_phone,
    applicationIds: entries.map((e) => e.application_id),
  });
}

/** The 公示 of a notice about to be created (nothing in the database yet). */
export async function preparePublicNoticeFrom(_ctx: ServiceContext, db: Db, roundId: string, settings: DocumentSettings, n: NoticeData): Promise<PreparedDocument> {
  const round = await requireRound(db, roundId);
  const profile = await loadProfile(db, round.profile_id, round.profile_version);
  const cal = await loadCalendar(db);
  const institutions = [];
  for (const id of n.applicationIds) {
    const app = (await getApplication(db, id))!;
    const data = applicationData(app);
    institutions.push({ name: data.name, address: data.address, serviceTypes: data.serviceTypes.map((s) => SERVICE_TYPE_LABEL[s]), uscc: data.uscc });
  }
  const values = publicNoticeValues(
    {
      roundName: noticeBatchName(round.name),
      policyTitle: policyTitle(profile),
      citation: letterCitation(profile.publicNotice.source),
      minWorkingDays: profile.publicNotice.minWorkingDays,
      institutions,
      startOn: n.startOn,
      workingDays: n.workingDays,
      objection: { address: n.objectionAddress, phone: n.objectionPhone },
    },
    cal,
  );
  return {
    kind: 'publicNotice',
    label: `${PUBLIC_NOTICE.name}·第${n.seq}次`,
    fileLabel: `审核结果公示_${round.code}_第${n.seq}次`,
    template: PUBLIC_NOTICE,
    roundId: round.id,
    roundCode: round.code,
    applicationId: null,
    docNumber: null,
    context: header(settings, n.startOn, null),
    values,
  };
}
