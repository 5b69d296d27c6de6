import { postedForm, postedText, type Posted } from '../posted.ts';

export type SectionValues = { heading: string; text: string; version: string };

/** What the editor posted, trimmed and with plain line endings: checked, and shown back on an error. */
export const sectionValues = (body: Posted): SectionValues => ({
  heading: postedText(body.heading).trim(),
  text: postedText(body.text).replace(/\r\n/g, '\n').trim(),
  version: postedText(body.version),
});

export const sectionSchema = postedForm.transform(sectionValues).superRefine((values, ctx) => {
  const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
  if (values.heading.length > 300) issue('heading', 'The heading must be 300 characters or fewer');
  if (!values.text) issue('text', 'Enter the section’s text');
  else if (values.text.length > 20_000) issue('text', 'The section’s text must be 20,000 characters or fewer');
});

export const staleSection = (version: number) =>
  `Someone else saved version ${version} of this briefing while you were editing. ` +
  'Their section is shown below; your text is in the box: check both and save again';
