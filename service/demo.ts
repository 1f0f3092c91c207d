import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import type { Service } from './index';
import { usccCheckChar } from '../shared/validation/uscc';
import type { ApplicationInput } from '../shared/domain/application';
import type { ServiceType, InstitutionType } from '../shared/domain/enums';
import { startBatch, waitForBatch } from './documents/batch/jobs';

/**
 * A realistic demo round for training and for the headless "does it work"
 * check: institutions are fictitious, their credit codes are well-formed
 * (check characters computed per GB 32100-2015) but belong to no one.
 */

/** A syntactically valid USCC for a fictitious body: department/category, region, organisation code. */
export function demoUscc(prefix: string, region: string, org: string): string {
  const first17 = `${prefix}${region}${org}`;
  const check = usccCheckChar(first17);
  if (!check) throw new Error(`bad demo USCC body ${first17}`);
  return first17 + check;
}

interface DemoInstitution {
  name: string;
  type: InstitutionType;
  services: ServiceType[];
  beds?: number;
  staff: number;
  doctors: number;
  nurses: number;
  /** which materials (by position in the checklist) are missing at first check */
  missing?: number[];
  notAccept?: string;
}

const INSTITUTIONS: DemoInstitution[] = [
  { name: '乌鲁木齐市天山区康宁护理院', type: 'medical', services: ['institutional'], beds: 120, staff: 45, doctors: 4, nurses: 12 },
  { name: '乌鲁木齐市沙依巴克区夕阳红养老院', type: 'elderly_care', services: ['institutional'], beds: 80, staff: 30, doctors: 1, nurses: 3, missing: [3] },
  { name: '新疆颐和居家养老服务有限公司', type: 'other', services: ['home', 'community'], staff: 26, doctors: 0, nurses: 0 },
  { name: '乌鲁木齐市水磨沟区社区卫生服务中心', type: 'medical', services: ['home', 'community'], staff: 22, doctors: 3, nurses: 5 },
  { name: '乌鲁木齐市新市区福寿园养老中心', type: 'elderly_care', services: ['institutional', 'home'], beds: 150, staff: 45, doctors: 2, nurses: 6 },
  { name: '乌鲁木齐市米东区仁和护理站', type: 'medical', services: ['home'], staff: 12, doctors: 2, nurses: 4, missing: [0, 5] },
  { name: '新疆安康长期照护服务中心', type: 'other', services: ['community'], staff: 21, doctors: 0, nurses: 0 },
  { name: '乌鲁木齐市头屯河区康乐老年公寓', type: 'elderly_care', services: ['institutional'], beds: 40, staff: 10, doctors: 0, nurses: 1 },
  { name: '乌鲁木齐友好医院', type: 'medical', services: ['institutional'], beds: 60, staff: 24, doctors: 6, nurses: 15 },
  { name: '新疆天使居家护理服务有限公司', type: 'other', services: ['home'], staff: 35, doctors: 0, nurses: 0, missing: [6] },
  { name: '乌鲁木齐市达坂城区敬老院', type: 'elderly_care', services: ['institutional'], beds: 64, staff: 20, doctors: 1, nurses: 2, notAccept: 'terminated_agreement' },
  { name: '乌鲁木齐市高新区馨悦护理院', type: 'medical', services: ['institutional', 'community'], beds: 90, staff: 32, doctors: 3, nurses: 9 },
];

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱'];
const GIVEN = ['建国', '秀英', '志强', '丽娟', '海燕', '国华', '红梅', '永刚', '玉兰', '文军', '春花', '卫东'];

function person(i: number, k: number) {
  return {
    name: `${SURNAMES[(i * 3 + k) % SURNAMES.length]}${GIVEN[(i + k * 5) % GIVEN.length]}`,
    phone: k % 2 === 0 ? `139${String(9100_0000 + i * 97 + k * 13).padStart(8, '0')}` : `0991-${4_500_000 + i * 31 + k}`,
  };
}

