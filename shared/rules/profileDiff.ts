/**
 * What changed between two versions of a region profile, for the version list
 * and the audit log: one entry per changed leaf value, labelled in Chinese
 * where the path is a known threshold or section.
 */
import { THRESHOLD_META, type RegionProfile, type ThresholdKey } from '../profiles/schema';

export interface ProfileChange {
  /** dotted path, e.g. 'thresholds.homeCommunityMinCareStaff.value' */
  path: string;
  label: string;
  before: string;
  after: string;
}

const SECTION_LABEL: Record<string, string> = {
  name: '配置名称',
  shortName: '简称',
  sourceFile: '来源文件',
  sourceTitle: '文件标题',
  inForce: '施行状态',
  supplement: '补正规定',
  reviewTimeLimit: '审核时限',
  publicNotice: '公示期',
  panel: '审核小组',
  rectification: '整改规定',
  agreement: '协议期限',
  materials: '申请材料',
  notAcceptedReasons: '不予受理情形',
  reviewContents: '审核内容',
  appeal: '救济途径',
};

function flatten(v: unknown, path: string, out: Map<string, string>) {
  if (Array.isArray(v)) {
    if (v.length === 0) out.set(path, '[]');
    v.forEach((x, i) => flatten(x, `${path}[${i}]`, out));
  } else if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) if (x !== undefined) flatten(x, path ? `${path}.${k}` : k, out);
  } else {
    out.set(path, v === null ? '（未规定）' : String(v));
  }
}

function labelOf(path: string): string {
  const t = /^thresholds\.(\w+)(?:\.(.+))?$/.exec(path);
  if (t && t[1]! in THRESHOLD_META) {
    const meta = THRESHOLD_META[t[1] as ThresholdKey];
    const part = t[2] === undefined || t[2] === 'value' ? '' : `（${t[2]}）`;
    return `${meta.label}${part}`;
  }
  const top = path.split(/[.[]/)[0]!;
  const rest = path.slice(top.length).replace(/^\./, '');
  return SECTION_LABEL[top] ? `${SECTION_LABEL[top]}${rest ? ` ${rest}` : ''}` : path;
}

/** Changed leaves from `before` to `after`, the version number excluded. */
export function diffProfiles(before: RegionProfile, after: RegionProfile): ProfileChange[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten({ ...before, version: 0 }, '', a);
  flatten({ ...after, version: 0 }, '', b);
  const paths = [...new Set([...a.keys(), ...b.keys()])];
  return paths
    .filter((p) => a.get(p) !== b.get(p))
    .map((p) => ({ path: p, label: labelOf(p), before: a.get(p) ?? '（无）', after: b.get(p) ?? '（无）' }));
}
