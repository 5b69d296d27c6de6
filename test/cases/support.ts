import crypto from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Role } from '../../src/domain/roles.ts';
import { Browser, type TestApp } from '../support/app.ts';
import { aPartnership, anAgency, aUser } from '../support/builders.ts';

/** A partnership with two agencies and a signed-in person in each role the case pages care about. */
export async function casePeople(t: TestApp) {
  const db = t.database.db;
  const partnershipId = await aPartnership().create(db);
  const police = await anAgency(partnershipId).named('Leicestershire Police').create(db);
  const health = await anAgency(partnershipId).named('Community Health Trust').ofType('community_health').create(db);
  const person = async (role: Role, agencyId?: string) => {
    let builder = aUser(partnershipId).withRole(role).named(`${role} person`).exemptFromSecondFactor();
    if (agencyId) builder = builder.inAgency(agencyId);
    const user = await builder.create(db);
    const browser = new Browser(t.app);
    const response = await browser.signIn(user.email, user.password);
    if (response.headers.location !== '/') throw new Error(`sign-in failed for ${role}`);
    const token = (
      await t.services.apiTokens.create(user.id, 'test', {
        userId: user.id,
        partnershipId,
        correlationId: null,
        ip: null,
      })
    ).token;
    return { id: user.id, browser, token };
  };
  return {
    partnershipId,
    police,
    health,
    coordinator: await person('coordinator'),
    panel: await person('panel_member'),
    administrator: await person('administrator'),
    policeLead: await person('audit_lead', police),
    policeAuditor: await person('auditor', police),
    healthAuditor: await person('auditor', health),
  };
}
export type CasePeople = Awaited<ReturnType<typeof casePeople>>;

/** Audit-log rows for an action, newest last. */
export async function logged(t: TestApp, action: string, recordId?: string) {
  let query = t.database.db
    .selectFrom('audit_log')
    .select(['action', 'user_id', 'record_id', 'detail'])
    .where('action', '=', action);
  if (recordId) query = query.where('record_id', '=', recordId);
  return query.orderBy('id').execute();
}

/** Every row of the audit log as text, to check that no identifying detail ever reaches it. */
export async function wholeLog(t: TestApp): Promise<string> {
  const rows = await t.database.db.selectFrom('audit_log').selectAll().execute();
  return JSON.stringify(rows);
}

/** A multipart form as a browser sends it, with the session's cookies. */
export async function upload(
  t: TestApp,
  browser: Browser,
  url: string,
  file: { name: string; content: Buffer; type?: string } | undefined,
  fields: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const boundary = `----maca${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'text/csv'}\r\n\r\n`,
      ),
    );
    parts.push(file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const cookie = [...browser.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const response = await t.app.inject({
    method: 'POST',
    url,
    payload: Buffer.concat(parts),
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
  });
  if (response.headers['content-type']?.toString().startsWith('text/html')) browser.lastHtml = response.body;
  return response;
}

/** The upload form's action, with its CSRF token, from the candidates page. */
export async function uploadAction(browser: Browser, auditId: string): Promise<string> {
  const page = await browser.get(`/audits/${auditId}/candidates`);
  const match = /action="([^"]*\/candidates\/upload\?_csrf=[^"]+)"/.exec(page.body);
  if (!match?.[1]) throw new Error('No upload form on the candidates page');
  return match[1].replace(/&amp;/g, '&');
}

export function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}
