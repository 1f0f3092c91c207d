import { describe, expect, it } from 'vitest';
import { WorkingDayCalendar } from '../../shared/calendar/workingDays';
import { xinjiangProfile } from '../../shared/profiles/xinjiang';
import { jilinProfile } from '../../shared/profiles/jilin';
import { SERVICE_TYPE_LABEL } from '../../shared/domain/enums';
import { loadFontSet } from '../../service/documents/fonts';
import { generatePdf } from '../../service/documents/generate';
import { loadP12 } from '../../service/documents/signing';
import {
  BUILTIN_TEMPLATES,
  PUBLIC_NOTICE,
  RESULT_QUALIFIED,
  RESULT_UNQUALIFIED,
  SUPPLEMENT_NOTICE,
  documentFromTemplate,
  letterCitation,
  policyTitle,
  publicNoticePeriod,
  publicNoticeValues,
  resultLetterInput,
  resultLetterValues,
  supplementNoticeValues,
  validateTemplate,
  type PublicNoticeInput,
  type Template,
} from '../../service/documents/templates';
import { flatRawText, flatText, makeP12, pageCount, pdffonts, pdfsig, pdftotext, qpdfCheck, savePngs, write } from './support';

const NOW = new Date();
const fonts = loadFontSet({});
const cal = new WorkingDayCalendar();
const ctx = { issuer: '乌鲁木齐市医疗保障事务服务中心', date: '2025-10-13', docNumber: '乌医保经〔2025〕12号', redHeader: { agencyName: '乌鲁木齐市医疗保障事务服务中心' } };

describe('templates', () => {
  it('the built-in templates are valid', () => {
    for (const t of BUILTIN_TEMPLATES) expect(() => validateTemplate(t)).not.toThrow();
  });

  it('refuses an unknown placeholder, naming it', () => {
    const t: Template = { ...RESULT_QUALIFIED, blocks: [...RESULT_QUALIFIED.blocks, { type: 'paragraph', text: '联系人：{{联系人}}，地址：{{机构地址}}。' }] };
    expect(() => validateTemplate(t)).toThrow('模板“审核结果告知书（合格）”中有未知的占位符：{{联系人}}、{{机构地址}}');
    const broken: Template = { ...RESULT_QUALIFIED, blocks: [{ type: 'paragraph', text: '{{机构名称：' }] };
    expect(() => validateTemplate(broken)).toThrow(/不完整的占位符/);
    const itemOutside: Template = { ...RESULT_UNQUALIFIED, blocks: [{ type: 'paragraph', text: '{{原因}}' }] };
    expect(() => validateTemplate(itemOutside)).toThrow('{{原因}}');
  });
});

describe('公示 period in Chinese working days', () => {
  it('crosses National Day 2025 and its make-up Saturday: published 2025-09-29, 5 working days end 2025-10-13', () => {
    // 09-30, (10-01…10-08 holiday), 10-09, 10-10, 10-11 (Saturday, make-up working day), 10-13
    expect(publicNoticePeriod(cal, '2025-09-29', 5, 5)).toEqual({ start: '2025-09-29', end: '2025-10-13', workingDays: 5, provisional: false });
    expect(() => publicNoticePeriod(cal, '2025-09-29', 4, 5)).toThrow('公示期不得少于5个工作日');
  });
});

function institutions(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    name: `乌鲁木齐市第${i + 1}康养护理中心`,
    address: `乌鲁木齐市天山区幸福路${100 + i}号`,
    serviceTypes: i % 3 === 0 ? [SERVICE_TYPE_LABEL.institutional, SERVICE_TYPE_LABEL.home] : [SERVICE_TYPE_LABEL.institutional],
    uscc: `9165010${String(i).padStart(4, '0')}MA7XYZ${i % 10}`,
  }));
}

