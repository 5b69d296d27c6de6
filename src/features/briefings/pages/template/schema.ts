import { postedForm, postedText, type Posted } from '../posted.ts';
import type { TemplateSection } from '../../../../domain/briefing-template.ts';

export const MAX_SECTIONS = 20;

/** The posted sections with the number they were posted at; one with neither heading nor text is dropped. */
function postedSections(body: Posted) {
  const posted: { at: number; heading: string; body: string }[] = [];
  for (let at = 0; at < MAX_SECTIONS; at++) {
    const heading = postedText(body[`heading-${at}`]).trim();
    const text = postedText(body[`body-${at}`]).replace(/\r\n/g, '\n').trim();
    if (heading || text) posted.push({ at, heading, body: text });
  }
  return posted;
}

const toSection = ({ heading, body }: { heading: string; body: string }): TemplateSection => ({ heading, body });

/** What was posted, to show back in the form when it has errors. */
export const readSections = (body: Posted) => postedSections(body).map(toSection);

/** A template's sections; errors are keyed by the field of the section as it was posted. */
export const templateSchema = postedForm.transform((body, ctx) => {
  const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
  const posted = postedSections(body);
  for (const { at, heading, body: text } of posted) {
    if (heading.length > 300)
      issue(`heading-${at}`, `The heading of section ${at + 1} must be 300 characters or fewer`);
    if (text.length > 20_000) issue(`body-${at}`, `The text of section ${at + 1} must be 20,000 characters or fewer`);
  }
  if (posted.length === 0) issue('heading-0', 'Enter at least one section');
  return { sections: posted.map(toSection), version: postedText(body.version) };
});

export const STALE_TEMPLATE =
  'Someone else changed this template while you were editing. ' +
  'Your version is below: check it against theirs and save again';
