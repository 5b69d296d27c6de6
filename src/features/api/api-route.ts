import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Action } from '../../domain/authorisation.ts';
import { NotFound } from '../../web/errors.ts';
import { actorOf, type Actor, type CurrentUser } from '../../web/request-context.ts';
import type { OpenApiDocument } from './openapi.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type Input<P, Q, B> = {
  user: CurrentUser;
  actor: Actor;
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
};

/**
 * One API operation: the zod schemas that validate its path, query and body are the same ones
 * the OpenAPI document is generated from, so the documentation cannot drift from validation.
 */
export type ApiRoute<P = unknown, Q = unknown, B = unknown> = {
  method: Method;
  /** Fastify's form: `/audits/:id`. The document shows it as `/audits/{id}`. */
  url: string;
  access: Exclude<Action, 'public'>;
  operationId: string;
  summary: string;
  description?: string;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** A body the route reads itself (an exchange file with its own published JSON Schema). */
  rawBody?: { contentType: string; schema: Record<string, unknown>; description: string };
  bodyLimit?: number;
  /** Status code to description and, when it answers JSON, the schema of the answer. */
  responses: Record<string, { description: string; schema?: z.ZodType; contentType?: string }>;
  handler: (input: Input<P, Q, B>) => Promise<unknown>;
};

/** Declares an operation with its types inferred from its schemas. */
export function apiRoute<P = unknown, Q = unknown, B = unknown>(route: ApiRoute<P, Q, B>): ApiRoute<P, Q, B> {
  return route;
}

/** A JSON pointer to the part of the request that is wrong: `/body/cases/0/reference`. */
function pointer(where: string, path: PropertyKey[]): string {
  return `/${[where, ...path.map(String)].map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/')}`;
}

function invalid(reply: FastifyReply, request: FastifyRequest, where: string, error: z.ZodError) {
  const problems = error.issues.map((issue) => ({ pointer: pointer(where, issue.path), message: issue.message }));
  return reply.code(400).send({
    error: {
      code: 'invalid_request',
      message: problems.map((p) => `${p.pointer}: ${p.message}`).join('; '),
      problems,
    },
    correlationId: request.id,
  });
}

const STANDARD_ERRORS = {
  '400': { $ref: '#/components/responses/BadRequest' },
  '401': { $ref: '#/components/responses/Unauthorised' },
  '404': { $ref: '#/components/responses/NotFound' },
};

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete generated.$schema;
  return generated;
}

function parameters(route: ApiRoute<unknown, unknown, unknown>) {
  const list: Record<string, unknown>[] = [];
  for (const [where, schema] of [
    ['path', route.params],
    ['query', route.query],
  ] as const) {
    if (!schema) continue;
    const generated = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, property] of Object.entries(generated.properties ?? {})) {
      const described = property as { description?: string };
      list.push({
        name,
        in: where,
        required: where === 'path' || (generated.required ?? []).includes(name),
        ...(described.description ? { description: described.description } : {}),
        schema: property,
      });
    }
  }
  return list;
}

function documentRoute(document: OpenApiDocument, route: ApiRoute<unknown, unknown, unknown>): void {
  const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
  const entry = (document.paths[path] ??= {}) as Record<string, unknown>;
  const responses: Record<string, unknown> = { ...STANDARD_ERRORS };
  for (const [status, response] of Object.entries(route.responses)) {
    responses[status] = {
      description: response.description,
      ...(response.schema
        ? {
            content: {
              [response.contentType ?? 'application/json']: { schema: jsonSchema(response.schema, 'output') },
            },
          }
        : response.contentType
          ? { content: { [response.contentType]: {} } }
          : {}),
    };
  }
  const params = parameters(route);
  entry[route.method.toLowerCase()] = {
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    operationId: route.operationId,
    ...(params.length ? { parameters: params } : {}),
    ...(route.body
      ? {
          requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } },
        }
      : route.rawBody
        ? {
            requestBody: {
              required: true,
              description: route.rawBody.description,
              content: { [route.rawBody.contentType]: { schema: route.rawBody.schema } },
            },
          }
        : {}),
    responses,
  };
}

/**
 * Registers API operations and documents them. Path parameters that do not parse answer 404 (an
 * id that cannot exist names nothing); a query or body that does not parse answers 400 naming the
 * JSON pointer of every problem.
 */
// A table holds operations of many shapes; each is checked against its own schemas where it is declared.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyApiRoute = ApiRoute<any, any, any>;

export function registerApi(app: FastifyInstance, document: OpenApiDocument, routes: AnyApiRoute[]): void {
  for (const declared of routes) {
    const route = declared as unknown as ApiRoute<unknown, unknown, unknown>;
    documentRoute(document, route);
    app.route({
      method: route.method,
      url: route.url,
      config: { access: route.access, api: true },
      ...(route.bodyLimit ? { bodyLimit: route.bodyLimit } : {}),
      handler: async (request, reply) => {
        const user = request.user;
        if (!user) throw new NotFound();
        const params = route.params
          ? route.params.safeParse(request.params)
          : { success: true as const, data: request.params };
        if (!params.success) throw new NotFound();
        const query = route.query
          ? route.query.safeParse(request.query ?? {})
          : { success: true as const, data: request.query };
        if (!query.success) return invalid(reply, request, 'query', query.error);
        const body = route.body
          ? route.body.safeParse(request.body ?? {})
          : { success: true as const, data: request.body };
        if (!body.success) return invalid(reply, request, 'body', body.error);
        return route.handler({
          user,
          actor: actorOf(request),
          params: params.data,
          query: query.data,
          body: body.data,
          request,
          reply,
        });
      },
    });
  }
}
