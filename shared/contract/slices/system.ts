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


/**
 * system.openDocument (issue 7): show, print or find a registered document.
 * Only documents in the register whose file still matches its hash are
 * opened. In Electron the shell answers: a sandboxed viewer window with the
 * print dialog, or the file shown in its folder. Elsewhere (the browser host)
 * the service answers with the address the host serves the PDF at, and the
 * screen opens it in a new tab, whose PDF viewer prints.
 */
export const openDocumentInputSchema = z.object({
  documentId: z.string().min(1, { message: '请选择文书' }),
  /** view: show it; print: show it with the print dialog; folder: show the file in its folder */
  action: z.enum(['view', 'print', 'folder'], { message: '操作无效' }),
});
export type OpenDocumentInput = z.infer<typeof openDocumentInputSchema>;

export const openDocumentOutputSchema = z.object({
  /** the shell opened it itself (Electron) */
  opened: z.boolean(),
  /** otherwise: the address to open in a new tab (null when there is none, e.g. folder in the browser host) */
  url: z.string().nullable(),
  /** the file's location on this computer, to show the clerk */
  path: z.string(),
});
export type OpenDocumentOutput = z.infer<typeof openDocumentOutputSchema>;

export const systemContract = {
  'system.pickPath': { input: pickPathInputSchema, output: pickPathOutputSchema },
  'system.openDocument': { input: openDocumentInputSchema, output: openDocumentOutputSchema },
} as const;
