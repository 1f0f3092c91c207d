import { z } from 'zod';
import { isoDate, optionalText, requiredText } from '../../domain/common';
import { SERVICE_TYPES } from '../../domain/enums';
import { MATERIAL_STATES } from '../../domain/formalCheck';
import { CONFLICT_KINDS, PANEL_ROLES } from '../../rules/panel';
import { RANK_STATUSES } from '../../rules/aggregation';
import { RULE_STATES } from '../../rules/eligibility/types';
import { OUTCOMES, SEAT_STANDINGS, TALLY_STATES, TIE_RULES, VOTE_CHOICES } from '../../rules/voting';
import { REASON_KINDS } from '../../rules/rectification';
import { byApplication, byRound } from './common';
import { actorSchema } from './scoring';
import { pinSchema } from './panel';

/**
 * 集体评议: meetings (deliberation sessions) of a round, votes, decisions,
 * minutes (会议纪要) and the consequences of a decision (deadlines, re-review).
 *
 * A meeting is `meetingId`; `session` is always the PIN sign-in token of the
 * person acting (scoring.signIn for members, deliberation.signIn for members
 * and substitutes). Votes, decisions and minutes responses are append-only;
 * once the chair seals a meeting every write to it is refused.
 *
 * 表决保密 (vote secrecy; rule in service/deliberation/secrecy.ts). A ballot
 * of an applicant is DISCLOSED once the meeting is sealed, or the chair has
 * recorded a decision on it (合格/不合格/暂缓), or every person entitled to
 * vote on it (present, not recused, substitutes standing in) has voted with
 * the quorum met (tally state `majority` or `tie`). Until then no method —
 * deliberation.applicant, deliberation.vote, deliberation.agenda,
 * deliberation.minutes, audit.list — gives anyone's choice or reason, nor the
 * running 合格/不合格 counts: only who has voted, when, and who has not. A
 * person who passes their own PIN session as `viewer` sees their own votes.
 * After disclosure everything is shown, as the minutes record it.
 *
 * 评议锁定 (service/deliberation/lock.ts): once an applicant is on the agenda
 * of an open meeting, or decided (合格/不合格) in a sealed one, its scores,
 * explanations and 回避 cannot change; neither can the round's rubric and
 * scoring rules while a meeting is open or once any applicant is decided.
 */

const meetingActor = z.object({
  meetingId: z.string().min(1),
  actingMemberId: z.string().min(1, { message: '请先选择成员' }),
  session: z.string().min(1, { message: '请先输入PIN登录' }),
});
const byMeeting = z.object({ meetingId: z.string().min(1) });
/** The person looking, signed in with their own PIN: they see their own votes before the ballot is disclosed. */
const viewerSchema = z.object({ actingMemberId: z.string().min(1), session: z.string().min(1) });

const BASIC_STATES = ['passed', 'failed', 'pending', 'none'] as const;
export const ITEM_STATUSES = ['pending', 'voting', 'decided', 'stale', 'held'] as const;
export const ITEM_STATUS_LABEL: Record<(typeof ITEM_STATUSES)[number], string> = {
  pending: '待表决',
  voting: '表决中',
  decided: '已作出结论',
  stale: '表决有变化，须重新确认结论',
  held: '暂缓（待重新表决）',
};

const rankSchema = z.object({ serviceType: z.enum(SERVICE_TYPES), label: z.string(), quota: z.number().int(), rank: z.number().int().nullable(), status: z.enum(RANK_STATUSES) });

export const seatSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['member', 'substitute']),
  role: z.enum(PANEL_ROLES).nullable(),
  standing: z.enum(SEAT_STANDINGS),
  standingLabel: z.string(),
  note: z.string().nullable(),
  replacesMemberId: z.string().nullable(),
});

export const voteViewSchema = z.object({
  voteId: z.string(),
  voterId: z.string(),
  name: z.string(),
  kind: z.enum(['member', 'substitute']),
  ballot: z.number().int(),
  /** null while hidden (表决保密: the ballot is not disclosed and this is not the viewer's own vote) */
  choice: z.enum(VOTE_CHOICES).nullable(),
  /** null while hidden, or when no reason was given */
  reason: z.string().nullable(),
  /** the choice and reason are withheld until the ballot is disclosed */
  hidden: z.boolean(),
  castAt: z.string(),
  supersedes: z.string().nullable(),
  /** how many earlier votes of this voter on this ballot it replaced */
  revisions: z.number().int(),
  /** cast, but does not count (the voter stepped aside afterwards, or the replaced member is back) */
  counted: z.boolean(),
});

