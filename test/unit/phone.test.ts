import { describe, it, expect } from 'vitest';
import { validatePhone } from '../../shared/validation/phone';

const FORMAT_MESSAGE = '联系电话格式不正确：手机号应为11位，以1开头；固定电话应含区号，如 0991-1234567';

describe('validatePhone: mobile', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['19912345678', '19912345678'],
    ['138 1234 5678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+86-13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['0086 13812345678', '13812345678'],
    ['(+86) 13812345678', '13812345678'],
    ['  15099887766  ', '15099887766'],
    ['１３８１２３４５６７８', '13812345678'],
  ])('accepts %j as %s', (input, value) => {
    expect(validatePhone(input)).toEqual({ ok: true, value, kind: 'mobile' });
  });

  it.each([
    '1381234567', // 10 digits
    '138123456789', // 12 digits
    '12812345678', // second digit must be 3-9
    '11012345678',
    '23812345678',
    '+85 13812345678',
    '013812345678',
  ])('rejects %j with the format message', (input) => {
    expect(validatePhone(input)).toEqual({ ok: false, message: FORMAT_MESSAGE });
  });
});

describe('validatePhone: landline', () => {
  it.each([
    ['0991-1234567', '0991-1234567'],
    ['0991 1234567', '0991-1234567'],
    ['09911234567', '0991-1234567'],
    ['0991-12345678', '0991-12345678'],
    ['010-65235678', '010-65235678'],
    ['01065235678', '010-65235678'],
    ['010 6523 5678', '010-65235678'],
    ['021-6523-5678', '021-65235678'],
    ['029 88886666', '029-88886666'],
    ['(0991)1234567', '0991-1234567'],
    ['（0991）1234567', '0991-1234567'],
    ['０９９１－１２３４５６７', '0991-1234567'],
    ['0991—1234567', '0991-1234567'],
    ['+86 991 1234567', '0991-1234567'],
    ['+86-10-65235678', '010-65235678'],
  ])('accepts %j as %s', (input, value) => {
    expect(validatePhone(input)).toEqual({ ok: true, value, kind: 'landline' });
  });

  it.each([
    ['0991-1234567-123', '0991-1234567-123'],
    ['0991-1234567转123', '0991-1234567-123'],
    ['0991-1234567 转 8001', '0991-1234567-8001'],
    ['010-65235678分机12', '010-65235678-12'],
    ['09911234567-8', '0991-1234567-8'],
    ['010 6523 5678 321', '010-65235678-321'],
  ])('keeps the extension in %j as %s', (input, value) => {
    expect(validatePhone(input)).toEqual({ ok: true, value, kind: 'landline' });
  });

  it.each([
    '0991-123456', // local number too short
    '0991-123456789', // local number too long
    '0991-0234567', // local numbers never start with 0
    '0991-1234567-1234567', // extension too long
    '0991-1234567-12-34', // two leftover blocks
    '0991-1234567转12-34',
    '0991-1234567转',
    '0012-1234567', // not an area code
    '0991-12a4567',
  ])('rejects %j with the format message', (input) => {
    expect(validatePhone(input)).toEqual({ ok: false, message: FORMAT_MESSAGE });
  });

  it('asks for the area code when a bare local number is given', () => {
    const result = validatePhone('6234567');
    expect(result).toEqual({
      ok: false,
      message: '固定电话缺少区号，请按“区号-号码”填写，如 0991-1234567',
    });
    expect(validatePhone('6523 5678').ok).toBe(false);
  });
});

describe('validatePhone: other input', () => {
  it('asks for a number when empty', () => {
    expect(validatePhone('')).toEqual({ ok: false, message: '请填写联系电话' });
    expect(validatePhone(' \u3000 ')).toEqual({ ok: false, message: '请填写联系电话' });
  });

  it('rejects 400/800 service hotlines because the form needs a contact person', () => {
    const expected = {
      ok: false,
      message: '联系电话不能填写400/800服务热线，请填写手机号或含区号的固定电话',
    };
    expect(validatePhone('400-810-5688')).toEqual(expected);
    expect(validatePhone('4008105688')).toEqual(expected);
    expect(validatePhone('800 820 8820')).toEqual(expected);
  });

  it('rejects text and emergency or service short numbers', () => {
    expect(validatePhone('无')).toEqual({ ok: false, message: FORMAT_MESSAGE });
    expect(validatePhone('12345')).toEqual({ ok: false, message: FORMAT_MESSAGE });
    expect(validatePhone('110')).toEqual({ ok: false, message: FORMAT_MESSAGE });
  });
});
