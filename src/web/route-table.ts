import type { FastifyInstance, FastifyReply, FastifyRequest, RouteGenericInterface } from 'fastify';
import type { Action } from '../domain/authorisation.ts';
import { NotFound } from './errors.ts';
import type { CurrentSession, CurrentUser } from './request-context.ts';

/**
 * A request on a route that is not public: the access hook has already loaded the person and their
 * session, so a controller reads `request.user` without asserting it exists.
 */
export type SignedInRequest<G extends RouteGenericInterface = RouteGenericInterface> = FastifyRequest<G> & {
  user: CurrentUser;
  session: CurrentSession;
};

/** A page's GET or POST: parse, call one service, render or redirect. */
export type Controller<G extends RouteGenericInterface = RouteGenericInterface> = (
  request: SignedInRequest<G>,
  reply: FastifyReply,
) => Promise<unknown>;

/** A page anyone may open (sign-in, the public library): the person may not be signed in. */
export type PublicController<G extends RouteGenericInterface = RouteGenericInterface> = (
  request: FastifyRequest<G>,
  reply: FastifyReply,
) => Promise<unknown>;

type Method = 'GET' | 'POST';
type Stages = ('mfa' | 'enrol')[];

/** One row of a feature's route table: path, method, who may use it, and its controller. */
export type PageRoute = {
  method: Method;
  url: string;
  access: Action;
  stages?: Stages;
  // The table holds controllers of many route shapes; each is typed where it is written.
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
};

function signedIn(
  method: Method,
  url: string,
  access: Exclude<Action, 'public'>,
  controller: Controller<never>,
  stages?: Stages,
): PageRoute {
  const handler = controller as unknown as Controller;
  return {
    method,
    url,
    access,
    stages,
    handler: async (request, reply) => {
      // The access hook lets no one without a user and session this far; this keeps the type honest.
      if (!request.user || !request.session) throw new NotFound();
      return handler(request as SignedInRequest, reply);
    },
  };
}

export const page = {
  get: <G extends RouteGenericInterface>(
    url: string,
    access: Exclude<Action, 'public'>,
    controller: Controller<G>,
    options: { stages?: Stages } = {},
  ) => signedIn('GET', url, access, controller, options.stages),
  post: <G extends RouteGenericInterface>(
    url: string,
    access: Exclude<Action, 'public'>,
    controller: Controller<G>,
    options: { stages?: Stages } = {},
  ) => signedIn('POST', url, access, controller, options.stages),
  publicGet: <G extends RouteGenericInterface>(url: string, controller: PublicController<G>): PageRoute => ({
    method: 'GET',
    url,
    access: 'public',
    handler: controller as unknown as PageRoute['handler'],
  }),
  publicPost: <G extends RouteGenericInterface>(url: string, controller: PublicController<G>): PageRoute => ({
    method: 'POST',
    url,
    access: 'public',
    handler: controller as unknown as PageRoute['handler'],
  }),
};

/** Registers a feature's route table; the access hook then enforces each row's rule. */
export function registerPages(app: FastifyInstance, routes: PageRoute[]): void {
  for (const route of routes) {
    app.route({
      method: route.method,
      url: route.url,
      config: { access: route.access, ...(route.stages ? { stages: route.stages } : {}) },
      handler: route.handler,
    });
  }
}