export const tallyViewSchema = z.object({
  ballot: z.number().int(),
  eligible: z.number().int(),
  minMembers: z.number().int(),
  citation: z.string(),
  quorumMet: z.boolean(),
  /** the choices of this ballot may be shown (表决保密: sealed, decided, or everyone entitled has voted) */
  disclosed: z.boolean(),
  /** null until disclosed */
  pass: z.number().int().nullable(),
  /** null until disclosed */
  fail: z.number().int().nullable(),
  missing: z.array(z.object({ id: z.string(), name: z.string() })),
  state: z.enum(TALLY_STATES),
  /** what the chair may record now: an outcome, 'casting_needed' (chair's deciding vote), or null */
  proposed: z.enum([...OUTCOMES, 'casting_needed']).nullable(),
  message: z.string(),
  /** votes against the majority (empty until disclosed); reasons are required before the decision */
  dissents: z.array(z.object({ voterId: z.string(), name: z.string(), choice: z.enum(VOTE_CHOICES), reason: z.string().nullable() })),
});

export const reasonSchema = z.object({
  code: z.string(),
  kind: z.enum(REASON_KINDS),
  title: z.string(),
  text: z.string(),
  citation: z.string().nullable(),
});

export const adviceSchema = z.object({ code: z.string(), presetId: z.string().nullable(), text: z.string() });

export const overrideSchema = z.object({
  /** the basic indicators not met (fail) or not verified (pending) that the panel overrides */
  items: z.array(z.object({ code: z.string(), title: z.string(), state: z.enum(['fail', 'pending']) })),
  reason: z.string(),
  recordedBy: z.string(),
  /** who voted 合格 */
  supporters: z.array(z.string()),
});

export const tieSchema = z.object({
  rule: z.enum(TIE_RULES),
  applied: z.enum(['held', 'casting']),
  note: z.string(),
  casting: z.object({ choice: z.enum(VOTE_CHOICES), reason: z.string(), by: z.string() }).nullable(),
});

export const decisionViewSchema = z.object({
  decisionId: z.string(),
  ballot: z.number().int(),
  outcome: z.enum(OUTCOMES),
  basis: z.enum(['majority', 'casting', 'tie']),
  tally: z.object({
    eligible: z.number().int(),
    pass: z.number().int(),
    fail: z.number().int(),
    votes: z.array(z.object({ voteId: z.string(), voterId: z.string(), name: z.string(), choice: z.enum(VOTE_CHOICES), reason: z.string().nullable() })),
  }),
  reasons: z.array(reasonSchema),
  advice: z.array(adviceSchema),
  override: overrideSchema.nullable(),
  tie: tieSchema.nullable(),
  decidedAt: z.string(),
  decidedBy: z.string(),
  supersedes: z.string().nullable(),
  changeReason: z.string().nullable(),
  /** the votes changed since: the chair must confirm the decision again */
  stale: z.boolean(),
});
export type DecisionView = z.infer<typeof decisionViewSchema>;

export const meetingHeaderSchema = z.object({
  meetingId: z.string(),
  roundId: z.string(),
  roundCode: z.string(),
  roundName: z.string(),
  /** 1, 2, … per round */
  seq: z.number().int(),
  heldOn: isoDate,
  place: z.string(),
  chair: z.object({ memberId: z.string(), name: z.string() }),
  tieRule: z.enum(TIE_RULES),
  tieRuleLabel: z.string(),
  minMembers: z.number().int(),
  panelCitation: z.string(),
  openedAt: z.string(),
  openedBy: z.string(),
  sealed: z.boolean(),
  sealedAt: z.string().nullable(),
  minutesHash: z.string().nullable(),
});

