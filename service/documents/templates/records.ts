/**
 * The round's records after 集体评议: the 会议纪要 printed from the sealed
 * minutes (with the minutes hash and the audit head, so the paper anchors the
 * tamper-evident chain), and the 审核结果备案表 filed with the administrative
 * department (000 第十四条: 审核结果报同级医疗保障行政部门备案). Templates and
 * their typed inputs, like builtin.ts / inputs.ts.
 */
import { NATIONAL_MEASURES_TITLE } from '../../../shared/profiles/schema';
import { docError } from '../errors';
import { chineseDate } from '../layout/blocks';
import type { Template, TemplateValues } from './types';

// ---------------------------------------------------------------------------
// Helpers shared by letters and records

/** The panel's own reasons rest on its collective judgement, not on an article. */
export const PANEL_REASON_BASIS = '审核小组集体评议意见';

/**
 * A citation as stored on a decision reason ('000 第七条（三）', '《办法》第七条',
 * several joined by '、') → as a letter prints it: the region's own text by
 * article, the national measures by title and article.
 */
export function letterCitationText(stored: string | null): string {
  if (!stored) return PANEL_REASON_BASIS;
  return stored
    .split('、')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((c) => {
      if (c.startsWith('《办法》')) return `${NATIONAL_MEASURES_TITLE}${c.slice('《办法》'.length)}`;
      const m = /^\d{3}\s+(.+)$/.exec(c);
      return m ? m[1]! : c;
    })
    .join('、');
}

/**
 * A decision's reason as a letter states it (the deliberation feature's
 * mapping): the panel's own reason by its text, a failed rule or indicator as
 * “title：explanation”, with the article (none for the panel's reasons).
 */
export function letterReason(r: { kind: 'rule' | 'basic' | 'panel'; title: string; text: string; citation: string | null }): { text: string; citation: string } {
  const text = r.kind === 'panel' ? r.text : r.text && r.text !== r.title ? `${r.title}：${r.text}` : r.title;
  return { text: text.trim(), citation: r.kind === 'panel' ? PANEL_REASON_BASIS : letterCitationText(r.citation) };
}

/** A SHA-256 in groups of 8 hex digits, so it wraps at a space and can be read aloud. */
export function groupedHex(hex: string): string {
  return hex.match(/.{1,8}/g)?.join(' ') ?? hex;
}

/** An instant as the Beijing date and time, e.g. 2025年10月20日 15:32. */
export function chineseDateTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

