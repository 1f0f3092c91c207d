/**
 * The built-in templates. Chinese text with `{{字段名}}` placeholders; the
 * typed inputs in inputs.ts produce their values. An agency may edit the text
 * (validateTemplate checks every edit); bump `version` with every change.
 */
import type { Template } from './types';
import { FILING_FORM, MINUTES } from './records';

const INSTITUTION = { kind: 'text', label: '申请机构名称' } as const;

export const SUPPLEMENT_NOTICE: Template = {
  id: 'supplement-notice',
  version: 1,
  name: '补正通知书',
  documentTitle: '长期护理保险定点申请材料补正通知书',
  fields: {
    机构名称: INSTITUTION,
    申请编号: { kind: 'text', label: '申请编号' },
    受理日期: { kind: 'text', label: '收到申请的日期' },
    政策名称: { kind: 'text', label: '本地区定点管理办法的名称（含书名号）' },
    补正依据: { kind: 'text', label: '补正规定所在条款' },
    缺失材料: { kind: 'list', label: '需补正的材料', item: { 材料名称: '材料名称', 材料说明: '材料要求', 材料依据: '材料所依据的条款' } },
    补正工作日: { kind: 'text', label: '补正期限（工作日数）' },
    补正截止日期: { kind: 'text', label: '补正截止日期' },
    逾期视为放弃: { kind: 'flag', label: '逾期未补正视为放弃申请' },
    补正不计入审核期限: { kind: 'flag', label: '补正时间不计入审核期限' },
    截止日期待定: { kind: 'flag', label: '截止日期所在年份的节假日安排尚未公布' },
  },
  blocks: [
    { type: 'title', text: '长期护理保险定点申请材料补正通知书' },
    { type: 'paragraph', text: '{{机构名称}}：', indent: 0 },
    {
      type: 'paragraph',
      text: '你单位于{{受理日期}}提交的长期护理保险定点护理服务机构申请（申请编号：{{申请编号}}），经形式审查，申请材料不齐全或者不符合规定。根据{{政策名称}}{{补正依据}}的规定，现将需要补正的全部材料一次性告知如下：',
    },
    { type: 'list', items: '缺失材料', text: '{{序号}}．{{材料名称}}：{{材料说明}}（依据：{{材料依据}}）' },
    { type: 'paragraph', text: '请于{{补正截止日期}}前（自本通知书发出之日起{{补正工作日}}个工作日内）将上述材料一次性补正齐全，报送{{发文机关}}。' },
    { type: 'paragraph', when: '逾期视为放弃', text: '逾期未补正的，视为放弃本次申请。' },
    { type: 'paragraph', unless: '逾期视为放弃', text: '逾期未补正的，按本地区定点管理的有关规定处理。' },
    { type: 'paragraph', when: '补正不计入审核期限', text: '补正材料所用时间不计入审核期限。' },
    { type: 'paragraph', when: '截止日期待定', text: '上述截止日期按现行节假日安排计算；国家公布的节假日安排与此不同的，以调整后的工作日为准。' },
    { type: 'paragraph', text: '特此通知。' },
    { type: 'signature' },
  ],
};

const RESULT_COMMON_FIELDS = {
  机构名称: INSTITUTION,
  统一社会信用代码: { kind: 'text', label: '统一社会信用代码' },
  申请编号: { kind: 'text', label: '申请编号' },
  受理日期: { kind: 'text', label: '收到申请的日期' },
  政策名称: { kind: 'text', label: '本地区定点管理办法的名称（含书名号）' },
} as const;

export const RESULT_QUALIFIED: Template = {
  id: 'result-qualified',
  version: 2,
  name: '审核结果告知书（合格）',
  documentTitle: '长期护理保险定点护理服务机构审核结果告知书',
  fields: {
    ...RESULT_COMMON_FIELDS,
    公示工作日: { kind: 'text', label: '公示期（工作日数）' },
    公示依据: { kind: 'text', label: '公示规定所在条款' },
    协议安排: { kind: 'text', label: '公示后协商谈判、签订协议的安排' },
  },
  blocks: [
    { type: 'title', text: '长期护理保险定点护理服务机构\n审核结果告知书' },
    { type: 'paragraph', text: '{{机构名称}}：', indent: 0 },
    {
      type: 'paragraph',
      text: '你单位（统一社会信用代码：{{统一社会信用代码}}）于{{受理日期}}提出的长期护理保险定点护理服务机构申请（申请编号：{{申请编号}}），经审核，结果为合格。',
    },
    { type: 'paragraph', text: '根据{{政策名称}}{{公示依据}}的规定，审核合格的机构名单将向社会公示，公示期不少于{{公示工作日}}个工作日。{{协议安排}}' },
    { type: 'paragraph', text: '特此告知。' },
    { type: 'signature' },
  ],
};