export const attendanceSchema = z.object({
  present: z.array(
    z.object({
      memberId: z.string(),
      name: z.string(),
      role: z.enum(PANEL_ROLES),
      fields: z.array(z.string()),
      employer: z.string().nullable(),
      /** a member absent at the opening who arrived later (deliberation.recordArrival); absent when on time */
      arrivedAt: z.string().optional(),
      /** e.g. 迟到（10:32到会）；参加表决：… */
      arrivalNote: z.string().optional(),
    }),
  ),
  absent: z.array(z.object({ memberId: z.string(), name: z.string(), role: z.enum(PANEL_ROLES), note: z.string().nullable() })),
  substitutes: z.array(
    z.object({
      substituteId: z.string(),
      personId: z.string(),
      name: z.string(),
      employer: z.string().nullable(),
      applicationId: z.string(),
      applicationNo: z.string(),
      applicationName: z.string(),
      replacesMemberId: z.string(),
      replacesName: z.string(),
      reason: z.string(),
      addedAt: z.string(),
    }),
  ),
});

export const agendaItemSchema = z.object({
  position: z.number().int(),
  applicationId: z.string(),
  applicationNo: z.string(),
  name: z.string(),
  serviceTypes: z.array(z.enum(SERVICE_TYPES)),
  score: z.number().nullable(),
  ranks: z.array(rankSchema),
  /** a member's total or a criterion flagged for dispersion (discussed first by default) */
  dispersion: z.boolean(),
  basic: z.enum(BASIC_STATES),
  recused: z.number().int(),
  status: z.enum(ITEM_STATUSES),
  statusLabel: z.string(),
  ballot: z.number().int(),
  /** how many have voted on the current ballot (never what: 表决保密) */
  votes: z.number().int(),
  eligible: z.number().int(),
  outcome: z.enum(OUTCOMES).nullable(),
});

export const agendaViewSchema = z.object({
  meeting: meetingHeaderSchema,
  attendance: attendanceSchema,
  items: z.array(agendaItemSchema),
  progress: z.object({ total: z.number().int(), decided: z.number().int(), held: z.number().int(), open: z.number().int() }),
});
export type AgendaView = z.infer<typeof agendaViewSchema>;

