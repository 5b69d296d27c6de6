import { z } from 'zod';
import { OVERALL_SCALE } from '../../return-service.ts';

export const overallSchema = z.object({
  grade: z
    .string()
    .refine(
      (v) => v === '' || OVERALL_SCALE.values.some((x) => x.value === v),
      'Select the overall grade from the list',
    ),
  rationale: z.string().trim().max(5000, 'The rationale must be 5000 characters or fewer'),
  auditorName: z.string().trim().max(200, 'The name must be 200 characters or fewer'),
  auditorRole: z.string().trim().max(200, 'The role must be 200 characters or fewer'),
  version: z.coerce.number().int(),
});
