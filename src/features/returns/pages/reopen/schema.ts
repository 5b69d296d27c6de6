import { z } from 'zod';

export const reopenSchema = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]))
  .transform((values, ctx) => {
    const reason = String(values.reason ?? '').trim();
    if (reason.length > 2000)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'The reason must be 2000 characters or fewer' });
    return { reason };
  });