export const applicantViewSchema = z.object({
  meetingId: z.string(),
  sealed: z.boolean(),
  position: z.number().int(),
  total: z.number().int(),
  prevApplicationId: z.string().nullable(),
  nextApplicationId: z.string().nullable(),
  applicant: z.object({
    applicationId: z.string(),
    applicationNo: z.string(),
    name: z.string(),
    uscc: z.string(),
    address: z.string(),
    institutionType: z.string(),
    serviceTypes: z.array(z.enum(SERVICE_TYPES)),
    receivedOn: isoDate,
  }),
  basic: z.object({
    state: z.enum(BASIC_STATES),
    /**
     * 基础性指标: the eligibility results with their articles, failed and
     * unverified first — the only record of them (the 评分细则 lists them by
     * rule id; the ranking uses the same results).
     */
    rules: z.array(z.object({ code: z.string(), ruleId: z.string(), title: z.string(), group: z.string(), state: z.enum(RULE_STATES), explanation: z.string(), requirement: z.string(), citations: z.array(z.string()) })),
    counts: z.object({ pass: z.number().int(), fail: z.number().int(), pending: z.number().int() }),
  }),
  scores: z
    .object({
      score: z.number().nullable(),
      mean: z.number().nullable(),
      trimmed: z.boolean(),
      trimmedMean: z.number().nullable(),
      count: z.number().int(),
      memberTotals: z.array(z.object({ memberId: z.string(), name: z.string(), total: z.number() })),
      /** lowest and highest member total (the spread the panel discusses) */
      spread: z.object({ min: z.number(), max: z.number(), range: z.number() }).nullable(),
      memberFlags: z.array(z.object({ memberId: z.string(), name: z.string(), total: z.number(), othersMean: z.number(), deviation: z.number().nullable(), direction: z.enum(['high', 'low']), explanation: z.string().nullable() })),
      criterionFlags: z.array(z.object({ criterionId: z.string(), title: z.string(), maxPoints: z.number(), min: z.number(), max: z.number() })),
      ranks: z.array(rankSchema),
    })
    .nullable(),
  conflicts: z.array(
    z.object({
      memberId: z.string(),
      name: z.string(),
      standing: z.enum(['conflicted', 'cleared', 'flag_pending']),
      kind: z.enum(CONFLICT_KINDS).nullable(),
      text: z.string(),
      decidedBy: z.string().nullable(),
      decidedAt: z.string().nullable(),
    }),
  ),
  materials: z.object({
    received: z.number().int(),
    missing: z.number().int(),
    pending: z.number().int(),
    items: z.array(z.object({ materialId: z.string(), title: z.string(), citation: z.string(), state: z.enum(MATERIAL_STATES), note: z.string().nullable() })),
    notice: z.object({ issuedOn: isoDate, deadline: isoDate, outcome: z.enum(['open', 'fulfilled', 'expired']), fulfilledOn: isoDate.nullable() }).nullable(),
  }),
  /** an earlier application of the same institution (USCC), e.g. the failure this re-review follows */
  history: z
    .object({
      kind: z.string(),
      label: z.string(),
      previousApplicationId: z.string(),
      previousApplicationNo: z.string(),
      previousRoundName: z.string(),
      previousOutcome: z.enum(['pass', 'fail']),
      previousDecidedOn: isoDate,
      previousReasons: z.array(reasonSchema),
    })
    .nullable(),
  seats: z.array(seatSchema),
  /** current ballot: each voter's current vote (superseded ones are in voteHistory); choices hidden until disclosed */
  votes: z.array(voteViewSchema),
  voteHistory: z.array(voteViewSchema),
  tally: tallyViewSchema,
  status: z.enum(ITEM_STATUSES),
  statusLabel: z.string(),
  decision: decisionViewSchema.nullable(),
  /** earlier decisions: held ballots and superseded versions */
  decisionHistory: z.array(decisionViewSchema),
  /** reasons the decision will carry (failed and unverified rules and indicators) */
  reasonOptions: z.array(reasonSchema),
  panelReasonPresets: z.array(z.object({ code: z.string(), title: z.string(), text: z.string() })),
  advicePresets: z.array(z.object({ code: z.string(), presets: z.array(z.object({ id: z.string(), text: z.string() })) })),
  /** what a 合格 decision would have to override explicitly */
  overrideNeeded: z.array(z.object({ code: z.string(), title: z.string(), state: z.enum(['fail', 'pending']) })),
  /** the chair's deciding vote is possible (chair_casting rule, chair may vote on this applicant) */
  chairMayCast: z.boolean(),
  /** members and substitutes who could stand in (absent or recused members, for the substitute picker) */
  replaceable: z.array(z.object({ memberId: z.string(), name: z.string(), standing: z.enum(['absent', 'recused']) })),
});
export type ApplicantView = z.infer<typeof applicantViewSchema>;

export const minutesItemSchema = z.object({
  position: z.number().int(),
  applicationId: z.string(),
  applicationNo: z.string(),
  name: z.string(),
  uscc: z.string(),
  serviceTypes: z.array(z.enum(SERVICE_TYPES)),
  score: z.number().nullable(),
  ranks: z.array(rankSchema),
  basic: z.enum(BASIC_STATES),
  recusals: z.array(z.object({ memberId: z.string(), name: z.string(), reason: z.string() })),
  /** disclosed ballots only (表决保密): a ballot still being voted on appears once complete or decided; so do its vote changes */
  substitutes: z.array(z.object({ substituteId: z.string(), name: z.string(), replacesName: z.string(), reason: z.string() })),
  ballots: z.array(
    z.object({
      ballot: z.number().int(),
      eligible: z.number().int(),
      pass: z.number().int(),
      fail: z.number().int(),
      outcome: z.enum(OUTCOMES).nullable(),
      votes: z.array(z.object({ voterId: z.string(), name: z.string(), kind: z.enum(['member', 'substitute']), choice: z.enum(VOTE_CHOICES), reason: z.string().nullable() })),
    }),
  ),
  outcome: z.enum(OUTCOMES).nullable(),
  decision: decisionViewSchema.omit({ stale: true }).nullable(),
  /** superseded versions of the decision, with why */
  decisionChanges: z.array(z.object({ decisionId: z.string(), outcome: z.enum(OUTCOMES), changeReason: z.string().nullable(), decidedAt: z.string() })),
  dissents: z.array(z.object({ voterId: z.string(), name: z.string(), choice: z.enum(VOTE_CHOICES), reason: z.string().nullable() })),
  voteChanges: z.array(z.object({ voterId: z.string(), name: z.string(), ballot: z.number().int(), from: z.enum(VOTE_CHOICES), to: z.enum(VOTE_CHOICES), reason: z.string().nullable(), at: z.string() })),
});