export function demoApplication(i: number, inst: DemoInstitution, receivedOn: string): ApplicationInput {
  const org = `MA${String(7_700_000 + i * 1_111).padStart(7, '0')}`;
  const uscc = demoUscc(inst.type === 'medical' ? '12' : inst.type === 'elderly_care' ? '52' : '91', '650102', org);
  return {
    name: inst.name,
    address: `新疆维吾尔自治区乌鲁木齐市${['天山区', '沙依巴克区', '新市区', '水磨沟区'][i % 4]}${['人民路', '友好北路', '北京南路', '南湖路'][i % 4]}${100 + i * 7}号`,
    uscc,
    legalRep: person(i, 0),
    principal: person(i, 1),
    actualController: person(i, 2),
    contact: person(i, 3),
    institutionType: inst.type,
    profitClass: inst.type === 'other' ? 'for_profit' : 'non_profit',
    ownership: inst.type === 'other' ? '私营' : inst.type === 'medical' ? '国有' : '民办',
    ...(inst.type === 'elderly_care' ? { medicalArrangement: i % 2 ? 'hospital_agreement' : 'internal_medical_unit', elderlyCareLicenceNo: `新民养证字${650100 + i}号` } : {}),
    ...(inst.type === 'medical' ? { medicalLicenceNo: `PDY${String(40_000_000 + i * 17).padStart(8, '0')}65010217A1001` } : {}),
    legalCertKind: inst.type === 'medical' ? 'public_institution' : inst.type === 'elderly_care' ? 'private_non_enterprise' : 'business_licence',
    legalCertNo: uscc,
    serviceTypes: inst.services,
    ...(inst.beds !== undefined ? { careBeds: inst.beds } : {}),
    careStaff: inst.staff,
    doctors: inst.doctors,
    nurses: inst.nurses,
    receivedOn,
  };
}

export interface DemoReport {
  roundId: string;
  roundName: string;
  lines: string[];
}

export interface DemoOptions {
  /**
   * Where to write a self-signed demo certificate (demo-agency.p12, passphrase
   * “demo”) that the demo imports, so its letters are signed. Without it the
   * demo stops after the 集体评议 and writes no documents.
   */
  documentsDir?: string;
}

/** Facts the eligibility rules read, as an institution would declare them (the numbers come from the institution). */
function demoFacts(inst: DemoInstitution, today: string): Partial<ApplicationInput> {
  const y = Number(today.slice(0, 4));
  return {
    operatingSince: `${y - 2}-03-01`,
    premisesUntil: `${y + 5}-12-31`,
    managers: 3,
    hasFullTimeManager: true,
    serviceCapacity: Math.max(20, Math.round(inst.staff * 2.5)),
    hasInternalLtcUnit: true,
    longTermCarers: Math.max(1, Math.ceil(inst.staff * 0.1)),
    ...(inst.beds !== undefined ? { totalBeds: inst.type === 'elderly_care' && inst.beds >= 60 ? inst.beds + 20 : inst.beds, hasSeparateCareZone: true } : {}),
    ...(inst.type === 'medical' ? { hasInpatientQualification: inst.services.includes('institutional'), localMedicalInsuranceDesignated: true } : {}),
    ...(inst.type === 'other' ? { hasMedicalQualification: false } : {}),
    penaltyUnfulfilled: false,
    fraudFound: false,
    agreementTerminated: false,
    assessmentAgencyFounded: false,
    seriousDishonestyListed: false,
    managementBanned: false,
  };
}

