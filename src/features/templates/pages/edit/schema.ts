import { z } from 'zod';

/** The template JSON as typed (checked by the template service), and the version it was based on. */
export const templateFormSchema = z.looseObject({}).transform((values) => ({
  content: typeof values.content === 'string' ? values.content : '',
  basedOn: Number(values.basedOn),
}));
