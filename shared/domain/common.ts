import { z } from 'zod';

export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: '日期格式应为 YYYY-MM-DD' })
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, { message: '日期不存在' });

export const id = z.string().min(1).max(64);

/** Non-empty trimmed Chinese-friendly text with a length cap, with the message naming the field. */
export function requiredText(label: string, max = 200) {
  return z
    .string({ message: `请填写${label}` })
    .trim()
    .min(1, { message: `请填写${label}` })
    .max(max, { message: `${label}不能超过${max}个字` });
}

export function optionalText(label: string, max = 200) {
  return z
    .string()
    .trim()
    .max(max, { message: `${label}不能超过${max}个字` })
    .optional()
    .transform((v) => (v === '' ? undefined : v));
}

export function count(label: string, max = 100_000) {
  return z
    .number({ message: `${label}应为数字` })
    .int({ message: `${label}应为整数` })
    .min(0, { message: `${label}不能为负数` })
    .max(max, { message: `${label}不能超过${max}` });
}