export const RESULT_UNQUALIFIED: Template = {
  id: 'result-unqualified',
  // 2: a failed re-review states the bar instead of offering another re-review
  // 3: 审核结果 (000 第十四条), not 评估结果, which is the disability assessment's term
  version: 3,
  name: '审核结果告知书（不合格）',
  documentTitle: '长期护理保险定点护理服务机构审核结果告知书',
  fields: {
    ...RESULT_COMMON_FIELDS,
    不合格原因: { kind: 'list', label: '不合格的原因', item: { 原因: '不符合的情形', 条款: '所依据的条款' } },
    整改建议: { kind: 'list', label: '整改建议', item: { 建议: '一条整改建议' } },
    有整改建议: { kind: 'flag', label: '是否附整改建议' },
    整改月数: { kind: 'text', label: '整改期限（月）' },
    再次审核次数: { kind: 'text', label: '可申请再次审核的次数' },
    禁止申请期限: { kind: 'text', label: '再次审核仍不合格后不得申请的期限，如1年' },
    整改依据: { kind: 'text', label: '整改规定所在条款' },
    救济途径: { kind: 'text', label: '救济途径（行政复议、行政诉讼及受理机关）' },
    救济时限: { kind: 'text', label: '申请救济的时限' },
    再次审核仍不合格: { kind: 'flag', label: '本次为整改后的再次审核（不再有再次审核，不得申请期开始）' },
  },
  blocks: [
    { type: 'title', text: '长期护理保险定点护理服务机构\n审核结果告知书' },
    { type: 'paragraph', text: '{{机构名称}}：', indent: 0 },
    {
      type: 'paragraph',
      text: '你单位（统一社会信用代码：{{统一社会信用代码}}）于{{受理日期}}提出的长期护理保险定点护理服务机构申请（申请编号：{{申请编号}}），经审核，结果为不合格。主要原因如下：',
    },
    { type: 'list', items: '不合格原因', text: '{{序号}}．{{原因}}（依据：{{条款}}）' },
    { type: 'paragraph', when: '有整改建议', text: '整改建议：' },
    { type: 'list', when: '有整改建议', items: '整改建议', text: '{{序号}}．{{建议}}' },
    {
      type: 'paragraph',
      unless: '再次审核仍不合格',
      text: '根据{{政策名称}}{{整改依据}}的规定，你单位可以在收到本告知书之日起{{整改月数}}个月内进行整改，整改完成后可以申请再次审核，再次审核以{{再次审核次数}}次为限。再次审核仍不合格的，自再次审核结果告知之日起{{禁止申请期限}}内不得再次申请。',
    },
    {
      type: 'paragraph',
      when: '再次审核仍不合格',
      text: '本次审核为你单位整改后的再次审核，审核仍不合格。根据{{政策名称}}{{整改依据}}的规定，自本告知书送达之日起{{禁止申请期限}}内，你单位不得再次提出定点管理申请。',
    },
    { type: 'paragraph', text: '如对本审核结果有异议，{{救济途径}}{{救济时限}}' },
    { type: 'paragraph', text: '特此告知。' },
    { type: 'signature' },
  ],
};

export const PUBLIC_NOTICE: Template = {
  id: 'public-notice',
  version: 2,
  name: '审核结果公示',
  documentTitle: '长期护理保险定点护理服务机构审核结果公示',
  fields: {
    批次名称: { kind: 'text', label: '审核批次名称' },
    政策名称: { kind: 'text', label: '本地区定点管理办法的名称（含书名号）' },
    公示依据: { kind: 'text', label: '公示规定所在条款' },
    机构数: { kind: 'text', label: '公示的机构数' },
    公示机构: {
      kind: 'list',
      label: '审核合格的机构',
      item: { 机构名称: '机构名称', 地址: '地址', 服务类型: '申请的护理服务类型', 统一社会信用代码: '统一社会信用代码' },
    },
    公示开始日期: { kind: 'text', label: '公示发布日期' },
    公示结束日期: { kind: 'text', label: '公示期最后一日' },
    公示工作日: { kind: 'text', label: '公示期（工作日数）' },
    异议受理地址: { kind: 'text', label: '书面反映的地址' },
    异议联系电话: { kind: 'text', label: '联系电话' },
    期限待定: { kind: 'flag', label: '公示期所在年份的节假日安排尚未公布' },
  },
  blocks: [
    { type: 'title', text: '关于{{批次名称}}长期护理保险\n定点护理服务机构审核结果的公示' },
    {
      type: 'paragraph',
      text: '根据{{政策名称}}{{公示依据}}的规定，经申请受理、材料审查、现场核查和集体评议，以下{{机构数}}家机构审核结果为合格，现予以公示。',
    },
    { type: 'paragraph', text: '公示期：{{公示开始日期}}至{{公示结束日期}}（{{公示工作日}}个工作日，自发布次日起算）。' },
    { type: 'paragraph', when: '期限待定', text: '公示期按现行节假日安排计算；国家公布的节假日安排与此不同的，以调整后的工作日为准。' },
    {
      type: 'table',
      items: '公示机构',
      size: 12,
      columns: [
        { title: '序号', cell: '{{序号}}', width: 1.5, align: 'center' },
        { title: '机构名称', cell: '{{机构名称}}', width: 4.2 },
        { title: '地址', cell: '{{地址}}', width: 4.2 },
        { title: '服务类型', cell: '{{服务类型}}', width: 2.6 },
        { title: '统一社会信用代码', cell: '{{统一社会信用代码}}', width: 4.6 },
      ],
    },
    {
      type: 'paragraph',
      text: '公示期间，任何单位或者个人对公示名单有异议的，可以书面、电话等方式向{{发文机关}}反映。反映情况应当实事求是、具体明确，并提供联系方式；以单位名义反映的应当加盖公章，以个人名义反映的应当署真实姓名。',
    },
    { type: 'paragraph', text: '书面反映地址：{{异议受理地址}}；联系电话：{{异议联系电话}}。' },
    { type: 'signature' },
  ],
};

export const BUILTIN_TEMPLATES: readonly Template[] = [SUPPLEMENT_NOTICE, RESULT_QUALIFIED, RESULT_UNQUALIFIED, PUBLIC_NOTICE, MINUTES, FILING_FORM];
