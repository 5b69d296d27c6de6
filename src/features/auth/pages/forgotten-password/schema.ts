import { z } from 'zod';
import { emailField } from '../sign-in/schema.ts';

export const emailSchema = z.object({ email: emailField });
