import type { Db } from '../../db/database.ts';
import { asArray } from '../../web/forms.ts';
import { NotFound } from '../../web/errors.ts';
import type { Actor, CurrentUser } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';
import { auditForUser, type AuditInContext } from '../audits/audit-access.ts';

export type RecommendationInput = {
  text: string;
  addressedTo: 'partnership' | 'all_agencies' | 'agencies';
  agencyIds: string[];
  findingIds: string[];
  assurance: boolean;
  version: number;
};

/** Checks a posted recommendation against this audit's findings and invited agencies. */
export function readRecommendation(
  body: Record<string, string | string[]>,
  choices: { agencyIds: string[]; findingIds: string[] },
) {
  const errors: Record<string, { text: string }> = {};
  const text = String(body.text ?? '').trim();
  if (!text) errors.text = { text: 'Enter the recommendation' };
  else if (text.length > 4000) errors.text = { text: 'The recommendation must be 4000 characters or fewer' };
  const addressedTo = ['partnership', 'all_agencies', 'agencies'].includes(String(body.addressedTo))
    ? (body.addressedTo as RecommendationInput['addressedTo'])
    : undefined;
  if (!addressedTo) errors.addressedTo = { text: 'Select who the recommendation is for' };
  const agencyIds = asArray(body.agencies);
  if (addressedTo === 'agencies' && agencyIds.length === 0)
    errors.agencies = { text: 'Select the agencies the recommendation is for' };
  if (agencyIds.some((id) => !choices.agencyIds.includes(id)))
    errors.agencies = { text: 'Select agencies invited to this audit' };
  const findingIds = asArray(body.findings);
  if (findingIds.some((id) => !choices.findingIds.includes(id)))
    errors.findings = { text: 'Select findings from this audit' };
  if (Object.keys(errors).length || !addressedTo) return { ok: false as const, errors };
  return {
    ok: true as const,
    value: {
      text,
      addressedTo,
      agencyIds: addressedTo === 'agencies' ? agencyIds : [],
      findingIds,
      assurance: body.assurance === 'yes',
      version: Number(body.version) || 0,
    },
  };
}

export function createRecommendationService(db: Db) {
  async function links(trx: Db, id: string, input: RecommendationInput) {
    await trx.deleteFrom('recommendation_agency').where('recommendation_id', '=', id).execute();
    await trx.deleteFrom('recommendation_finding').where('recommendation_id', '=', id).execute();
    if (input.agencyIds.length)
      await trx
        .insertInto('recommendation_agency')
        .values(input.agencyIds.map((agency_id) => ({ recommendation_id: id, agency_id })))
        .execute();
    if (input.findingIds.length)
      await trx
        .insertInto('recommendation_finding')
        .values(input.findingIds.map((finding_id) => ({ recommendation_id: id, finding_id })))
        .execute();
  }

  return {
    async list(auditId: string) {
      const rows = await db
        .selectFrom('recommendation')
        .selectAll()
        .where('audit_id', '=', auditId)
        .orderBy('created_at')
        .execute();
      const ids = rows.map((r) => r.id);
      const [agencies, findings] = ids.length
        ? await Promise.all([
            db
              .selectFrom('recommendation_agency as ra')
              .innerJoin('agency as g', 'g.id', 'ra.agency_id')
              .select(['ra.recommendation_id', 'g.id', 'g.name'])
              .where('ra.recommendation_id', 'in', ids)
              .execute(),
            db
              .selectFrom('recommendation_finding as rf')
              .innerJoin('finding as f', 'f.id', 'rf.finding_id')
              .select(['rf.recommendation_id', 'f.id', 'f.text'])
              .where('rf.recommendation_id', 'in', ids)
              .execute(),
          ])
        : [[], []];
      return rows.map((r) => ({
        ...r,
        agencies: agencies.filter((a) => a.recommendation_id === r.id),
        findings: findings.filter((f) => f.recommendation_id === r.id),
      }));
    },

    async choices(audit: AuditInContext) {
      const [agencies, findings] = await Promise.all([
        db
          .selectFrom('agency as g')
          .innerJoin('audit_agency as aa', 'aa.agency_id', 'g.id')
          .select(['g.id', 'g.name'])
          .where('aa.audit_id', '=', audit.id)
          .orderBy('g.name')
          .execute(),
        db
          .selectFrom('finding')
          .select(['id', 'text', 'kind'])
          .where('audit_id', '=', audit.id)
          .orderBy('created_at')
          .execute(),
      ]);
      return { agencies, findings };
    },

    load: (user: CurrentUser, auditId: string, action: 'audit:read' | 'meeting:record') =>
      auditForUser(db, user, auditId, action),

    async save(
      user: CurrentUser,
      audit: AuditInContext,
      id: string | undefined,
      input: RecommendationInput,
      actor: Actor,
    ): Promise<'saved' | 'stale'> {
      return db.transaction().execute(async (trx) => {
        let recommendationId = id;
        if (!recommendationId) {
          const row = await trx
            .insertInto('recommendation')
            .values({
              audit_id: audit.id,
              text: input.text,
              addressed_to: input.addressedTo,
              assurance_request: input.assurance,
              created_by: user.id,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          recommendationId = row.id;
        } else {
          const row = await trx
            .updateTable('recommendation')
            .set((eb) => ({
              text: input.text,
              addressed_to: input.addressedTo,
              assurance_request: input.assurance,
              version: eb('version', '+', 1),
              updated_at: new Date(),
            }))
            .where('id', '=', recommendationId)
            .where('audit_id', '=', audit.id)
            .where('version', '=', input.version)
            .returning('id')
            .executeTakeFirst();
          if (!row) return 'stale';
        }
        await links(trx, recommendationId, input);
        await appendAuditLog(trx, actor, {
          action: id ? 'recommendation.changed' : 'recommendation.created',
          recordType: 'recommendation',
          recordId: recommendationId,
        });
        return 'saved';
      });
    },

    async find(audit: AuditInContext, id: string) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFound();
      const found = (await this.list(audit.id)).find((r) => r.id === id);
      if (!found) throw new NotFound();
      return found;
    },
  };
}

export type RecommendationService = ReturnType<typeof createRecommendationService>;
