import { z } from 'zod';
import { OTHER_CRITERION_PREFIX, SELECTION_CRITERIA } from '../../../../domain/case-attributes.ts';
import { asArray } from '../../../../web/forms.ts';
import type { CaseForm, CaseRow } from '../../case-service.ts';
import { issue, keys, text } from '../../form-fields.ts';

/** Adding or changing a case; the source agency must be one of the partnership's. */
export function caseSchema(agencyIds: readonly string[]) {
  return z
    .object({
      reference: text(50, 'Reference must be 50 characters or fewer', 'Enter a reference, like "Case 1"'),
      selectionReason: text(2000, 'Why the case was selected must be 2,000 characters or fewer'),
      selectedBy: text(200, 'Who selected it must be 200 characters or fewer'),
      sourceAgencyId: z.preprocess((value) => value ?? '', z.string().trim()),
      criteria: z.preprocess(
        asArray,
        z.array(z.enum(keys(SELECTION_CRITERIA), { message: 'Select criteria from the list' })),
      ),
      criteriaOther: text(200, 'Other criteria must be 200 characters or fewer'),
    })
    .transform((v, ctx): CaseForm => {
      if (v.sourceAgencyId && !agencyIds.includes(v.sourceAgencyId))
        issue(ctx, 'sourceAgencyId', 'Select an agency from the list');
      const other = v.criteriaOther ? [`${OTHER_CRITERION_PREFIX}${v.criteriaOther}`] : [];
      return {
        reference: v.reference,
        selectionReason: v.selectionReason,
        selectedBy: v.selectedBy,
        sourceAgencyId: v.sourceAgencyId || null,
        criteria: [...v.criteria, ...other],
      };
    });
}

/** The form's values from a stored case: coded criteria as checkboxes, the free text apart. */
export function caseFormValues(row: CaseRow) {
  const other = row.criteria.find((c) => c.startsWith(OTHER_CRITERION_PREFIX));
  return {
    reference: row.reference,
    selectionReason: row.selection_reason,
    selectedBy: row.selected_by,
    sourceAgencyId: row.source_agency_id ?? '',
    criteria: row.criteria.filter((c) => !c.startsWith(OTHER_CRITERION_PREFIX)),
    criteriaOther: other?.slice(OTHER_CRITERION_PREFIX.length) ?? '',
    version: String(row.version),
  };
}
