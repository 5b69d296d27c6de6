import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** A thing the person may not see, or that does not exist: both answer 404, with no hint. */
export class NotFound extends Error {
  readonly statusCode = 404;
  constructor() {
    super('Not found');
  }
}

/** A request the person can fix; the message says how. */
export class BadRequest extends Error {
  readonly statusCode = 400;
}

function wantsJson(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || request.url === '/health';
}

function clientMessage(error: FastifyError): { code: string; title: string; text: string } {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        code: 'payload_too_large',
        title: 'What you sent is too large',
        text: 'The form or file is larger than the service accepts. Send less at once and try again.',
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        code: 'unsupported_media_type',
        title: 'The service cannot read what you sent',
        text: 'Send the form from the page, or JSON to the API.',
      };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'invalid_json', title: 'The JSON could not be read', text: 'The request body is not valid JSON.' };
    default:
      return { code: 'bad_request', title: 'The request could not be understood', text: error.message };
  }
}

export function registerErrorPages(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => notFound(request, reply));

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status === 404) return notFound(request, reply);
    if (status >= 400 && status < 500) {
      request.log.info({ err: { code: error.code, message: error.message }, status }, 'request refused');
      const message =
        error instanceof BadRequest
          ? { code: 'bad_request', title: 'There is a problem', text: error.message }
          : clientMessage(error);
      if (wantsJson(request))
        return reply
          .code(status)
          .send({ error: { code: message.code, message: message.text }, correlationId: request.id });
      return reply
        .code(status)
        .view('message.njk', { pageTitle: message.title, paragraphs: [message.text], correlationId: request.id });
    }
    request.log.error({ err: error }, 'request failed');
    if (wantsJson(request)) {
      return reply.code(500).send({
        error: {
          code: 'internal_error',
          message: 'Something went wrong. Quote the correlation id if you contact support.',
        },
        correlationId: request.id,
      });
    }
    return reply.code(500).view('message.njk', {
      pageTitle: 'Sorry, there is a problem with the service',
      paragraphs: ['Try again later. Anything you had already saved is safe; the last change may not have been saved.'],
      correlationId: request.id,
    });
  });
}

function notFound(request: FastifyRequest, reply: FastifyReply) {
  if (wantsJson(request))
    return reply.code(404).send({ error: { code: 'not_found', message: 'Not found' }, correlationId: request.id });
  return reply.code(404).view('message.njk', {
    pageTitle: 'Page not found',
    paragraphs: [
      'If you typed the web address, check it is correct.',
      'If you pasted the web address, check you copied the entire address.',
    ],
    link: { href: '/', text: 'Go to the home page' },
  });
}