export const minutesSchema = z.object({
  title: z.string(),
  meetingId: z.string(),
  meetingNo: z.number().int(),
  round: z.object({ id: z.string(), code: z.string(), name: z.string(), region: z.string() }),
  profile: z.object({ id: z.string(), version: z.number().int(), name: z.string() }),
  heldOn: isoDate,
  place: z.string(),
  chair: z.object({ memberId: z.string(), name: z.string() }),
  panelRule: z.object({ minMembers: z.number().int(), citation: z.string() }),
  tieRule: z.object({ rule: z.enum(TIE_RULES), label: z.string() }),
  attendance: attendanceSchema,
  items: z.array(minutesItemSchema),
  tieRuleUses: z.array(z.object({ applicationId: z.string(), applicationName: z.string(), ballot: z.number().int(), rule: z.enum(TIE_RULES), applied: z.enum(['held', 'casting']), note: z.string(), casting: tieSchema.shape.casting })),
  overrides: z.array(z.object({ applicationId: z.string(), applicationName: z.string() }).extend(overrideSchema.shape)),
  summary: z.object({ total: z.number().int(), pass: z.number().int(), fail: z.number().int(), held: z.number().int() }),
});
export type Minutes = z.infer<typeof minutesSchema>;

export const minutesViewSchema = z.object({
  meetingId: z.string(),
  minutes: minutesSchema,
  /** sha256 of the canonical JSON of `minutes`: what members confirm and what the seal stores */
  minutesHash: z.string(),
  /** why the minutes cannot be confirmed yet (undecided items, stale decisions), else null */
  notReady: z.string().nullable(),
  signers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.enum(['member', 'substitute']),
      role: z.enum(PANEL_ROLES).nullable(),
      response: z.object({ response: z.enum(['confirm', 'refuse']), reason: z.string().nullable(), at: z.string(), minutesHash: z.string(), current: z.boolean() }).nullable(),
    }),
  ),
  canSeal: z.boolean(),
  sealProblem: z.string().nullable(),
  sealed: z
    .object({
      sealedAt: z.string(),
      sealedBy: z.string(),
      minutesHash: z.string(),
      /** the audit chain's head when sealed: print it on the minutes to anchor the chain outside this file */
      auditHead: z.object({ seq: z.number().int(), hash: z.string() }),
    })
    .nullable(),
});
export type MinutesView = z.infer<typeof minutesViewSchema>;

const periodSchema = z.object({ date: isoDate, nominal: isoDate, extended: z.boolean(), provisional: z.boolean() });

export const deadlineRowSchema = z.object({
  applicationId: z.string(),
  applicationNo: z.string(),
  name: z.string(),
  outcome: z.enum(OUTCOMES).nullable(),
  /** decided in a sealed meeting: final */
  final: z.boolean(),
  decisionId: z.string().nullable(),
  meetingId: z.string().nullable(),
  decidedOn: isoDate.nullable(),
  reapplication: z.object({ kind: z.string(), label: z.string(), previousApplicationId: z.string().nullable(), previousApplicationNo: z.string().nullable() }),
  delivery: z.object({ deliveredOn: isoDate, method: z.string(), note: z.string().nullable(), recordedBy: z.string(), recordedAt: z.string(), revisions: z.number().int() }).nullable(),
  /** 不合格: rectify and apply for a re-review by this date (null until delivery is recorded) */
  rectification: z
    .object({
      months: z.number().int(),
      citation: z.string(),
      window: periodSchema.nullable(),
      reReviewsAllowed: z.number().int(),
      reReviewsUsed: z.number().int(),
      reReviewAvailable: z.boolean(),
    })
    .nullable(),
  /** 不合格 after the re-reviews: no new application until this date */
  bar: z.object({ months: z.number().int(), citation: z.string(), startsOn: isoDate, endsOn: isoDate, fromDelivery: z.boolean() }).nullable(),
  /** 合格: the agreement is applied for within N months after the 公示 ends (computed once the 公示 end is known) */
  agreement: z.object({ months: z.number().int().nullable(), citation: z.string(), noticeEndsOn: isoDate.nullable(), deadline: periodSchema.nullable(), note: z.string() }).nullable(),
});
export type DeadlineRow = z.infer<typeof deadlineRowSchema>;

