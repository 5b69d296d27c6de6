import type { Db } from '../../src/db/database.ts';
import type { AuditStatus } from '../../src/db/schema.ts';
import { ensureShippedTemplates } from '../../src/features/templates/template-repository.ts';

let counter = 0;

/** An audit with cases, invited agencies and the shipped general tool, ready for returns. */
export function anAudit(partnershipId: string) {
  const state: {
    status: AuditStatus;
    agencies: string[];
    cases: number;
    settings: Record<string, unknown>;
    tools: string[];
  } = {
    status: 'returns_open',
    agencies: [],
    cases: 1,
    settings: {},
    tools: ['general'],
  };
  const builder = {
    inStatus(status: AuditStatus) {
      state.status = status;
      return builder;
    },
    inviting(...agencyIds: string[]) {
      state.agencies.push(...agencyIds);
      return builder;
    },
    withCases(n: number) {
      state.cases = n;
      return builder;
    },
    sharingReturnsEarly() {
      state.settings.shareReturnsEarly = true;
      return builder;
    },
    withTools(...shippedKeys: string[]) {
      state.tools = shippedKeys;
      return builder;
    },
    async create(db: Db): Promise<{ id: string; caseIds: string[] }> {
      counter++;
      const audit = await db
        .insertInto('audit')
        .values({
          partnership_id: partnershipId,
          reference: `TEST-${Date.now()}-${counter}`,
          title: `Test audit ${counter}`,
          status: state.status,
          settings: JSON.stringify(state.settings),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const agencyId of state.agencies)
        await db.insertInto('audit_agency').values({ audit_id: audit.id, agency_id: agencyId }).execute();
      const caseIds: string[] = [];
      for (let i = 1; i <= state.cases; i++) {
        const row = await db
          .insertInto('audit_case')
          .values({ audit_id: audit.id, reference: `Case ${i}`, position: i })
          .returning('id')
          .executeTakeFirstOrThrow();
        caseIds.push(row.id);
      }
      await ensureShippedTemplates(db, partnershipId);
      for (const [position, key] of state.tools.entries()) {
        const version = await db
          .selectFrom('template_version as v')
          .innerJoin('tool_template as t', 't.id', 'v.template_id')
          .select('v.id')
          .where('t.partnership_id', '=', partnershipId)
          .where('t.shipped_key', '=', key)
          .executeTakeFirstOrThrow();
        await db
          .insertInto('audit_tool')
          .values({ audit_id: audit.id, template_version_id: version.id, position })
          .execute();
      }
      return { id: audit.id, caseIds };
    },
  };
  return builder;
}

/** An agency's return for a case, as recording "involved" creates it. */
export async function aReturn(db: Db, caseId: string, agencyId: string): Promise<string> {
  await db
    .insertInto('involvement')
    .values({ case_id: caseId, agency_id: agencyId, status: 'involved' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const row = await db
    .insertInto('agency_return')
    .values({ case_id: caseId, agency_id: agencyId })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
