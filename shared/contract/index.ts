import { z } from 'zod';
import { zhCN } from 'zod/v4/locales';

// Schema messages a clerk may see default to Chinese; our own messages are
// written per field, this covers the generic ones (wrong type and the like).
z.config(zhCN());

export * from './methods';
export * from './errors';
export * from './validate';
