import { z } from 'zod';

const DECISIONS = ['sign_off', 'send_back'] as const;

/** Sign off or send back: only the first problem is shown, the decision before the comments. */
export const reviewSchema = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]))
  .transform((values, ctx) => {
    const decision = DECISIONS.find((d) => d === values.decision);
    const comments = String(values.comments ?? '').trim();
    if (!decision)
      ctx.addIssue({
        code: 'custom',
        path: ['decision'],
        message: 'Select whether to sign off the return or send it back',
      });
    else if (comments.length > 5000)
      ctx.addIssue({ code: 'custom', path: ['comments'], message: 'Comments must be 5000 characters or fewer' });
    // Only reached by the controller when no issue was added, so the decision is set then.
    return { decision: decision ?? 'send_back', comments };
  });
