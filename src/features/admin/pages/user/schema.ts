import { z } from 'zod';
import { AGENCY_ROLES, isRole, ROLE_LABELS } from '../../../../domain/roles.ts';
import { asArray } from '../../../../web/forms.ts';
import { EMAIL_FORMAT, EMAIL_FORMAT_MESSAGE, posted, postedText, trimmedText } from '../../form-fields.ts';

/**
 * A person's details as an administrator types them. The agency must be one of the partnership's
 * active agencies, and is needed by the agency roles; the address is typed only when inviting.
 */
export function personSchema(activeAgencyIds: string[], editing: boolean) {
  return z
    .object({
      name: trimmedText().pipe(
        z.string().min(1, 'Enter the person’s name').max(200, 'The name must be 200 characters or fewer'),
      ),
      email: trimmedText()
        .transform((email) => email.toLowerCase())
        .superRefine((email, ctx) => {
          if (editing || EMAIL_FORMAT.test(email)) return;
          ctx.addIssue({ code: 'custom', message: email ? EMAIL_FORMAT_MESSAGE : 'Enter the person’s email address' });
        }),
      jobTitle: trimmedText().transform((title) => title.slice(0, 200)),
      agencyId: posted.transform((value) => postedText(value) || null),
      roles: z
        .unknown()
        .optional()
        .transform((value) => asArray(value).filter(isRole)),
      active: z
        .unknown()
        .optional()
        .transform((value) => value !== 'no'),
    })
    .superRefine(({ agencyId, roles }, ctx) => {
      if (agencyId && !activeAgencyIds.includes(agencyId))
        ctx.addIssue({ code: 'custom', path: ['agencyId'], message: 'Select an active agency from the list' });
      const needsAgency = roles.filter((r) => AGENCY_ROLES.includes(r));
      if (needsAgency.length && !agencyId) {
        const names = needsAgency.map((r) => ROLE_LABELS[r].toLowerCase()).join(' and ');
        ctx.addIssue({ code: 'custom', path: ['agencyId'], message: `Select an agency for ${names}` });
      }
    });
}

export type PersonInput = z.output<ReturnType<typeof personSchema>>;
