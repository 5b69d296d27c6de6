import { z } from 'zod';
import { postedField } from '../posted.ts';

/** Which template to start from; the controller checks it is one of the partnership's. */
export const newBriefingSchema = z.looseObject({
  template: postedField,
});

export const NO_TEMPLATE = 'Select a template for the briefing';
