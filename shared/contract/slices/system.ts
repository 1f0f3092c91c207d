import { z } from 'zod';

/**
 * What the desktop shell offers beyond the service: native file dialogs, so a
 * path field can have a 浏览… button (issue 5: packages, keys and score sheets
 * travel as files). The service's own handler answers `available: false`
 * (the browser host cannot show a dialog: there the path is typed); the
 * Electron transport intercepts the method and shows the dialog for the
 * calling window. Nothing is read or written here: the chosen paths go to the
 * method that needs them.
 */

const fileFilterSchema = z.object({
  name: z.string().trim().min(1).max(60),
  /** without the dot; '*' for every file */
  extensions: z
    .array(z.string().regex(/^(\*|[A-Za-z0-9]{1,10})$/, { message: '文件类型不正确' }))
    .min(1)
    .max(10),
});

export const pickPathInputSchema = z.object({
  mode: z.enum(['open', 'save'], { message: '请选择打开或保存' }),
  title: z.string().trim().min(1, { message: '请给出对话框标题' }).max(100),
  /** save: the file name offered (a name only, no folder) */
  defaultName: z.string().trim().max(200).optional(),
  filters: z.array(fileFilterSchema).max(10).optional(),
  /** open: several files at once */
  multi: z.boolean().optional(),
  /** only say whether dialogs are available, showing none */
  probe: z.boolean().optional(),
});
export type PickPathInput = z.infer<typeof pickPathInputSchema>;

export const pickPathOutputSchema = z.object({
  /** false: no native dialog here (browser host); type the path instead */
  available: z.boolean(),
  /** what was chosen; empty when cancelled (or probing) */
  paths: z.array(z.string()),
});
export type PickPathOutput = z.infer<typeof pickPathOutputSchema>;

export const systemContract = {
  'system.pickPath': { input: pickPathInputSchema, output: pickPathOutputSchema },
} as const;