export const deliberationContract = {
  /** Where the round stands: whether a meeting may be opened (blockers), its meetings. */
  'deliberation.status': {
    input: byRound,
    output: z.object({
      roundId: z.string(),
      canOpen: z.boolean(),
      blockers: z.array(z.object({ code: z.string(), message: z.string() })),
      /** accepted applicants without a final decision */
      pendingApplicants: z.number().int(),
      openMeetingId: z.string().nullable(),
      meetings: z.array(z.object({ meetingId: z.string(), seq: z.number().int(), heldOn: isoDate, place: z.string(), sealed: z.boolean(), sealedAt: z.string().nullable(), minutesHash: z.string().nullable(), pass: z.number().int(), fail: z.number().int(), held: z.number().int() })),
      tieRules: z.array(z.object({ id: z.enum(TIE_RULES), label: z.string(), isDefault: z.boolean() })),
    }),
  },
  /** PIN sign-in for a member or a substitute of an open meeting; the token works like scoring.signIn's. */
  'deliberation.signIn': {
    input: z.object({ meetingId: z.string().min(1), voterId: z.string().min(1, { message: '请选择成员' }), pin: pinSchema }),
    output: z.object({ session: z.string(), voterId: z.string(), name: z.string(), kind: z.enum(['member', 'substitute']), expiresAt: z.string() }),
  },
  /** The chair opens a meeting: needs a valid panel and no deliberation blockers. */
  'deliberation.open': {
    input: actorSchema.extend({
      heldOn: isoDate,
      place: requiredText('会议地点', 100),
      presentMemberIds: z.array(z.string().min(1)).min(1, { message: '请选择出席成员' }),
      /** every member not present; the reason (请假、出差…) is optional */
      absences: z.array(z.object({ memberId: z.string().min(1), note: optionalText('缺席原因', 200) })).default([]),
      tieRule: z.enum(TIE_RULES, { message: '请选择票数相同时的处理规则' }).optional(),
      /** discussion order; default: flagged dispersion first, then by score */
      order: z.array(z.string().min(1)).optional(),
    }),
    output: agendaViewSchema,
  },
  'deliberation.agenda': { input: byMeeting, output: agendaViewSchema },
  /**
   * The chair records that a member absent at the opening has arrived (迟到到会):
   * the time is recorded and the member is then present (signs the minutes).
   * They vote only on agenda items on which nobody had voted yet and that were
   * not decided when they arrived; on an item already being voted on, only on
   * a new ballot after 暂缓. Refused once the meeting is sealed.
   */
  'deliberation.recordArrival': {
    input: meetingActor.extend({ memberId: z.string().min(1, { message: '请选择到会的成员' }), note: optionalText('备注', 200) }),
    output: agendaViewSchema,
  },
  /** The chair changes the discussion order (a permutation of the agenda). */
  'deliberation.setOrder': { input: meetingActor.extend({ applicationIds: z.array(z.string().min(1)).min(1) }), output: agendaViewSchema },
  /**
   * One applicant, everything the panel needs, for the projector. Votes follow
   * 表决保密 (above); with `viewer` (a live PIN session of the meeting) that
   * person's own votes are shown in full. A stale session is refused.
   */
  'deliberation.applicant': { input: byMeeting.extend({ applicationId: z.string().min(1), viewer: viewerSchema.optional() }), output: applicantViewSchema },
  /** The chair adds a substitute (候补成员) standing in for a recused or absent member, for one applicant. */
  'deliberation.addSubstitute': {
    input: meetingActor.extend({
      applicationId: z.string().min(1),
      personId: z.string().min(1, { message: '请选择候补成员' }),
      replacesMemberId: z.string().min(1, { message: '请选择被替代的成员' }),
      reason: requiredText('替代原因', 300),
    }),
    output: applicantViewSchema,
  },
  /**
   * A vote, under the voter's own PIN session; acknowledged only after it is
   * committed. The answer carries the voter's own choice; the tally's counts
   * are null until the ballot is disclosed (表决保密).
   */
  'deliberation.vote': {
    input: meetingActor.extend({
      applicationId: z.string().min(1),
      choice: z.enum(VOTE_CHOICES, { message: '请选择合格或不合格' }),
      reason: optionalText('理由', 1000),
    }),
    output: z.object({
      voteId: z.string(),
      meetingId: z.string(),
      applicationId: z.string(),
      ballot: z.number().int(),
      choice: z.enum(VOTE_CHOICES),
      castAt: z.string(),
      supersedes: z.string().nullable(),
      tally: z.object({ disclosed: z.boolean(), pass: z.number().int().nullable(), fail: z.number().int().nullable(), eligible: z.number().int(), missing: z.number().int(), state: z.enum(TALLY_STATES) }),
    }),
  },
  /**
   * The chair records the panel's decision on the current ballot. `outcome` is
   * what the chair saw: refused if the tally says otherwise.
   */
  'deliberation.decide': {
    input: meetingActor.extend({
      applicationId: z.string().min(1),
      outcome: z.enum(OUTCOMES, { message: '请确认审核结论' }),
      panelReasons: z.array(z.object({ code: z.string().min(1), text: requiredText('理由', 1000) })).max(20).default([]),
      advice: z.array(z.object({ code: z.string().min(1), presetId: z.string().min(1).optional(), text: requiredText('整改建议', 1000) })).max(50).default([]),
      override: z.object({ reason: requiredText('认定合格的理由', 1000) }).optional(),
      castingVote: z.object({ choice: z.enum(VOTE_CHOICES), reason: requiredText('决定票理由', 1000) }).optional(),
      changeReason: optionalText('修改原因', 500),
    }),
    output: applicantViewSchema,
  },
  'deliberation.minutes': { input: byMeeting, output: minutesViewSchema },
  /** Each member present (and each substitute) confirms the minutes under their PIN, or refuses with a reason. */
  'deliberation.respondMinutes': {
    input: meetingActor
      .extend({
        pin: pinSchema,
        response: z.enum(['confirm', 'refuse'], { message: '请选择确认或拒绝确认' }),
        reason: optionalText('拒绝确认的理由', 1000),
        /** the hash of the minutes the member read */
        minutesHash: z.string().regex(/^[0-9a-f]{64}$/, { message: '会议纪要版本无效，请刷新' }),
      })
      .superRefine((v, ctx) => {
        if (v.response === 'refuse' && !v.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: '拒绝确认会议纪要须写明理由' });
      }),
    output: minutesViewSchema,
  },
  /** The chair seals the meeting; afterwards nothing in it can change. */
  'deliberation.seal': {
    input: meetingActor.extend({ pin: pinSchema, minutesHash: z.string().regex(/^[0-9a-f]{64}$/, { message: '会议纪要版本无效，请刷新' }) }),
    output: minutesViewSchema,
  },
  /** The clerk records when the result letter reached the applicant (starts the rectification window). */
  'deliberation.recordDelivery': {
    input: byApplication.extend({
      deliveredOn: isoDate,
      method: requiredText('送达方式', 50),
      note: optionalText('备注', 300),
      reason: optionalText('修改原因', 300),
    }),
    output: deadlineRowSchema,
  },
  /** Decisions of a round and what follows from them. */
  'deliberation.deadlines': { input: byRound, output: z.array(deadlineRowSchema) },
  /** The agreement deadline for a qualified applicant once the 公示 end date is known. */
  'deliberation.agreementDeadline': {
    input: byApplication.extend({ noticeEndsOn: isoDate }),
    output: z.object({ applicationId: z.string(), months: z.number().int().nullable(), citation: z.string(), noticeEndsOn: isoDate, deadline: periodSchema.nullable(), note: z.string() }),
  },
} as const;
