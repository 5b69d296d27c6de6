import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';

let t: TestApp;
let partnershipId: string;
let adminId: string;
let admin: Browser;

beforeAll(async () => {
  t = await buildTestApp();
  partnershipId = await aPartnership().create(t.database.db);
  const user = await aUser(partnershipId)
    .withRole('administrator')
    .exemptFromSecondFactor()
    .named('Ada Admin')
    .create(t.database.db);
  adminId = user.id;
  admin = new Browser(t.app);
  await admin.signIn(user.email, user.password);
});
afterAll(async () => t?.close());

describe('agencies', () => {
  it('adds and changes agencies, refusing bad input and duplicate names with the input kept', async () => {
    await admin.get('/admin/agencies/new');
    const empty = await admin.post('/admin/agencies', { name: '', type: 'nonsense' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter the agency’s name');
    expect(empty.body).toContain('Select the type of agency');
    expect(
      (
        await admin.post('/admin/agencies', {
          name: 'Testshire Police',
          type: 'police',
          safeguardingLeadEmail: 'lead@police.example',
        })
      ).statusCode,
    ).toBe(303);
    const duplicate = await admin.post('/admin/agencies', { name: 'testshire POLICE', type: 'police' });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body).toContain('There is already an agency with this name');
    expect(duplicate.body).toContain('value="testshire POLICE"');
    const agency = await t.database.db
      .selectFrom('agency')
      .select('id')
      .where('name', '=', 'Testshire Police')
      .executeTakeFirstOrThrow();
    await admin.get(`/admin/agencies/${agency.id}`);
    expect(
      (
        await admin.post(`/admin/agencies/${agency.id}`, {
          name: 'Testshire Constabulary',
          type: 'police',
          active: 'no',
        })
      ).statusCode,
    ).toBe(303);
    expect((await admin.get('/admin/agencies')).body).toContain('Inactive');
  });

  it('answers 404 to a coordinator, and to an administrator of another partnership', async () => {
    const agencyId = await anAgency(partnershipId).create(t.database.db);
    const coordinator = await aUser(partnershipId)
      .withRole('coordinator')
      .exemptFromSecondFactor()
      .create(t.database.db);
    const b = new Browser(t.app);
    await b.signIn(coordinator.email, coordinator.password);
    for (const url of ['/admin/agencies', '/admin/users', '/admin/settings', '/admin/audit-log', '/admin/outbox'])
      expect((await b.get(url)).statusCode, url).toBe(404);
    const other = await aPartnership().create(t.database.db);
    const otherAdmin = await aUser(other).withRole('administrator').exemptFromSecondFactor().create(t.database.db);
    const o = new Browser(t.app);
    await o.signIn(otherAdmin.email, otherAdmin.password);
    expect((await o.get(`/admin/agencies/${agencyId}`)).statusCode).toBe(404);
    expect((await o.get(`/admin/users/${adminId}`)).statusCode).toBe(404);
  });
});

describe('people', () => {
  it('invites a person, whose e-mailed link sets their password', async () => {
    const agencyId = await anAgency(partnershipId).named('Invite agency').create(t.database.db);
    await admin.get('/admin/users/new');
    const noAgency = await admin.post('/admin/users', {
      name: 'Ivy Auditor',
      email: 'ivy@example.org',
      roles: ['auditor'],
    });
    expect(noAgency.body).toContain('Select an agency for agency auditor');
    expect(
      (
        await admin.post('/admin/users', {
          name: 'Ivy Auditor',
          email: 'ivy@example.org',
          roles: ['auditor'],
          agencyId,
        })
      ).statusCode,
    ).toBe(303);
    const again = await admin.post('/admin/users', {
      name: 'Ivy Again',
      email: 'IVY@example.org',
      roles: ['auditor'],
      agencyId,
    });
    expect(again.body).toContain('Someone already has an account with this email address');
    const outbox = await admin.get('/admin/outbox?to=ivy');
    const messageId = /\/admin\/outbox\/([0-9a-f-]{36})/.exec(outbox.body)![1]!;
    const message = await admin.get(`/admin/outbox/${messageId}`);
    const link = /href="(http[^"]+set-password\?token=[^"]+)"/.exec(message.body)![1]!;
    const invitee = new Browser(t.app);
    const url = new URL(link);
    await invitee.get(url.pathname + url.search);
    expect(
      (
        await invitee.post('/set-password', {
          token: url.searchParams.get('token')!,
          password: 'ivy has a long password',
          confirm: 'ivy has a long password',
        })
      ).headers.location,
    ).toBe('/password-set');
    const signIn = await invitee.signIn('ivy@example.org', 'ivy has a long password');
    expect(signIn.headers.location).toBe('/account/two-factor/set-up');
  });

  it('ends a person’s sessions when their roles change, and refuses to let an administrator lock themself out', async () => {
    const person = await aUser(partnershipId).withRole('practitioner').create(t.database.db);
    const b = new Browser(t.app);
    await b.signIn(person.email, person.password);
    expect((await b.get('/')).statusCode).toBe(200);
    await admin.get(`/admin/users/${person.id}`);
    expect(
      (
        await admin.post(`/admin/users/${person.id}`, {
          name: 'Test Person',
          roles: ['practitioner', 'panel_member'],
          active: 'yes',
        })
      ).statusCode,
    ).toBe(303);
    expect((await b.get('/')).statusCode).toBe(303);
    await admin.get(`/admin/users/${adminId}`);
    const self = await admin.post(`/admin/users/${adminId}`, {
      name: 'Ada Admin',
      roles: ['coordinator'],
      active: 'yes',
    });
    expect(self.statusCode).toBe(400);
    expect(self.body).toContain('You cannot remove your own administrator role');
  });
});

describe('settings and the audit log', () => {
  it('renames the partnership in the header', async () => {
    await admin.get('/admin/settings');
    const bad = await admin.post('/admin/settings', { name: '' });
    expect(bad.body).toContain('Enter the partnership’s name');
    const points = {
      sharingDays: '14',
      closedDays: '60',
      missedCount: '4',
      driftDays: '28',
      daysBefore: '10',
      overdueEveryDays: '14',
    };
    const badPoints = await admin.post('/admin/settings', {
      name: 'Renamed Safeguarding Partnership',
      publicLibrary: 'no',
      ...points,
      missedCount: 'lots',
    });
    expect(badPoints.body).toContain(
      'Missed appointments before a point is raised must be a whole number from 2 to 50',
    );
    const badReminders = await admin.post('/admin/settings', {
      name: 'Renamed Safeguarding Partnership',
      publicLibrary: 'no',
      ...points,
      overdueEveryDays: '0',
    });
    expect(badReminders.body).toContain(
      'Days between reminders once returns are overdue must be a whole number from 1 to 60',
    );
    await admin.post('/admin/settings', { name: 'Renamed Safeguarding Partnership', publicLibrary: 'no', ...points });
    const saved = await t.database.db
      .selectFrom('partnership')
      .select('settings')
      .where('id', '=', partnershipId)
      .executeTakeFirstOrThrow();
    expect(saved.settings.discussionPoints).toEqual({ sharingDays: 14, closedDays: 60, missedCount: 4, driftDays: 28 });
    expect(saved.settings.returnsReminders).toEqual({ daysBefore: 10, overdueEveryDays: 14 });
    expect((await admin.get('/')).body).toContain('Renamed Safeguarding Partnership');
  });

  it('filters by person, action and dates, refuses impossible dates, and exports CSV with formulas neutralised', async () => {
    const sly = await aUser(partnershipId).withRole('practitioner').named('=SUM(A1)').create(t.database.db);
    const b = new Browser(t.app);
    await b.signIn(sly.email, sly.password);
    const filtered = await admin.get(`/admin/audit-log?user=${sly.id}&action=sign-in.succeeded`);
    expect(filtered.body).toContain('1 entry');
    const bad = await admin.get('/admin/audit-log?from-day=31&from-month=2&from-year=2026');
    expect(bad.body).toContain('The from date must be a real date');
    const csv = await admin.get(`/admin/audit-log.csv?user=${sly.id}`);
    expect(csv.body).toContain(`'=SUM(A1)`);
    const viewed = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('user_id', '=', adminId)
      .where('action', 'in', ['audit-log.viewed', 'audit-log.exported'])
      .execute();
    expect(viewed.length).toBeGreaterThanOrEqual(3);
  });

  it('keeps the audit log append-only', async () => {
    await expect(sql`UPDATE audit_log SET action = 'tampered'`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_log`.execute(t.database.db)).rejects.toThrow(/append-only/);
  });
});
