import type { FastifyRequest } from 'fastify';
import type { Principal } from '../domain/authorisation.ts';
import type { Role } from '../domain/roles.ts';
import type { SessionData } from '../db/schema.ts';

/** The signed-in person as every controller sees them. */
export type CurrentUser = Principal & {
  email: string;
  partnershipName: string;
  displayName: string;
  agencyName: string | null;
  mfaExempt: boolean;
  roles: Role[];
};

export type CurrentSession = {
  id: string;
  stage: 'mfa' | 'enrol' | 'full';
  data: SessionData;
  createdAt: Date;
};

/** The banner shown once on the next page. */
export type Flash = NonNullable<SessionData['flash']>;

/** Who did it, from where, under which correlation id: what the audit log records. */
export type Actor = {
  userId: string | null;
  partnershipId: string | null;
  correlationId: string | null;
  ip: string | null;
};

export function actorOf(request: FastifyRequest): Actor {
  return {
    userId: request.user?.id ?? null,
    partnershipId: request.user?.partnershipId ?? null,
    correlationId: request.id,
    ip: request.ip,
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    user: CurrentUser | undefined;
    session: CurrentSession | undefined;
    sessionExpired: boolean;
    csrfToken: string;
    cspNonce: string;
    apiToken: boolean;
  }
  interface FastifyReply {
    view(template: string, context?: Record<string, unknown>): FastifyReply;
    /** Keeps a GOV.UK notification banner for the next page the person sees (post-redirect-get). */
    flash(message: Flash): Promise<void>;
  }
  interface FastifyContextConfig {
    /** Who may use the route: an action of the authorisation module. Required on every route. */
    access?: import('../domain/authorisation.ts').Action;
    /** Session stages, other than a full sign-in, that may use the route (second-factor pages). */
    stages?: ('mfa' | 'enrol')[];
    /** Routes that take a bearer token rather than a browser session. */
    api?: boolean;
  }
}
