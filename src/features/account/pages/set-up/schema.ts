import { z } from 'zod';

const ENTER_CODE = 'Enter the 6-digit code from your authenticator app';

export const codeSchema = z.looseObject({
  code: z.string({ error: ENTER_CODE }).trim().min(1, ENTER_CODE).max(20, ENTER_CODE),
});
