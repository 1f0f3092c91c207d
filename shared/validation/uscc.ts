/**
 * 统一社会信用代码 (Unified Social Credit Code) per GB 32100-2015.
 *
 * Layout: 1 登记管理部门代码, 2 机构类别代码, 3-8 登记管理机关行政区划码,
 * 9-17 主体标识码（组织机构代码）, 18 校验码.
 */

/**
 * The 31 code characters in value order (0..30). I, O, Z, S, V are left out by the
 * standard because they are easily confused with 1, 0, 2, 5, U when handwritten.
 */
const CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/**
 * Registration department codes: the 2015 table (1 机构编制, 5 民政, 9 工商, Y 其他)
 * plus those added by its amendment (2 外交, 3 司法行政, 4 文化, 6 旅游, 7 宗教,
 * 8 工会, A 中央军委改革和编制办公室, N 农业).
 */
const REGISTRATION_DEPARTMENTS = '123456789ANY';

/**
 * Position 2 (机构类别) is deliberately not checked: its valid values depend on
 * position 1 and have been extended by amendments, so a strict table would reject
 * genuine codes, while the check character already catches typing errors there.
 */

export type UsccResult = { ok: true; value: string } | { ok: false; message: string };

/** Returns the check character for the first 17 characters, or null if they are not 17 valid code characters. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CODE_CHARS.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  return CODE_CHARS.charAt((31 - (sum % 31)) % 31);
}

/**
 * Chinese IMEs often produce full-width letters and digits (e.g. "９１３５"), which
 * look identical to clerks, so they are folded to ASCII rather than rejected.
 */
function toHalfWidth(s: string): string {
  return s.replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (ch) =>
    String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

export function validateUscc(input: string): UsccResult {
  const value = toHalfWidth(input ?? '').trim().toUpperCase();
  if (value === '') return { ok: false, message: '请填写统一社会信用代码' };

  // Count code points so that a stray emoji or CJK character is reported as one position.
  const chars = Array.from(value);
  if (chars.length !== 18) {
    return { ok: false, message: `统一社会信用代码应为18位，当前为${chars.length}位` };
  }

  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i] ?? '';
    if (CODE_CHARS.includes(ch)) continue;
    const hint = /^[IOZSV]$/.test(ch)
      ? '（不使用I、O、Z、S、V）'
      : '（只能使用数字和大写英文字母，且不使用I、O、Z、S、V）';
    return {
      ok: false,
      message: `第${i + 1}位字符“${ch}”不是统一社会信用代码允许的字符${hint}`,
    };
  }

  const department = value.charAt(0);
  if (!REGISTRATION_DEPARTMENTS.includes(department)) {
    return {
      ok: false,
      message: `第1位登记管理部门代码“${department}”无效，应为1–9、A、N或Y（如企业为9，民政登记的社会组织为5，事业单位为1）`,
    };
  }

  const region = value.slice(2, 8);
  if (!/^\d{6}$/.test(region)) {
    return {
      ok: false,
      message: `第3–8位行政区划码应为6位数字，当前为“${region}”`,
    };
  }

  const expected = usccCheckChar(value.slice(0, 17));
  const actual = value.charAt(17);
  if (expected !== actual) {
    return {
      ok: false,
      message: `校验位应为“${expected ?? '?'}”，实际为“${actual}”，请核对是否录入有误`,
    };
  }

  return { ok: true, value };
}
