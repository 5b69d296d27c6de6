import { z } from 'zod';
import { HOUSEHOLD_ROLES } from '../../../../domain/case-attributes.ts';
import type { MemberForm, MemberRow } from '../../case-service.ts';
import { choice, keys, text } from '../../form-fields.ts';

const yesNo = (message: string) => choice(z.enum(['yes', 'no'], { message }));

/** A household member: a role and a description, never a name. */
export const memberSchema = z
  .object({
    role: choice(z.enum(keys(HOUSEHOLD_ROLES), { message: 'Select the person’s role in the family' })),
    description: text(200, 'Description must be 200 characters or fewer'),
    inHousehold: yesNo('Select yes if the person lives in the household'),
    posesRisk: yesNo('Select yes if the person poses a risk to the children'),
  })
  .transform((v): MemberForm => ({
    role: v.role,
    description: v.description,
    inHousehold: v.inHousehold === 'yes',
    posesRisk: v.posesRisk === 'yes',
  }));

export function memberFormValues(row: MemberRow) {
  return {
    role: row.role,
    description: row.description,
    inHousehold: row.in_household ? 'yes' : 'no',
    posesRisk: row.poses_risk ? 'yes' : 'no',
    version: String(row.version),
  };
}
