import { z } from 'zod';
import { CANDIDATE_FIELDS } from '../../../../domain/candidate-rows.ts';
import type { StoredMapping } from '../../candidate-service.ts';

/** Which column holds each field: a column's index, or nothing when the field is not in the file. */
export const mappingSchema = z.looseObject({}).transform((body): StoredMapping => {
  const label = body.recordLabel;
  const recordLabel = typeof label === 'string' ? label : Array.isArray(label) ? label.join(',') : '';
  const mapping: StoredMapping = { recordLabel };
  for (const field of CANDIDATE_FIELDS) {
    const column = body[field.key];
    if (typeof column === 'string' && column) mapping[field.key] = column;
  }
  return mapping;
});
