import { z } from 'zod';
import { IMPORT_FIELDS, type ImportMapping } from '../../import-mapping.ts';

/**
 * The column chosen for each field: a column number, or nothing for "Not in this file". Whether
 * the choices fit the file (required fields, no column twice) is the import service's check.
 */
export const mappingSchema = z
  .looseObject(
    Object.fromEntries(IMPORT_FIELDS.map((f) => [f.key, z.union([z.string(), z.array(z.string())]).optional()])),
  )
  .transform((values) => {
    const mapping: ImportMapping = {};
    for (const f of IMPORT_FIELDS) {
      const raw = String(values[f.key] ?? '');
      if (raw !== '') mapping[f.key] = Number(raw);
    }
    return mapping;
  });