describe('built-in documents on real PDFs', () => {
  const id = loadP12(makeP12(), 'test-pass', NOW);

  it('审核结果告知书（不合格）: reasons with articles, 整改建议, rectification window, re-review, bar and appeal rights', async () => {
    const input = resultLetterInput(jilinProfile, {
      institution: { name: '长春市朝阳区颐康护理院', uscc: '91220104MA17ABCD3X' },
      applicationNo: 'JL-2025-003',
      receivedOn: '2025-08-04',
      decision: 'unqualified',
      reasons: [
        { text: '护理服务人员与护理床位配比低于1:4', citation: '第六条（三）' },
        { text: '未设置长期护理保险管理内设工作机构', citation: '第六条（五）' },
      ],
      suggestions: ['增配护理服务人员，使配比达到1:4以上', '设立长期护理保险管理科室并明确专人负责'],
    });
    const values = resultLetterValues(input);
    const spec = documentFromTemplate(RESULT_UNQUALIFIED, values, ctx);
    const pdf = await generatePdf([spec], { fonts, identity: id, now: NOW });
    const file = write('result-unqualified.pdf', pdf.bytes);
    const text = flatText(file);
    expect(text).toContain('长春市朝阳区颐康护理院：');
    expect(text).toContain('经审核，结果为不合格');
    expect(text).toContain('1．护理服务人员与护理床位配比低于1:4（依据：第六条（三））');
    expect(text).toContain('2．未设置长期护理保险管理内设工作机构（依据：第六条（五））');
    expect(text).toContain('1．增配护理服务人员，使配比达到1:4以上。');
    expect(text).toContain(`收到本告知书之日起${jilinProfile.rectification.months}个月内进行整改`);
    expect(text).toContain('再次审核以1次为限');
    expect(text).toContain('1年内不得再次申请');
    expect(text).toContain('行政复议或者提起行政诉讼');
    expect(text).toContain(jilinProfile.appeal.timeLimits.replace(/\s/g, ''));
    expect(text).toContain('2025年10月13日');
    expect(text).toContain('乌医保经〔2025〕12号');
    expect(pdfsig(file)).toContain('Signature is Valid');
    expect(qpdfCheck(file).ok).toBe(true);
    savePngs(file, 'result-unqualified');
  });

  it('without remedies in the profile, the letter states the statutory ones', () => {
    const input = resultLetterInput(xinjiangProfile, { institution: { name: 'x', uscc: 'y' }, applicationNo: 'a', receivedOn: '2025-09-01', decision: 'unqualified', reasons: [{ text: 'r', citation: 'c' }], suggestions: [] });
    expect(xinjiangProfile.appeal.source).toBeNull();
    expect(input.appeal.bodies).toContain('行政复议');
    expect(input.appeal.timeLimits).toContain('60日');
    expect(resultLetterValues(input).有整改建议).toBe(false);
  });

  it('审核结果告知书（合格）: next steps — 公示, negotiation, agreement within 3 months — on one page', async () => {
    const input = resultLetterInput(xinjiangProfile, {
      institution: { name: '乌鲁木齐市天山区康乐养老院', uscc: '91650102MA78XYZ12K' },
      applicationNo: 'XJ-2025-017',
      receivedOn: '2025-09-01',
      decision: 'qualified',
      reasons: [],
      suggestions: [],
    });
    const spec = documentFromTemplate(RESULT_QUALIFIED, resultLetterValues(input), ctx);
    const pdf = await generatePdf([spec], { fonts, identity: id, now: NOW });
    const file = write('result-qualified.pdf', pdf.bytes);
    expect(pageCount(file)).toBe(1);
    const text = flatText(file);
    expect(text).toContain('乌鲁木齐市天山区康乐养老院：');
    expect(text).toContain('91650102MA78XYZ12K');
    expect(text).toContain('经审核，结果为合格');
    expect(text).toContain(`根据${policyTitle(xinjiangProfile)}${letterCitation(xinjiangProfile.publicNotice.source)}的规定`);
    expect(text).toContain('公示期满后3个月内');
    expect(text).toContain('2025年9月1日');
    expect(pdfsig(file)).toContain('Total document signed');
    savePngs(file, 'result-qualified');
  });

  it('补正通知书: every missing item with its article, the working-day deadline, one-time notice, lateness per profile', async () => {
    const values = supplementNoticeValues({
      institutionName: '乌鲁木齐市沙依巴克区福寿护理院',
      applicationNo: 'XJ-2025-021',
      receivedOn: '2025-09-22',
      issuedOn: '2025-09-29',
      workingDays: 5,
      deadline: cal.addWorkingDays('2025-09-29', 5).date,
      deadlineProvisional: false,
      missing: xinjiangProfile.materials.slice(3, 6).map((m) => ({ title: m.title, detail: m.detail, citation: letterCitation(m.source) })),
      policyTitle: policyTitle(xinjiangProfile),
      supplementCitation: letterCitation(xinjiangProfile.supplement.source),
      withdrawnIfLate: true,
      supplementExcluded: true,
    });
    const spec = documentFromTemplate(SUPPLEMENT_NOTICE, values, { ...ctx, date: '2025-09-29' });
    const pdf = await generatePdf([spec], { fonts, now: NOW });
    const file = write('supplement.pdf', pdf.bytes);
    const text = flatText(file);
    for (const m of xinjiangProfile.materials.slice(3, 6)) {
      expect(text).toContain(m.title);
      expect(text).toContain(`（依据：${m.source.article}）`);
    }
    expect(text).toContain('一次性告知');
    expect(text).toContain('请于2025年10月13日前（自本通知书发出之日起5个工作日内）');
    expect(text).toContain('逾期未补正的，视为放弃本次申请。');
    expect(text).toContain('2025年9月29日');
    savePngs(file, 'supplement-notice');
  });

  it('公示: a table of qualified institutions across pages, the period across National Day, where to object', async () => {
    const list = institutions(24);
    const input: PublicNoticeInput = {
      roundName: '2025年第二批',
      policyTitle: policyTitle(xinjiangProfile),
      citation: letterCitation(xinjiangProfile.publicNotice.source),
      minWorkingDays: xinjiangProfile.publicNotice.minWorkingDays,
      institutions: list,
      startOn: '2025-09-29',
      workingDays: 5,
      objection: { address: '乌鲁木齐市天山区人民路1号医保服务大厅3楼', phone: '0991-1234567' },
    };
    const spec = documentFromTemplate(PUBLIC_NOTICE, publicNoticeValues(input, cal), { ...ctx, date: '2025-09-29' });
    const pdf = await generatePdf([spec], { fonts, identity: id, now: NOW });
    const file = write('public-notice.pdf', pdf.bytes);
    expect(pageCount(file)).toBeGreaterThan(1);
    const text = flatText(file);
    expect(text).toContain('公示期：2025年9月29日至2025年10月13日（5个工作日，自发布次日起算）');
    const raw = flatRawText(file); // table cells in the order they were written
    for (const x of list) {
      expect(raw).toContain(`${x.name}${x.address}`);
      expect(raw).toContain(x.uscc);
    }
    expect(text).toContain('机构护理、居家护理');
    expect(text).toContain('0991-1234567');
    expect(pdftotext(file)).toContain('统一社会信用代码');
    expect(pdfsig(file)).toContain('Signature is Valid');
    for (const f of pdffonts(file)) expect([f.emb, f.sub]).toEqual(['yes', 'yes']);
    savePngs(file, 'public-notice');
  });
});
