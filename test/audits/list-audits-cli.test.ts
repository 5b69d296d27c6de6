import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAuditsCommand } from '../../src/cli/commands/list-audits.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { aPartnershipWithPeople, anAuditPlanned, type People } from './support.ts';

let t: TestApp;
let people: People;

async function run(options: Parameters<typeof listAuditsCommand>[1]) {
  let output = '';
  const code = await listAuditsCommand(t.services.audits, options, (text) => (output += text));
  return { code, output };
}

beforeAll(async () => {
  t = await buildTestApp();
  people = await aPartnershipWithPeople(t);
  await anAuditPlanned(t, people, {
    plan: { title: 'Domestic abuse\u001b[31m audit', reference: 'DA-2018' },
    cases: 7,
    invite: [people.police, people.health],
  });
  const neglect = await anAuditPlanned(t, people, {
    plan: { title: 'Neglect audit', reference: 'NEG-2020', milestones: [] },
  });
  await t.database.db.updateTable('audit').set({ status: 'closed' }).where('id', '=', neglect.id).execute();
});
afterAll(async () => t?.close());

describe('maca list-audits', () => {
  it('prints every audit as a table, without control characters from titles', async () => {
    const { code, output } = await run({});
    expect(code).toBe(0);
    const lines = output.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Partnership\s+Reference\s+Title\s+Theme\s+Status\s+Cases\s+Agencies\s+Next milestone$/);
    const da = lines.find((l) => l.includes('DA-2018'))!;
    expect(da).toMatch(
      /DA-2018\s+Domestic abuse \[31m audit\s+Domestic abuse\s+Planning\s+7\s+2\s+Returns deadline 2018-12-14/,
    );
    expect(output).not.toContain('\u001b');
    expect(output).toContain('NEG-2020');
  });

  it('prints JSON with --json, and filters by partnership and status', async () => {
    const { code, output } = await run({ json: true, status: 'closed' });
    expect(code).toBe(0);
    const rows = JSON.parse(output) as { reference: string }[];
    expect(rows.map((r: { reference: string }) => r.reference)).toEqual(['NEG-2020']);
    expect(rows[0]).toMatchObject({
      partnershipId: people.partnershipId,
      status: 'closed',
      caseCount: 0,
      scope: { from: '2018-06-01', to: '2018-11-30', text: '1 June 2018 to 30 November 2018' },
    });
    const byId = JSON.parse((await run({ json: true, partnership: people.partnershipId })).output) as unknown[];
    expect(byId).toHaveLength(2);
    expect((await run({ partnership: 'No such partnership' })).code).toBe(1);
    const bad = await run({ status: 'open' });
    expect(bad.code).toBe(2);
    expect(bad.output).toContain('--status must be one of: planning, returns_open');
  });
});
