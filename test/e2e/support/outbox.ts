import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'vitest';
import type { Db } from '../../../src/db/database.ts';
import type { Journey } from './journey.ts';

export type KeptEmail = { id: string; subject: string; body: string; template: string };

/** Waits until the sending job has delivered the newest e-mail to this address into the outbox. */
export async function waitForEmail(db: Db, to: string, template: string, timeoutMs = 20_000): Promise<KeptEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await db
      .selectFrom('outbox')
      .select(['id', 'subject', 'body', 'template', 'status'])
      .where('to_address', '=', to)
      .where('template', '=', template)
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (row?.status === 'kept') return { id: row.id, subject: row.subject, body: row.body, template: row.template };
    if (Date.now() > deadline)
      throw new Error(
        `No ${template} e-mail to ${to} reached the outbox within ${timeoutMs} ms (last status: ${row?.status ?? 'none'})`,
      );
    await sleep(250);
  }
}

/** The first web address in an e-mail's text. */
export function linkIn(body: string): URL {
  const match = /https?:\/\/\S+/.exec(body);
  if (!match) throw new Error(`No link in the e-mail:\n${body}`);
  return new URL(match[0]);
}

/**
 * An administrator finds the newest e-mail to `to` on the outbox page, opens it, and reads the
 * link in it: how, with MAIL_TRANSPORT=outbox, a link reaches the person it was meant for.
 */
export async function openEmailInOutbox(admin: Journey, to: string, subject: string): Promise<URL> {
  await admin.visit('/admin/outbox');
  await admin.expectHeading('Outbox');
  await admin.fill('Recipient', to);
  await admin.clickButton('Filter');
  expect(admin.path()).toBe(`/admin/outbox?to=${encodeURIComponent(to)}`);
  const row = admin.page.getByRole('row').filter({ hasText: to }).filter({ hasText: subject }).first();
  expect(
    await row.getByText('Kept (not sent)').count(),
    `the ${subject} e-mail to ${to} has been delivered to the outbox`,
  ).toBe(1);
  await admin.submit(() => row.getByRole('link', { name: subject, exact: true }).click());
  await admin.expectHeading(subject);
  const anchor = admin.page.locator('#message-body a');
  expect(await anchor.count(), 'links in the message').toBe(1);
  const href = await anchor.getAttribute('href');
  expect(href).toBe((await anchor.innerText()).trim());
  return new URL(href ?? '');
}
