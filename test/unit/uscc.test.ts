import { describe, it, expect } from 'vitest';
import { usccCheckChar, validateUscc } from '../../shared/validation/uscc';

/**
 * Real, publicly published codes. Each was checked against the GB 32100-2015
 * algorithm before being added here; a wrongly remembered code passes only by
 * a 1-in-31 coincidence.
 */
const PUBLISHED: ReadonlyArray<[code: string, holder: string]> = [
  // Sample code widely quoted in explanations of GB 32100-2015 (福州, 工商登记企业).
  ['91350100M000100Y43', 'GB 32100-2015 说明材料中的示例代码'],
  // Business licence shown on 国家企业信用信息公示系统 (gsxt.gov.cn) and Tencent's ICP filings.
  ['91440300708461136T', '深圳市腾讯计算机系统有限公司'],
  // gsxt.gov.cn; 主体标识码 192203821 is Huawei's pre-2015 organisation code.
  ['914403001922038216', '华为技术有限公司'],
  // gsxt.gov.cn; also the taxpayer number printed on Xiaomi's invoices.
  ['91110108551385082Q', '小米科技有限责任公司'],
  // gsxt.gov.cn; 主体标识码 802100433 is Baidu Netcom's organisation code.
  ['91110000802100433B', '北京百度网讯科技有限公司'],
  // gsxt.gov.cn and the serialNumber field of the bank's EV TLS certificate; has an X inside the 主体标识码.
  ['9144030010001686XA', '招商银行股份有限公司'],
  // 事业单位 (registered by 机构编制, prefix 12); published as the university's invoice title 纳税人识别号.
  ['12100000400000624D', '清华大学'],
];

describe('usccCheckChar', () => {
  it.each(PUBLISHED)('computes the published check character of %s (%s)', (code) => {
    expect(usccCheckChar(code.slice(0, 17))).toBe(code.charAt(17));
  });

  it('maps a remainder of 0 to check character 0, not 31', () => {
    expect(usccCheckChar('0'.repeat(17))).toBe('0');
  });

  it('returns null for wrong length or illegal characters', () => {
    expect(usccCheckChar('9144030070846113')).toBeNull();
    expect(usccCheckChar('91440300708461136T')).toBeNull();
    expect(usccCheckChar('9144030070846113I')).toBeNull();
    expect(usccCheckChar('9144030070846113a')).toBeNull();
  });
});

describe('validateUscc', () => {
  it.each(PUBLISHED)('accepts %s (%s)', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true, value: code });
  });

  it('accepts lowercase and surrounding whitespace and normalises them', () => {
    expect(validateUscc('  91440300708461136t\n')).toEqual({ ok: true, value: '91440300708461136T' });
    expect(validateUscc('9144030010001686xa')).toEqual({ ok: true, value: '9144030010001686XA' });
  });

  it('accepts full-width characters typed with a Chinese IME', () => {
    expect(validateUscc('９１４４０３００７０８４６１１３６ｔ')).toEqual({
      ok: true,
      value: '91440300708461136T',
    });
  });

  it('asks for the code when empty or blank', () => {
    expect(validateUscc('')).toEqual({ ok: false, message: '请填写统一社会信用代码' });
    expect(validateUscc('   ')).toEqual({ ok: false, message: '请填写统一社会信用代码' });
  });

  it('reports the actual length when it is not 18', () => {
    expect(validateUscc('9144030070846113')).toEqual({
      ok: false,
      message: '统一社会信用代码应为18位，当前为16位',
    });
    expect(validateUscc('91440300708461136TT')).toEqual({
      ok: false,
      message: '统一社会信用代码应为18位，当前为19位',
    });
    // The old 15-digit 工商注册号 is a common mix-up.
    expect(validateUscc('440301103448669')).toEqual({
      ok: false,
      message: '统一社会信用代码应为18位，当前为15位',
    });
  });

  it('names the excluded letter and its position', () => {
    expect(validateUscc('9144I300708461136T')).toEqual({
      ok: false,
      message: '第5位字符“I”不是统一社会信用代码允许的字符（不使用I、O、Z、S、V）',
    });
    // Lowercase o is uppercased first, so it is reported as O.
    expect(validateUscc('91440300708461136o')).toEqual({
      ok: false,
      message: '第18位字符“O”不是统一社会信用代码允许的字符（不使用I、O、Z、S、V）',
    });
  });

  it('names non-alphanumeric characters and their position', () => {
    const result = validateUscc('914403-0708461136T');
    expect(result).toEqual({
      ok: false,
      message: '第7位字符“-”不是统一社会信用代码允许的字符（只能使用数字和大写英文字母，且不使用I、O、Z、S、V）',
    });
  });

  it('rejects an unknown registration department code', () => {
    const first17 = 'B1440300708461136';
    const code = first17 + (usccCheckChar(first17) ?? '');
    const result = validateUscc(code);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('第1位登记管理部门代码“B”无效');
    }
  });

  it('accepts every registration department code in the standard', () => {
    for (const dept of '123456789ANY') {
      const first17 = `${dept}1440300708461136`;
      const code = first17 + (usccCheckChar(first17) ?? '');
      expect(validateUscc(code).ok, dept).toBe(true);
    }
  });

  it('rejects a region code that is not six digits', () => {
    const first17 = '9144A300708461136';
    const code = first17 + (usccCheckChar(first17) ?? '');
    expect(validateUscc(code)).toEqual({
      ok: false,
      message: '第3–8位行政区划码应为6位数字，当前为“44A300”',
    });
  });

  it('states the expected and actual check characters', () => {
    expect(validateUscc('914403001922038217')).toEqual({
      ok: false,
      message: '校验位应为“6”，实际为“7”，请核对是否录入有误',
    });
  });

  it('detects a one-character typo in the body', () => {
    // 腾讯: 7084611 mistyped as 7084511.
    const result = validateUscc('91440300708451136T');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/^校验位应为“.”，实际为“T”/);
  });

  it('detects every single-character substitution and adjacent swap in a real code', () => {
    // 31 is prime and no weight is 0 mod 31, so any single substitution must change the check character.
    const code = '91440300708461136T';
    const codeChars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let i = 0; i < 18; i++) {
      for (const c of codeChars) {
        if (c === code[i]) continue;
        const typo = code.slice(0, i) + c + code.slice(i + 1);
        expect(validateUscc(typo).ok, typo).toBe(false);
      }
    }
    // Swaps within the 17 weighted characters; the weights are pairwise distinct mod 31.
    for (let i = 0; i < 16; i++) {
      if (code[i] === code[i + 1]) continue;
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      expect(validateUscc(swapped).ok, swapped).toBe(false);
    }
  });
});
