import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import qs from 'node:querystring';
import { accountRoutes } from './features/account/routes.ts';
import { adminRoutes } from './features/admin/routes.ts';
import { apiRoutes } from './features/api/routes.ts';
import { auditRoutes } from './features/audits/routes.ts';
import { authRoutes } from './features/auth/routes.ts';
import { caseRoutes } from './features/cases/routes.ts';
import { involvementRoutes } from './features/involvement/routes.ts';
import { chronologyRoutes } from './features/chronology/routes.ts';
import { concernRoutes } from './features/concerns/routes.ts';
import { meetingRoutes } from './features/meeting/routes.ts';
import { actionRoutes } from './features/actions/routes.ts';
import { returnRoutes } from './features/returns/routes.ts';
import { templateRoutes } from './features/templates/routes.ts';
import { homeRoutes } from './features/home/routes.ts';
import { briefingRoutes } from './features/briefings/routes.ts';
import { reportRoutes } from './features/report/routes.ts';
import { exchangeRoutes } from './features/exchange/routes.ts';
import type { Services } from './services.ts';
import { registerAccessControl } from './web/access.ts';
import { registerErrorPages } from './web/errors.ts';
import { registerViews } from './web/render.ts';

type FeatureRoutes = (app: FastifyInstance, services: Services) => void | Promise<void>;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Form and JSON bodies; files, when later features accept them, have their own limits. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

const CORRELATION_ID = /^[A-Za-z0-9._-]{8,100}$/;

export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    // Only the route pattern is logged, never the query string or body: no tokens or case details in logs.
    serializers: {
      req: (request) => ({ method: request.method, url: (request.url ?? '').split('?')[0], id: request.id }),
      res: (reply) => ({ statusCode: reply.statusCode }),
    },
    redact: ['req.headers.cookie', 'req.headers.authorization'],
  };
}

export async function createApp(
  services: Services,
  options: { logger?: FastifyServerOptions['logger'] | false } = {},
): Promise<FastifyInstance> {
  const { config } = services;
  const app = Fastify({
    logger: options.logger ?? loggerOptions(config.logLevel),
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: config.production,
    genReqId: (request) => {
      const offered = request.headers['x-correlation-id'];
      return typeof offered === 'string' && CORRELATION_ID.test(offered) ? offered : crypto.randomUUID();
    },
    return503OnClosing: true,
    // On shutdown, idle keep-alive connections close at once; requests in flight finish.
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true },
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-correlation-id', request.id);
    if (!request.url.startsWith('/assets/')) reply.header('cache-control', 'no-store');
  });

  await app.register(fastifyHelmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: config.production ? [] : null,
      },
    },
    strictTransportSecurity: config.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: BODY_LIMIT_BYTES, parser: (body) => qs.parse(body) });

  registerViews(app, services.views, services);
  registerAccessControl(app, services);
  registerErrorPages(app);
  await app.register(fastifyStatic, {
    root: path.join(root, 'public'),
    prefix: '/assets/',
    maxAge: config.production ? '1d' : 0,
    decorateReply: false,
  });

  // Each feature registers its route table in a scope of its own (some add body parsers or hooks there).
  const features: FeatureRoutes[] = [
    homeRoutes,
    authRoutes,
    accountRoutes,
    adminRoutes,
    auditRoutes,
    caseRoutes,
    involvementRoutes,
    templateRoutes,
    returnRoutes,
    concernRoutes,
    chronologyRoutes,
    meetingRoutes,
    actionRoutes,
    briefingRoutes,
    reportRoutes,
    exchangeRoutes,
  ];
  for (const routes of features) await app.register((scope) => Promise.resolve(routes(scope, services)));
  await app.register((scope) => Promise.resolve(apiRoutes(scope, services)), { prefix: '/api/v1' });
  return app;
}
