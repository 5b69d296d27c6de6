import { z } from 'zod';

/** Importing: the rows with problems are left out only when the person has said so. */
export const importSchema = z.looseObject({}).transform((body) => ({ leaveOut: body.leaveOut === 'yes' }));
