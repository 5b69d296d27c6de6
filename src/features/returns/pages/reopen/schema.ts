import { z } from 'zod';

export const reopenSchema = z.looseObject({}).transform((values, ctx) => {
  const reason = (typeof values.reason === 'string' ? values.reason : '').trim();
  if (reason.length > 2000)
    ctx.addIssue({ code: 'custom', path: ['reason'], message: 'The reason must be 2000 characters or fewer' });
  return { reason };
});
