/**
 * 联系电话 on designation forms: a mainland mobile number or a landline with area code.
 *
 * 400/800 service hotlines are rejected on purpose: the agency has to reach a named
 * contact person at the institution, and the form asks for 手机或固定电话 only.
 */

export type PhoneKind = 'mobile' | 'landline';

export type PhoneResult =
  | { ok: true; value: string; kind: PhoneKind }
  | { ok: false; message: string };

const MSG_EMPTY = '请填写联系电话';
const MSG_FORMAT = '联系电话格式不正确：手机号应为11位，以1开头；固定电话应含区号，如 0991-1234567';
const MSG_HOTLINE = '联系电话不能填写400/800服务热线，请填写手机号或含区号的固定电话';
const MSG_NO_AREA_CODE = '固定电话缺少区号，请按“区号-号码”填写，如 0991-1234567';

/**
 * Chinese IMEs produce full-width digits, brackets and hyphens, and word processors
 * turn hyphens into dashes; clerks cannot see the difference, so fold them first.
 */
function normaliseChars(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .trim();
}

/**
 * 010 and 020–029 are the 3-digit area codes (including the leading 0); every other
 * code is 4 digits, so the length follows from the first two digits.
 */
function areaCodeLength(digits: string): 3 | 4 | null {
  if (/^0(?:10|2\d)/.test(digits)) return 3;
  if (/^0[3-9]\d{2}/.test(digits)) return 4;
  return null;
}

function isAreaCode(group: string): boolean {
  const len = areaCodeLength(group);
  return len !== null && group.length === len;
}

function parseMobile(s: string): string | null {
  const compact = s.replace(/[\s\-()]/g, '');
  const m = /^(?:\+86|0086|86)?(1[3-9]\d{9})$/.exec(compact);
  return m?.[1] ?? null;
}

function parseLandline(s: string): string | null {
  let rest = s;

  // "+86 991 1234567": the international form drops the trunk 0 of the area code.
  const intl = /^(?:\+86|0086)[\s-]*(.*)$/.exec(rest);
  if (intl) {
    const tail = intl[1] ?? '';
    rest = tail.startsWith('0') ? tail : `0${tail}`;
  }

  // "(0991)1234567" is a common way of writing the area code.
  rest = rest.replace(/^\(\s*(0\d{2,3})\s*\)\s*/, '$1-');

  let extension: string | null = null;
  const ext = /\s*(?:转|分机|ext\.?)\s*(\d{1,6})$/i.exec(rest);
  if (ext) {
    extension = ext[1] ?? null;
    rest = rest.slice(0, ext.index);
  }

  if (!/^[\d\s-]+$/.test(rest)) return null;
  const groups = rest.split(/[\s-]+/).filter((g) => g !== '');
  const first = groups[0];
  if (first === undefined) return null;

  let areaCode: string;
  let localGroups: string[];
  if (isAreaCode(first)) {
    areaCode = first;
    localGroups = groups.slice(1);
  } else {
    const len = areaCodeLength(first);
    if (len === null) return null;
    areaCode = first.slice(0, len);
    localGroups = [first.slice(len), ...groups.slice(1)];
  }

  // Local numbers are often written in blocks ("6523 5678"); join blocks until the
  // number is complete, and treat a single block left over as the extension.
  let local = '';
  let i = 0;
  while (i < localGroups.length && local.length < 7) {
    local += localGroups[i] ?? '';
    i++;
  }
  // A leading 0 here means the area code was typed twice. Real subscriber numbers also
  // never start with 1, but placeholder numbers like 1234567 (the example in our own
  // message) do, and rejecting them would contradict the hint shown to clerks.
  if (!/^[1-9]\d{6,7}$/.test(local)) return null;

  const leftover = localGroups.slice(i);
  if (leftover.length > 1) return null;
  if (leftover.length === 1) {
    if (extension !== null) return null;
    const only = leftover[0] ?? '';
    if (!/^\d{1,6}$/.test(only)) return null;
    extension = only;
  }

  return extension === null ? `${areaCode}-${local}` : `${areaCode}-${local}-${extension}`;
}

export function validatePhone(input: string): PhoneResult {
  const s = normaliseChars(input ?? '');
  if (s === '') return { ok: false, message: MSG_EMPTY };

  const mobile = parseMobile(s);
  if (mobile !== null) return { ok: true, value: mobile, kind: 'mobile' };

  const landline = parseLandline(s);
  if (landline !== null) return { ok: true, value: landline, kind: 'landline' };

  const compact = s.replace(/[\s\-()]/g, '');
  if (/^[48]00\d{7}$/.test(compact)) return { ok: false, message: MSG_HOTLINE };
  if (/^[2-9]\d{6,7}$/.test(compact)) return { ok: false, message: MSG_NO_AREA_CODE };
  return { ok: false, message: MSG_FORMAT };
}