/** Builds the demo round through the public contract, exactly as the UI would. */
export async function buildDemoRound(service: Service, today: string, opts: DemoOptions = {}): Promise<DemoReport> {
  const lines: string[] = [];
  const round = await service.call('rounds.create', {
    name: `${today.slice(0, 4)}年乌鲁木齐市长护服务机构定点申请（第一批）`,
    region: '乌鲁木齐市',
    code: `WLMQ-${today.slice(0, 4)}-1`,
    profileId: 'xinjiang-bingtuan',
    quota: { institutional: 4, home: 3, community: 2 },
    openedOn: today,
  });
  lines.push(`created round ${round.code} “${round.name}” (profile ${round.profileId} v${round.profileVersion})`);

  for (const [i, inst] of INSTITUTIONS.entries()) {
    const app = await service.call('applications.create', { roundId: round.id, data: { ...demoApplication(i, inst, today), ...demoFacts(inst, today) } });
    let check = await service.call('formalCheck.get', { applicationId: app.id });
    for (const [k, m] of check.materials.entries()) {
      const state = inst.missing?.includes(k) ? 'missing' : 'received';
      check = await service.call('formalCheck.markMaterial', { applicationId: app.id, materialId: m.materialId, state });
    }
    let outcome: string;
    if (inst.notAccept) {
      const reason = check.notAcceptedReasons[2]!;
      await service.call('formalCheck.notAccept', { applicationId: app.id, reasonId: reason.id, note: '经核实，该机构因严重违反协议约定被解除协议未满3年' });
      outcome = `不予受理 (${reason.citation})`;
    } else if (inst.missing?.length) {
      check = await service.call('formalCheck.issueNotice', { applicationId: app.id, issuedOn: today });
      const d = check.notice!.deadline;
      outcome = `补正通知 ${check.notice!.missingItems.length} 项，期限 ${d.date}${d.provisional ? '（待定）' : ''}`;
    } else if (i % 3 !== 2) {
      await service.call('formalCheck.pass', { applicationId: app.id });
      outcome = '形式审查通过';
    } else {
      outcome = '材料齐全，待通过形式审查';
    }
    lines.push(`${app.applicationNo}  ${inst.name}  → ${outcome}`);
  }
  if (opts.documentsDir) await deliberateAndIssue(service, round.id, today, opts.documentsDir, lines);
  return { roundId: round.id, roundName: round.name, lines };
}

// ---------------------------------------------------------------------------
// 集体评议 and the documents that follow (issue 7)

const PANEL = [
  { name: '张国华', fields: ['ltc_management', 'medical_security'], employer: '乌鲁木齐市医疗保障事务服务中心' },
  { name: '李秀英', fields: ['elderly_services'], employer: '新疆维吾尔自治区民政厅养老服务处' },
  { name: '王志强', fields: ['medicine_health'], employer: '新疆医科大学第一附属医院' },
  { name: '赵丽娟', fields: ['finance'], employer: '天山会计师事务所' },
  { name: '陈海燕', fields: ['information_technology'], employer: '新疆信息技术研究院' },
] as const;
const pinOf = (i: number) => `2468${i}0`;

/**
 * The rest of a review, through the contract as the UI does it: a panel of
 * five, the standard rubric, every member's scores, a 集体评议 meeting with
 * votes and decisions (不合格 where the eligibility rules say so, with the
 * failed rules and 整改建议), the minutes confirmed and sealed; then the
 * documents: a self-signed demo certificate, the 公示 from today, and one
 * batch job for the result letters, the minutes and the 备案表.
 */
