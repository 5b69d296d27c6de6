import { z } from 'zod';
import { isAgencyType } from '../../../../domain/roles.ts';
import { EMAIL_FORMAT, EMAIL_FORMAT_MESSAGE, posted, postedText, trimmedText } from '../../form-fields.ts';

export const agencySchema = z.object({
  name: trimmedText().pipe(
    z.string().min(1, 'Enter the agency’s name').max(200, 'The name must be 200 characters or fewer'),
  ),
  type: posted.transform(postedText).refine(isAgencyType, 'Select the type of agency'),
  safeguardingLeadEmail: trimmedText()
    .transform((value) => value.toLowerCase())
    .refine((email) => !email || EMAIL_FORMAT.test(email), EMAIL_FORMAT_MESSAGE)
    .transform((email) => email || null),
  active: z
    .unknown()
    .optional()
    .transform((value) => value !== 'no'),
});
