import type { Services } from '../../../../services.ts';
import { NotFound } from '../../../../web/errors.ts';
import type { Controller } from '../../../../web/route-table.ts';

type Params = { Params: { id: string } };

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** One message from the outbox, its links made clickable. */
export function outboxMessageController({ mail }: Services) {
  const get: Controller<Params> = async (request, reply) => {
    const message = await mail.message(request.user, request.params.id);
    if (!message) throw new NotFound();
    // Escape everything first, then mark up the addresses.
    const escaped = message.body.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
    const body = escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a class="govuk-link" href="${url}">${url}</a>`);
    return reply.view('mail/pages/message/view.njk', {
      pageTitle: message.subject,
      message,
      body,
      backLink: '/admin/outbox',
    });
  };
  return { get };
}
