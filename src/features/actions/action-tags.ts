import type { withRag } from './action-service.ts';

const RAG_TAGS = {
  red: 'govuk-tag--red',
  amber: 'govuk-tag--orange',
  green: 'govuk-tag--green',
  complete: 'govuk-tag--grey',
} as const;

/** The GOV.UK tag showing an action's RAG and status. */
export const tagFor = (a: ReturnType<typeof withRag>) => ({
  text: `${a.rag === 'complete' ? 'Complete' : a.rag.charAt(0).toUpperCase() + a.rag.slice(1)}: ${a.statusLabel}`,
  classes: RAG_TAGS[a.rag],
});