/** The Beijing calendar date of an instant, ISO. */
export function beijingDate(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function sentence(s: string): string {
  const t = s.trim();
  return /[。！？]$/.test(t) ? t : `${t}。`;
}

function numbered(items: string[]): string {
  return items.map((x, i) => `（${i + 1}）${x.trim().replace(/[。；;，,]$/, '')}`).join('；');
}

// ---------------------------------------------------------------------------
// 会议纪要

export const MINUTES: Template = {
  id: 'minutes',
  version: 1,
  name: '集体评议会议纪要',
  documentTitle: '长护服务机构定点申请集体评议会议纪要',
  fields: {
    批次名称: { kind: 'text', label: '审核批次名称' },
    会议次数: { kind: 'text', label: '第几次集体评议会议' },
    会议日期: { kind: 'text', label: '会议日期' },
    会议地点: { kind: 'text', label: '会议地点' },
    主持人: { kind: 'text', label: '主持会议的组长' },
    出席人员: { kind: 'text', label: '出席的审核小组成员' },
    出席人数: { kind: 'text', label: '出席人数' },
    缺席人员: { kind: 'text', label: '缺席的成员及原因' },
    有缺席: { kind: 'flag', label: '有成员缺席' },
    候补成员: { kind: 'list', label: '候补成员', item: { 姓名: '候补成员姓名', 被替代成员: '被替代的成员', 机构名称: '参加表决的申请机构', 原因: '替代原因' } },
    有候补: { kind: 'flag', label: '有候补成员' },
    人数规定: { kind: 'text', label: '审核小组人数的规定及条款' },
    票数相同规则: { kind: 'text', label: '票数相同时的处理规则' },
    评议总数: { kind: 'text', label: '评议的申请机构数' },
    评议结果: { kind: 'list', label: '每个申请机构的表决和结论', item: { 机构名称: '机构名称', 申请编号: '申请编号', 表决情况: '表决情况', 审核结论: '审核结论' } },
    结果汇总: { kind: 'text', label: '合格、不合格、暂缓的数目' },
    不合格说明: { kind: 'list', label: '不合格的理由和整改建议', item: { 机构名称: '机构名称', 理由: '不合格理由（含依据）', 建议: '整改建议' } },
    有不合格: { kind: 'flag', label: '有不合格的申请机构' },
    回避情况: { kind: 'list', label: '回避', item: { 成员: '回避的成员', 机构名称: '机构名称', 原因: '回避原因' } },
    有回避: { kind: 'flag', label: '有成员回避' },
    少数意见: { kind: 'list', label: '与审核结论不同的表决意见', item: { 成员: '成员', 机构名称: '机构名称', 意见: '其表决', 理由: '书面理由' } },
    有少数意见: { kind: 'flag', label: '有少数意见' },
    票数相同处理: { kind: 'list', label: '票数相同的处理', item: { 机构名称: '机构名称', 说明: '处理情况' } },
    有票数相同: { kind: 'flag', label: '有票数相同' },
    认定合格: { kind: 'list', label: '推翻基础性指标结论认定合格', item: { 机构名称: '机构名称', 事项: '推翻的基础性指标', 理由: '认定理由', 支持成员: '投合格票的成员' } },
    有认定合格: { kind: 'flag', label: '有认定合格' },
    变更情况: { kind: 'list', label: '改票和结论修改', item: { 说明: '变更说明' } },
    有变更: { kind: 'flag', label: '有改票或结论修改' },
    确认人员: { kind: 'text', label: '确认会议纪要的成员' },
    有确认: { kind: 'flag', label: '有成员确认' },
    拒绝确认: { kind: 'list', label: '拒绝确认的成员及理由', item: { 成员: '成员', 理由: '拒绝确认的理由' } },
    有拒绝: { kind: 'flag', label: '有成员拒绝确认' },
    封存时间: { kind: 'text', label: '封存时间' },
    封存人: { kind: 'text', label: '封存人' },
    纪要哈希: { kind: 'text', label: '会议纪要的SHA-256哈希' },
    审计序号: { kind: 'text', label: '封存时审计日志头的序号' },
    审计哈希: { kind: 'text', label: '封存时审计日志头的哈希' },
  },
  blocks: [
    { type: 'title', text: '长护服务机构定点申请\n集体评议会议纪要' },
    { type: 'paragraph', text: '{{会议日期}}，{{批次名称}}审核小组在{{会议地点}}召开第{{会议次数}}次集体评议会议，会议由组长{{主持人}}主持。' },
    { type: 'paragraph', text: '出席：{{出席人员}}，共{{出席人数}}人。' },
    { type: 'paragraph', when: '有缺席', text: '缺席：{{缺席人员}}。' },
    { type: 'list', when: '有候补', items: '候补成员', text: '候补成员：{{姓名}}替代{{被替代成员}}参加对“{{机构名称}}”的表决（{{原因}}）。' },
    { type: 'paragraph', text: '出席人数符合{{人数规定}}的要求。票数相同时的处理规则：{{票数相同规则}}。' },
    { type: 'paragraph', text: '会议按议程逐一评议了{{评议总数}}个申请机构，经记名表决，议定如下：' },
    {
      type: 'table',
      items: '评议结果',
      size: 12,
      columns: [
        { title: '序号', cell: '{{序号}}', width: 1.3, align: 'center' },
        { title: '申请机构', cell: '{{机构名称}}', width: 5.2 },
        { title: '申请编号', cell: '{{申请编号}}', width: 4.3, align: 'center' },
        { title: '表决情况', cell: '{{表决情况}}', width: 4.3 },
        { title: '审核结论', cell: '{{审核结论}}', width: 2.2, align: 'center' },
      ],
    },
    { type: 'paragraph', text: '{{结果汇总}}' },
    { type: 'paragraph', when: '有不合格', role: 'heading', text: '不合格的理由和整改建议' },
    { type: 'list', when: '有不合格', items: '不合格说明', text: '{{序号}}．{{机构名称}}。不合格理由：{{理由}}。整改建议：{{建议}}。' },
    { type: 'paragraph', when: '有回避', role: 'heading', text: '回避情况' },
    { type: 'list', when: '有回避', items: '回避情况', text: '{{成员}}就“{{机构名称}}”回避，未参加评分和表决（{{原因}}）。' },
    { type: 'paragraph', when: '有少数意见', role: 'heading', text: '少数意见' },
    { type: 'list', when: '有少数意见', items: '少数意见', text: '{{成员}}对“{{机构名称}}”投“{{意见}}”票，理由：{{理由}}' },
    { type: 'paragraph', when: '有票数相同', role: 'heading', text: '票数相同的处理' },
    { type: 'list', when: '有票数相同', items: '票数相同处理', text: '“{{机构名称}}”：{{说明}}' },
    { type: 'paragraph', when: '有认定合格', role: 'heading', text: '推翻基础性指标结论认定合格' },
    { type: 'list', when: '有认定合格', items: '认定合格', text: '“{{机构名称}}”{{事项}}，审核小组认定合格，理由：{{理由}}（投合格票的成员：{{支持成员}}）。' },
    { type: 'paragraph', when: '有变更', role: 'heading', text: '表决和结论的变更' },
    { type: 'list', when: '有变更', items: '变更情况', text: '{{说明}}' },
    { type: 'paragraph', role: 'heading', text: '会议纪要确认情况' },
    { type: 'paragraph', when: '有确认', text: '{{确认人员}}确认本纪要。' },
    { type: 'list', when: '有拒绝', items: '拒绝确认', text: '{{成员}}拒绝确认本纪要，理由：{{理由}}' },
    { type: 'paragraph', text: '本纪要经出席会议的成员确认后，于{{封存时间}}由{{封存人}}封存，封存后不能修改。' },
    { type: 'paragraph', text: '会议纪要哈希（SHA-256）：{{纪要哈希}}' },
    { type: 'paragraph', text: '封存时审计日志头：第{{审计序号}}条，其哈希（SHA-256）：{{审计哈希}}' },
    { type: 'paragraph', text: '以上两项可在本程序“审计日志”中核对：会议纪要或审计日志被改动的，核对结果不一致。' },
    { type: 'signature' },
  ],
};

export interface MinutesPrintInput {
  roundName: string;
  meetingNo: number;
  heldOn: string;
  place: string;
  chair: string;
  present: { name: string; role: 'chair' | 'member' }[];
  absent: { name: string; note: string | null }[];
  substitutes: { name: string; replacesName: string; applicationName: string; reason: string }[];
  panelRule: { minMembers: number; citation: string };
  tieRuleLabel: string;
  items: {
    name: string;
    applicationNo: string;
    ballots: { ballot: number; eligible: number; pass: number; fail: number; outcome: 'pass' | 'fail' | 'held' | null }[];
    outcome: 'pass' | 'fail' | 'held' | null;
    reasons: { text: string; citation: string }[];
    advice: string[];
    recusals: { name: string; reason: string }[];
    dissents: { name: string; choice: 'pass' | 'fail'; reason: string | null }[];
    override: { items: string[]; reason: string; supporters: string[] } | null;
    ties: string[];
    changes: string[];
  }[];
  summary: { total: number; pass: number; fail: number; held: number };
  responses: { name: string; role: string; response: 'confirm' | 'refuse'; reason: string | null }[];
  sealedAt: string;
  sealedBy: string;
  minutesHash: string;
  auditHead: { seq: number; hash: string };
}

const OUTCOME_ZH = { pass: '合格', fail: '不合格', held: '暂缓（待重新表决）' } as const;

function tallyText(b: { ballot: number; eligible: number; pass: number; fail: number; outcome: 'pass' | 'fail' | 'held' | null }, many: boolean): string {
  const head = many ? `第${b.ballot}轮` : '';
  const held = b.outcome === 'held' ? '，暂缓' : '';
  return `${head}合格${b.pass}票，不合格${b.fail}票${b.pass + b.fail < b.eligible ? `（应参加${b.eligible}人）` : ''}${held}`;
}

export function minutesValues(i: MinutesPrintInput): TemplateValues {
  if (i.items.length === 0) docError('会议纪要中没有评议的申请机构', 'minutes without items');
  const withOutcome = i.items.filter((x) => x.outcome === 'fail');
  const s = i.summary;
  const who = (r: MinutesPrintInput['responses'][number]) => (r.role ? `${r.name}（${r.role}）` : r.name);
  const confirmed = i.responses.filter((r) => r.response === 'confirm').map(who);
  const refused = i.responses.filter((r) => r.response === 'refuse');
  return {
    批次名称: i.roundName,
    会议次数: String(i.meetingNo),
    会议日期: chineseDate(i.heldOn),
    会议地点: i.place,
    主持人: i.chair,
    出席人员: i.present.map((p) => (p.role === 'chair' ? `${p.name}（组长）` : p.name)).join('、'),
    出席人数: String(i.present.length),
    缺席人员: i.absent.map((a) => (a.note ? `${a.name}（${a.note}）` : a.name)).join('、'),
    有缺席: i.absent.length > 0,
    候补成员: i.substitutes.map((x) => ({ 姓名: x.name, 被替代成员: x.replacesName, 机构名称: x.applicationName, 原因: x.reason.replace(/[。；]$/, '') })),
    有候补: i.substitutes.length > 0,
    人数规定: `${i.panelRule.citation}“审核小组人数不少于${i.panelRule.minMembers}人”`,
    票数相同规则: i.tieRuleLabel,
    评议总数: String(i.items.length),
    评议结果: i.items.map((x) => ({
      机构名称: x.name,
      申请编号: x.applicationNo,
      表决情况: x.ballots.length ? x.ballots.map((b) => tallyText(b, x.ballots.length > 1)).join('；') : '未表决',
      审核结论: x.outcome ? OUTCOME_ZH[x.outcome] : '未作出',
    })),
    结果汇总: `评议结果：合格${s.pass}个，不合格${s.fail}个${s.held ? `，暂缓${s.held}个（待重新表决）` : ''}。`,
    不合格说明: withOutcome.map((x) => ({
      机构名称: x.name,
      理由: numbered(x.reasons.map((r) => `${r.text.replace(/[。；]$/, '')}（依据：${r.citation}）`)),
      建议: x.advice.length ? numbered(x.advice) : '无',
    })),
    有不合格: withOutcome.length > 0,
    回避情况: i.items.flatMap((x) => x.recusals.map((r) => ({ 成员: r.name, 机构名称: x.name, 原因: r.reason.replace(/[。；]$/, '') }))),
    有回避: i.items.some((x) => x.recusals.length > 0),
    少数意见: i.items.flatMap((x) => x.dissents.map((d) => ({ 成员: d.name, 机构名称: x.name, 意见: OUTCOME_ZH[d.choice], 理由: sentence(d.reason ?? '未说明') }))),
    有少数意见: i.items.some((x) => x.dissents.length > 0),
    票数相同处理: i.items.flatMap((x) => x.ties.map((t) => ({ 机构名称: x.name, 说明: sentence(t) }))),
    有票数相同: i.items.some((x) => x.ties.length > 0),
    认定合格: i.items.flatMap((x) =>
      x.override ? [{ 机构名称: x.name, 事项: `有${x.override.items.join('、')}等基础性指标未符合或未核查`, 理由: x.override.reason.replace(/[。；]$/, ''), 支持成员: x.override.supporters.join('、') }] : [],
    ),
    有认定合格: i.items.some((x) => x.override !== null),
    变更情况: i.items.flatMap((x) => x.changes.map((c) => ({ 说明: sentence(`“${x.name}”：${c}`) }))),
    有变更: i.items.some((x) => x.changes.length > 0),
    确认人员: confirmed.join('、'),
    有确认: confirmed.length > 0,
    拒绝确认: refused.map((r) => ({ 成员: who(r), 理由: sentence(r.reason ?? '未说明') })),
    有拒绝: refused.length > 0,
    封存时间: chineseDateTime(i.sealedAt),
    封存人: i.sealedBy,
    纪要哈希: groupedHex(i.minutesHash),
    审计序号: String(i.auditHead.seq),
    审计哈希: groupedHex(i.auditHead.hash),
  };
}

// ---------------------------------------------------------------------------
// 审核结果备案表

export const FILING_FORM: Template = {
  id: 'filing-form',
  version: 1,
  name: '审核结果备案表',
  documentTitle: '长期护理保险定点护理服务机构审核结果备案表',
  fields: {
    备案机关: { kind: 'text', label: '备案的医疗保障行政部门' },
    批次名称: { kind: 'text', label: '审核批次名称' },
    批次编号: { kind: 'text', label: '批次编号' },
    统筹地区: { kind: 'text', label: '统筹地区' },
    政策名称: { kind: 'text', label: '本地区定点管理办法的名称（含书名号）' },
    备案依据: { kind: 'text', label: '备案规定所在条款' },
    申请总数: { kind: 'text', label: '本批次申请数' },
    结论数: { kind: 'text', label: '作出审核结论的申请数' },
    合格数: { kind: 'text', label: '合格数' },
    不合格数: { kind: 'text', label: '不合格数' },
    其他说明: { kind: 'text', label: '其余申请的情况' },
    评议情况: { kind: 'text', label: '集体评议会议（日期、纪要哈希）' },
    公示情况: { kind: 'text', label: '公示的情况' },
    审核结果: {
      kind: 'list',
      label: '每个申请的审核结果',
      item: { 机构名称: '机构名称', 申请编号: '申请编号', 统一社会信用代码: '统一社会信用代码', 审核结论: '审核结论', 表决: '表决情况', 日期: '评议日期和结果告知送达日期' },
    },
    不合格说明: { kind: 'list', label: '不合格的理由和整改建议', item: { 机构名称: '机构名称', 理由: '不合格理由（含依据）', 建议: '整改建议' } },
    有不合格: { kind: 'flag', label: '有不合格的申请' },
  },
  blocks: [
    { type: 'title', text: '长期护理保险定点护理服务机构\n审核结果备案表' },
    { type: 'paragraph', text: '{{备案机关}}：', indent: 0 },
    {
      type: 'paragraph',
      text: '根据{{政策名称}}{{备案依据}}“统筹地区医疗保障经办机构应当将审核结果报同级医疗保障行政部门备案”的规定，现将{{统筹地区}}{{批次名称}}（批次编号：{{批次编号}}）的审核结果报备如下。',
    },
    { type: 'paragraph', text: '本批次共收到申请{{申请总数}}个，经集体评议作出审核结论{{结论数}}个，其中合格{{合格数}}个、不合格{{不合格数}}个。{{其他说明}}' },
    { type: 'paragraph', text: '集体评议：{{评议情况}}。' },
    { type: 'paragraph', text: '公示：{{公示情况}}。' },
    { type: 'paragraph', text: '各申请的审核结果如下表（表决栏为合格票数:不合格票数；日期栏上为评议日期，下为结果告知送达日期）：' },
    {
      type: 'table',
      items: '审核结果',
      size: 10.5,
      columns: [
        { title: '序号', cell: '{{序号}}', width: 1.3, align: 'center' },
        { title: '申请机构', cell: '{{机构名称}}', width: 5.3 },
        { title: '统一社会信用代码', cell: '{{统一社会信用代码}}', width: 4.6, align: 'center' },
        { title: '审核结论', cell: '{{审核结论}}', width: 2.3, align: 'center' },
        { title: '表决', cell: '{{表决}}', width: 1.6, align: 'center' },
        { title: '日期', cell: '{{日期}}', width: 2.9, align: 'center' },
      ],
    },
    { type: 'paragraph', when: '有不合格', role: 'heading', text: '不合格的理由和整改建议' },
    { type: 'list', when: '有不合格', items: '不合格说明', text: '{{序号}}．{{机构名称}}。不合格理由：{{理由}}。整改建议：{{建议}}。' },
    { type: 'paragraph', text: '附件：集体评议会议纪要' },
    { type: 'signature' },
  ],
};

export interface FilingFormInput {
  authority: string;
  round: { name: string; code: string; region: string };
  policyTitle: string;
  citation: string;
  applications: number;
  rows: {
    name: string;
    applicationNo: string;
    uscc: string;
    outcome: 'pass' | 'fail' | null;
    /** 不予受理, 视作放弃申请, 尚未作出审核结论 … when there is no decision */
    statusLabel: string;
    tally: { pass: number; fail: number; eligible: number } | null;
    receivedOn: string;
    decidedOn: string | null;
    deliveredOn: string | null;
    reasons: { text: string; citation: string }[];
    advice: string[];
  }[];
  meetings: { seq: number; heldOn: string; minutesHash: string }[];
  notices: string;
}

export function filingFormValues(i: FilingFormInput): TemplateValues {
  const decided = i.rows.filter((r) => r.outcome !== null);
  if (decided.length === 0) docError('本批次尚无已封存的审核结论，不能生成审核结果备案表', 'filing form without decisions');
  const pass = decided.filter((r) => r.outcome === 'pass').length;
  const fail = decided.length - pass;
  const others = i.rows.filter((r) => r.outcome === null);
  const byStatus = new Map<string, number>();
  for (const r of others) byStatus.set(r.statusLabel, (byStatus.get(r.statusLabel) ?? 0) + 1);
  const failed = decided.filter((r) => r.outcome === 'fail');
  return {
    备案机关: i.authority,
    批次名称: i.round.name,
    批次编号: i.round.code,
    统筹地区: i.round.name.includes(i.round.region) ? '' : i.round.region,
    政策名称: i.policyTitle,
    备案依据: i.citation,
    申请总数: String(i.applications),
    结论数: String(decided.length),
    合格数: String(pass),
    不合格数: String(fail),
    其他说明: others.length ? `其余${others.length}个：${[...byStatus].map(([k, n]) => `${k}${n}个`).join('，')}。` : '',
    评议情况: i.meetings.map((m) => `第${m.seq}次集体评议会议于${chineseDate(m.heldOn)}召开，会议纪要已封存（哈希${m.minutesHash.slice(0, 16)}…）`).join('；'),
    公示情况: i.notices,
    审核结果: i.rows.map((r) => ({
      机构名称: r.name,
      申请编号: r.applicationNo,
      统一社会信用代码: r.uscc,
      审核结论: r.outcome === 'pass' ? '合格' : r.outcome === 'fail' ? '不合格' : r.statusLabel,
      表决: r.tally ? `${r.tally.pass}:${r.tally.fail}` : '—',
      日期: r.decidedOn ? `${r.decidedOn} ${r.deliveredOn ?? '未登记'}` : '—',
    })),
    不合格说明: failed.map((r) => ({
      机构名称: r.name,
      理由: numbered(r.reasons.map((x) => `${x.text.replace(/[。；]$/, '')}（依据：${x.citation}）`)),
      建议: r.advice.length ? numbered(r.advice) : '无',
    })),
    有不合格: failed.length > 0,
  };
}
