import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { findUserById, toCurrentUser } from '../../src/features/auth/user-repository.ts';
import type { ExchangeDocument } from '../../src/features/exchange/exchange-document.ts';
import type { ExchangeService } from '../../src/features/exchange/exchange-service.ts';
import type { CurrentUser } from '../../src/web/request-context.ts';
import { createServices } from '../../src/services.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { aFullAudit } from '../support/exchange-builders.ts';

/** A recommendation's kind leaves in the exchange file and comes back; an unknown kind is refused. */
let database: TestDatabase;
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', MACA_DEMO: 'false' });
let exchange: ExchangeService;
let source: CurrentUser;
let target: CurrentUser;
let document: ExchangeDocument;
const actorOf = (user: CurrentUser) => ({
  userId: user.id,
  partnershipId: user.partnershipId,
  correlationId: 't',
  ip: null,
});
const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

async function coordinatorOf(partnershipId: string): Promise<CurrentUser> {
  const { id } = await aUser(partnershipId).withRole('coordinator').create(database.db);
  return toCurrentUser((await findUserById(database.db, id))!);
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  exchange = createServices({ config, db }).exchange;
  const p1 = await aPartnership('Source').create(db);
  const agencyIds = [
    await anAgency(p1).named('Police').ofType('police').create(db),
    await anAgency(p1).named('Social Care').ofType('social_care').create(db),
    await anAgency(p1).named('Health').ofType('community_health').create(db),
  ];
  source = await coordinatorOf(p1);
  const audit = await aFullAudit(db, config.encryptionKey, { partnershipId: p1, agencyIds, leadUserId: source.id });
  await db.updateTable('recommendation').set({ kind: 'procedure' }).where('audit_id', '=', audit.id).execute();
  const p2 = await aPartnership('Target').create(db);
  await anAgency(p2).named('Police').ofType('police').create(db);
  await anAgency(p2).named('Social Care').ofType('social_care').create(db);
  await anAgency(p2).named('Health').ofType('community_health').create(db);
  target = await coordinatorOf(p2);
  document = await exchange.exportAudit(source, { auditId: audit.id, withIdentities: false }, actorOf(source));
});
afterAll(async () => database?.drop());

async function importedKinds(doc: ExchangeDocument) {
  const result = await exchange.importAudit(target, doc, { asCopy: true }, actorOf(target));
  if (result.kind !== 'imported') throw new Error(JSON.stringify(result));
  const rows = await database.db
    .selectFrom('recommendation')
    .select(['kind', 'assurance_request'])
    .where('audit_id', '=', result.auditId)
    .execute();
  return rows.map((r) => [r.kind, r.assurance_request]);
}

describe('a recommendation’s kind in the exchange file', () => {
  it('is exported and imported as it was', async () => {
    expect(document.recommendations.map((r) => r.kind)).toEqual(['procedure']);
    expect(await importedKinds(copy(document))).toEqual([['procedure', true]]);
  });

  it('reads a file written before kinds were recorded: an assurance request is an assurance recommendation', async () => {
    const old = copy(document);
    delete old.recommendations[0]!.kind;
    expect(await importedKinds(old)).toEqual([['assurance', true]]);
    const notAsked = copy(old);
    notAsked.recommendations[0]!.assuranceRequest = false;
    expect(await importedKinds(notAsked)).toEqual([[null, false]]);
    const notStated = copy(document);
    notStated.recommendations[0]!.kind = null;
    expect(await importedKinds(notStated)).toEqual([[null, true]]);
  });

  it('refuses an unknown kind with its JSON pointer and the allowed values', async () => {
    const bad = copy(document) as unknown as { recommendations: { kind: string }[] };
    bad.recommendations[0]!.kind = 'policy';
    const result = await exchange.importAudit(target, bad, {}, actorOf(target));
    expect(result.kind).toBe('invalid');
    if (result.kind !== 'invalid') return;
    expect(result.problems).toContainEqual({
      path: '/recommendations/0/kind',
      message: 'must be one of: assurance, practice_change, procedure, training, null',
    });
  });
});
