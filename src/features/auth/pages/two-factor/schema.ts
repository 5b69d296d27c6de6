import { z } from 'zod';

const codeMessage = 'Enter the 6-digit code from your authenticator app, or a recovery code';

export const codeSchema = z.object({
  code: z.string().trim().min(1, codeMessage).max(20, codeMessage),
});
