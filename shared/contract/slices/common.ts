import { z } from 'zod';

export const byRound = z.object({ roundId: z.string().min(1) });
export const byApplication = z.object({ applicationId: z.string().min(1) });
export const ok = z.object({ ok: z.literal(true) });
