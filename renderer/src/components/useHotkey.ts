import { useEffect, useRef } from 'react';

/**
 * Keyboard shortcuts such as 'Alt+N', 'Alt+1', 'F1'. Matched on the physical
 * key (e.code), so they work whatever the input method is doing. Ignored while
 * a modal dialog is open, so a shortcut never acts on the page behind it.
 */
export function useHotkey(combo: string, handler: () => void, enabled = true) {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!enabled) return;
    const want = parseCombo(combo);
    const onKey = (e: KeyboardEvent) => {
      if (e.repeat || e.isComposing) return;
      if (e.altKey !== want.alt || e.ctrlKey !== want.ctrl || e.shiftKey !== want.shift || e.metaKey) return;
      if (e.code !== want.code) return;
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      ref.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [combo, enabled]);
}

function parseCombo(combo: string) {
  const parts = combo.split('+');
  const key = parts[parts.length - 1] ?? '';
  const code = /^[A-Z]$/i.test(key) ? `Key${key.toUpperCase()}` : /^\d$/.test(key) ? `Digit${key}` : key;
  return { alt: parts.includes('Alt'), ctrl: parts.includes('Ctrl'), shift: parts.includes('Shift'), code };
}

/** The shortcuts of the whole app, for the 快捷键 help dialog. */
export const SHORTCUTS: { keys: string; what: string }[] = [
  { keys: 'Alt+H', what: '回到审核批次列表（首页）' },
  { keys: 'Alt+S', what: '打开设置' },
  { keys: 'Alt+Z', what: '切换大字体' },
  { keys: 'Alt+N', what: '新建：首页新建批次；批次页登记申请；审核小组页新增人员；密钥管理页生成密钥' },
  { keys: 'Alt+F', what: '批次页、审核小组页：定位到搜索框' },
  { keys: 'Alt+E', what: '申请页：修改申请信息' },
  { keys: 'Alt+1 / Alt+2 / Alt+3', what: '申请页：切换“申请信息”“形式审查”“基础性指标”' },
  { keys: 'Alt+G / Alt+B / Alt+X / Alt+K / Alt+P / Alt+J', what: '批次及评审各页：审核小组、回避声明、评分细则、基础性指标核查、评分、评审结果' },
  { keys: 'Ctrl+S / Enter', what: '表单中：保存' },
  { keys: 'Enter / Tab', what: '评分表：下一个评分项（Shift+Tab 上一项；F2 写评语）' },
  { keys: 'Ctrl+Enter', what: '评分表：保存本申请的评分并打开下一个待评申请' },
  { keys: 'PgUp / PgDn', what: '评分表：上一个/下一个申请（先保存）' },
  { keys: 'Alt+L', what: '打开审计日志' },
  { keys: 'Alt+U', what: '打开密钥管理（离线评分的签名密钥）' },
  { keys: 'Alt+O / Alt+I / Alt+W', what: '批次页及离线评分各页（经办机构电脑）：导出评分包、导入评分表、收表情况' },
  { keys: 'Alt+I', what: '首页及批次页（评审专家电脑）：导入评分包' },
  { keys: 'Alt+R', what: '评分表（评审专家电脑）：导出签名评分表' },
  { keys: 'Alt+Y / Alt+Q', what: '批次页及集体评议各页：集体评议（议程、开会）、评议结果与期限' },
  { keys: 'Alt+C / Alt+A', what: '批次页及文书各页：文书与打印（批量生成、打印、登记簿核验）、审核结果公示（异议、最终名单）' },
  { keys: 'Alt+V / Alt+T / Alt+D / Alt+M', what: '集体评议会议中：会议模式（投影）、表决录入、确认结论、会议纪要' },
  { keys: '← → PgUp PgDn Home End', what: '会议模式：上一个/下一个/第一个/最后一个申请；数字键跳到议程序号；F 全屏；Esc 返回议程' },
  { keys: '← → Enter Ctrl+Enter', what: '表决录入：在“合格”“不合格”之间切换、选择，Ctrl+Enter 提交表决' },
  { keys: '↑ ↓ Home End', what: '表格中：移动选中行' },
  { keys: 'Enter', what: '表格中：打开选中行' },
  { keys: 'Esc', what: '关闭对话框' },
  { keys: 'F1', what: '显示本快捷键说明' },
];