async function deliberateAndIssue(service: Service, roundId: string, today: string, dir: string, lines: string[]): Promise<void> {
  const call = service.call.bind(service);
  let panel = null;
  const members: { id: string; name: string; pin: string; session: string }[] = [];
  for (const [i, p] of PANEL.entries()) {
    const person = await call('persons.save', { name: p.name, fields: [...p.fields], employer: p.employer, contact: `1399910000${i}` });
    await call('persons.setPin', { personId: person.id, pin: pinOf(i) });
    panel = await call('panel.addMember', { roundId, personId: person.id, role: i === 0 ? 'chair' : 'member' });
  }
  for (const m of panel!.members) members.push({ id: m.id, name: m.name, pin: pinOf(PANEL.findIndex((p) => p.name === m.name)), session: '' });
  const apps = (await call('applications.list', { roundId })).filter((a) => a.status === 'accepted');
  // the reviewers' checklist: every item checked on paper and on site
  for (const a of apps) {
    const e = await call('eligibility.get', { applicationId: a.id });
    for (const item of e.checklist.items) {
      if (item.source === 'reviewer' && item.state === 'met') continue;
      if (item.state === 'met') continue;
      await call('checklist.mark', { applicationId: a.id, itemId: item.itemId, state: 'met', note: '书面查验、现场核查符合' }).catch(() => undefined);
    }
  }
  // the app flags likely conflicts (same names); the clerk checks each and clears it with the reason
  for (const c of (await call('panel.conflicts', { roundId })).cells.filter((x) => x.standing === 'flag_pending')) {
    await call('panel.setConflict', { roundId, memberId: c.memberId, applicationId: c.applicationId, decision: 'cleared', note: '经核实系同名，与该机构无利害关系' });
  }
  const template = (await call('rubric.templates', { roundId }))[0]!;
  await call('rubric.saveDraft', { roundId, definition: template.definition });
  await call('rubric.freeze', { roundId });
  const criteria = template.definition.groups.flatMap((g) => g.criteria);
  for (const [mi, m] of members.entries()) {
    m.session = (await call('scoring.signIn', { roundId, memberId: m.id, pin: m.pin })).session;
    for (const [ai, a] of apps.entries()) {
      const share = 0.62 + ((ai * 7 + mi * 3) % 10) / 40; // 62 % … 84 % of each criterion's points
      const entries = criteria.map((c) => ({ criterionId: c.id, points: Math.round(c.maxPoints * share * 2) / 2 }));
      await call('scoring.save', { roundId, actingMemberId: m.id, session: m.session, applicationId: a.id, entries });
    }
    await call('scoring.submit', { roundId, actingMemberId: m.id, session: m.session, pin: m.pin });
  }
  for (const b of (await call('scoring.progress', { roundId })).blockers) {
    const m = members.find((x) => x.id === b.memberId);
    if (b.code === 'explanation_missing' && m && b.applicationId) {
      await call('scoring.explain', { roundId, actingMemberId: m.id, session: m.session, applicationId: b.applicationId, note: '现场核查情况与其他成员了解的不同，已在评议时说明' });
    }
  }
  const chair = members[0]!;
  const agenda = await call('deliberation.open', {
    roundId,
    actingMemberId: chair.id,
    session: chair.session,
    heldOn: today,
    place: '乌鲁木齐市医疗保障事务服务中心三楼会议室',
    presentMemberIds: members.map((m) => m.id),
    absences: [],
  });
  const meetingId = agenda.meeting.meetingId;
  for (const item of agenda.items) {
    const v = await call('deliberation.applicant', { meetingId, applicationId: item.applicationId });
    const fails = v.overrideNeeded.length > 0;
    const reason = fails ? `${v.overrideNeeded.map((x) => x.title).join('、')}不符合基础性指标要求` : undefined;
    for (const m of members) {
      await call('deliberation.vote', { meetingId, actingMemberId: m.id, session: m.session, applicationId: item.applicationId, choice: fails ? 'fail' : 'pass', ...(reason ? { reason } : {}) });
    }
    const advice = fails
      ? v.reasonOptions.map((r) => {
          const preset = v.advicePresets.find((p) => p.code === r.code)?.presets[0];
          return { code: r.code, ...(preset ? { presetId: preset.id } : {}), text: preset?.text || `按“${r.title}”的要求整改，并提供证明材料` };
        })
      : [];
    await call('deliberation.decide', { meetingId, actingMemberId: chair.id, session: chair.session, applicationId: item.applicationId, outcome: fails ? 'fail' : 'pass', advice });
    lines.push(`集体评议  ${v.applicant.applicationNo}  ${v.applicant.name}  → ${fails ? `不合格（${v.overrideNeeded.map((x) => x.title).join('、')}）` : '合格'}`);
  }
  let minutes = await call('deliberation.minutes', { meetingId });
  for (const m of members) {
    minutes = await call('deliberation.respondMinutes', { meetingId, actingMemberId: m.id, session: m.session, pin: m.pin, response: 'confirm', minutesHash: minutes.minutesHash });
  }
  const sealed = await call('deliberation.seal', { meetingId, actingMemberId: chair.id, session: chair.session, pin: chair.pin, minutesHash: minutes.minutesHash });
  lines.push(`会议纪要已封存  ${sealed.sealed!.minutesHash.slice(0, 16)}…  审计日志头 #${sealed.sealed!.auditHead.seq}`);

  // documents: settings, a demo certificate, the 公示, then everything in one batch job
  await call('documents.settings.set', { agencyName: '乌鲁木齐市医疗保障事务服务中心', issuingBody: '乌鲁木齐市医疗保障事务服务中心', docNumberPrefix: '乌医保经', fonts: {} });
  await call('documents.resultSettings.set', { objectionAddress: '乌鲁木齐市天山区人民路1号医保服务大厅3楼', objectionPhone: '0991-4567890', filingAuthority: '乌鲁木齐市医疗保障局' });
  const p12 = path.join(dir, 'demo-agency.p12');
  mkdirSync(dir, { recursive: true });
  writeFileSync(p12, demoCertificate(new Date(`${today}T00:00:00Z`)));
  const cert = await call('documents.certificate.import', { path: p12, passphrase: 'demo' });
  lines.push(`演示证书  ${p12}（口令 demo，自签名，仅供演示：${cert.subject}）`);
  const candidates = (await call('publicNotice.list', { roundId })).candidates;
  const kinds: ('resultLetters' | 'minutes' | 'filingForm' | 'publicNotice')[] = ['resultLetters', 'minutes', 'filingForm'];
  if (candidates.length > 0) {
    const notice = await call('publicNotice.create', { roundId, startOn: today });
    const p = notice.period;
    lines.push(`公示  ${p.startOn} 起 ${p.workingDays} 个工作日，至 ${p.end.date}${p.end.provisional ? '（待定）' : ''}：${notice.entries.map((e) => e.name).join('、')}`);
    kinds.push('publicNotice');
  }
  const job = await startBatch(service.ctx, { roundId, kinds });
  const done = await waitForBatch(service.ctx, job.jobId);
  if (done.state !== 'done') throw new Error(`demo batch ${done.state}: ${done.message ?? ''} ${done.errors.map((e) => e.message).join('; ')}`);
  lines.push(`文书  ${done.documents.length} 份（${done.signed ? '已签名' : '草稿'}），${(done.elapsedMs / 1000).toFixed(1)} 秒：${done.folder}`);
  lines.push(`打印合订本  ${done.combined!.pages} 页：${done.combined!.path}`);
}

/** A self-signed RSA certificate for the demo agency, in a .p12 with the passphrase “demo”. Not for real documents. */
export function demoCertificate(notBefore: Date): Buffer {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(notBefore.getTime() - 86_400_000);
  cert.validity.notAfter = new Date(notBefore.getTime() + 2 * 365 * 86_400_000);
  const utf8 = forge.asn1.Type.UTF8 as unknown as forge.pki.CertificateField['valueTagClass'];
  const attrs: forge.pki.CertificateField[] = [
    { name: 'commonName', value: '乌鲁木齐市医疗保障事务服务中心（演示证书）', valueTagClass: utf8 },
    { name: 'organizationName', value: '演示用自签名证书，非正式文书', valueTagClass: utf8 },
    { name: 'countryName', value: 'CN' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(key, forge.md.sha256.create());
  return Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, [cert], 'demo', { algorithm: '3des' })).getBytes(), 'binary');
}
