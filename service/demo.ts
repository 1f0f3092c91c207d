import type { Service } from './index';
import { usccCheckChar } from '../shared/validation/uscc';
import type { ApplicationInput } from '../shared/domain/application';
import type { ServiceType, InstitutionType } from '../shared/domain/enums';

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

/** Builds the demo round through the public contract, exactly as the UI would. */
export async function buildDemoRound(service: Service, today: string): Promise<DemoReport> {
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
    const app = await service.call('applications.create', { roundId: round.id, data: demoApplication(i, inst, today) });
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
  return { roundId: round.id, roundName: round.name, lines };
}
