import type { FastifyInstance } from 'fastify';
import type { Db } from '../../src/db/database.ts';
import { can } from '../../src/domain/authorisation.ts';
import { dateInWords } from '../../src/domain/calendar-date.ts';
import { findUserByEmail, toCurrentUser } from '../../src/features/auth/user-repository.ts';
import type { Services } from '../../src/services.ts';
import type { Browser } from './app.ts';
import type { CaseIdentityTerms, Fetch } from './site-crawl.ts';

/** The crawl's fetch through `app.inject`, with the signed-in person's cookies. */
export function inProcessFetch(browser: Browser): Fetch {
  return async (path) => {
    const response = await browser.get(path);
    const location = response.headers.location;
    return {
      status: response.statusCode,
      location: typeof location === 'string' ? location : undefined,
      contentType: String(response.headers['content-type'] ?? ''),
      attachment: /^\s*attachment/i.test(String(response.headers['content-disposition'] ?? '')),
      body: response.body,
      bytes: response.rawPayload,
    };
  };
}

/**
 * Whether a person's form may be sent to a path at all: some route of that method and shape,
 * whose declared rule lets this person in (without the resource in hand, so an over-estimate:
 * it catches a form shown to a role that can never use it).
 */
export async function declaredRuleAllows(
  app: FastifyInstance,
  db: Db,
  email: string,
): Promise<(method: string, path: string) => boolean> {
  const record = await findUserByEmail(db, email);
  if (!record) throw new Error(`No user ${email}`);
  const user = toCurrentUser(record);
  const routes = app.routeCatalogue
    .filter((r) => !r.api)
    .map((r) => ({
      method: r.method,
      pattern: new RegExp(`^${r.url.replace(/[.]/g, '\\.').replace(/:[A-Za-z]+/g, '[^/]+')}$`),
      access: r.access,
    }));
  return (method, path) => routes.some((r) => r.method === method && r.pattern.test(path) && can(user, r.access));
}

/**
 * Every demo case's identifying details, read as the demo coordinator through the identity service
 * (as the identifying-details page reads them): names, dates of birth as stored and as shown,
 * addresses and record numbers.
 */
export async function demoIdentityTerms(
  db: Db,
  services: Services,
  coordinatorEmail = 'coordinator@demo.maca.test',
): Promise<CaseIdentityTerms[]> {
  const record = await findUserByEmail(db, coordinatorEmail);
  if (!record) throw new Error(`No demo coordinator ${coordinatorEmail}`);
  const coordinator = toCurrentUser(record);
  const actor = { userId: coordinator.id, partnershipId: coordinator.partnershipId, correlationId: null, ip: null };
  const cases = await db
    .selectFrom('audit_case')
    .innerJoin('audit', 'audit.id', 'audit_case.audit_id')
    .select(['audit_case.id', 'audit_case.audit_id'])
    .where('audit.partnership_id', '=', coordinator.partnershipId)
    .execute();
  const found: CaseIdentityTerms[] = [];
  for (const kase of cases) {
    const { audit } = await services.identity.authorise(coordinator, kase.audit_id, kase.id);
    const { identity } = await services.identity.view(audit, kase.id, actor);
    const terms = [
      ...identity.children.flatMap((c) => [
        c.name,
        ...(c.dateOfBirth ? [c.dateOfBirth, dateInWords(c.dateOfBirth)] : []),
      ]),
      ...identity.adults.map((a) => a.name),
      ...identity.addresses,
      ...identity.records.map((r) => r.value),
    ]
      .map((term) => term.trim())
      .filter((term) => term.length >= 4);
    if (terms.length > 0) found.push({ caseId: kase.id, terms: [...new Set(terms)] });
  }
  return found;
}
