import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AGENCY_TYPES, isAgencyType } from '../../domain/roles.ts';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { appendAuditLog } from '../audit-log/audit-log-repository.ts';

const typeItems = (selected?: unknown) => [
  { value: '', text: 'Select a type' },
  ...Object.entries(AGENCY_TYPES).map(([value, text]) => ({ value, text, selected: value === selected })),
];

/** Agencies of the partnership: add, rename, retype, mark inactive. */
export async function agencyRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db } = services;
  const access = { config: { access: 'admin:agencies' as const } };

  app.get('/admin/agencies', access, async (request, reply) => {
    const agencies = await db
      .selectFrom('agency')
      .select(['id', 'name', 'type', 'active', 'safeguarding_lead_email'])
      .where('partnership_id', '=', request.user!.partnershipId)
      .orderBy('active', 'desc')
      .orderBy('name')
      .execute();
    return reply.view('admin/pages/agencies/view.njk', {
      pageTitle: 'Agencies',
      agencies: agencies.map((a) => ({ ...a, typeLabel: AGENCY_TYPES[a.type as keyof typeof AGENCY_TYPES] ?? a.type })),
      backLink: '/admin',
    });
  });

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    id: string | undefined,
    values: Record<string, unknown>,
    errors?: unknown,
    status = 200,
  ) {
    return reply.code(status).view('admin/pages/agency/view.njk', {
      pageTitle: id ? 'Change an agency' : 'Add an agency',
      action: id ? `/admin/agencies/${id}` : '/admin/agencies',
      editing: !!id,
      values,
      typeItems: typeItems(values.type),
      errors,
      backLink: '/admin/agencies',
    });
  }

  function read(body: Record<string, string | string[]>) {
    const errors: Record<string, { text: string }> = {};
    const name = String(body.name ?? '').trim();
    const type = String(body.type ?? '');
    const email = String(body.safeguardingLeadEmail ?? '')
      .trim()
      .toLowerCase();
    if (!name) errors.name = { text: 'Enter the agency’s name' };
    else if (name.length > 200) errors.name = { text: 'The name must be 200 characters or fewer' };
    if (!isAgencyType(type)) errors.type = { text: 'Select the type of agency' };
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      errors.safeguardingLeadEmail = { text: 'Enter an email address in the correct format, like name@example.org' };
    return { errors, value: { name, type, email: email || null, active: body.active !== 'no' } };
  }

  const duplicate = (error: unknown) => (error as { code?: string }).code === '23505';

  app.get('/admin/agencies/new', access, async (request, reply) =>
    renderForm(request, reply, undefined, { active: 'yes' }),
  );

  app.post('/admin/agencies', access, async (request, reply) => {
    const body = formValues(request.body);
    const { errors, value } = read(body);
    if (Object.keys(errors).length) return renderForm(request, reply, undefined, body, errorsFrom(errors), 400);
    try {
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('agency')
          .values({
            partnership_id: request.user!.partnershipId,
            name: value.name,
            type: value.type,
            safeguarding_lead_email: value.email,
            created_by: request.user!.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAuditLog(trx, actorOf(request), {
          action: 'agency.created',
          recordType: 'agency',
          recordId: row.id,
          detail: { name: value.name, type: value.type },
        });
      });
    } catch (error) {
      if (duplicate(error))
        return renderForm(
          request,
          reply,
          undefined,
          body,
          errorsFrom({ name: { text: 'There is already an agency with this name' } }),
          400,
        );
      throw error;
    }
    return reply.redirect('/admin/agencies', 303);
  });

  async function find(request: FastifyRequest<{ Params: { id: string } }>) {
    if (!/^[0-9a-f-]{36}$/i.test(request.params.id)) throw new NotFound();
    const agency = await db
      .selectFrom('agency')
      .selectAll()
      .where('id', '=', request.params.id)
      .where('partnership_id', '=', request.user!.partnershipId)
      .executeTakeFirst();
    if (!agency) throw new NotFound();
    return agency;
  }

  app.get<{ Params: { id: string } }>('/admin/agencies/:id', access, async (request, reply) => {
    const a = await find(request);
    return renderForm(request, reply, a.id, {
      name: a.name,
      type: a.type,
      safeguardingLeadEmail: a.safeguarding_lead_email ?? '',
      active: a.active ? 'yes' : 'no',
    });
  });

  app.post<{ Params: { id: string } }>('/admin/agencies/:id', access, async (request, reply) => {
    const before = await find(request);
    const body = formValues(request.body);
    const { errors, value } = read(body);
    if (Object.keys(errors).length) return renderForm(request, reply, before.id, body, errorsFrom(errors), 400);
    try {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('agency')
          .set({
            name: value.name,
            type: value.type,
            safeguarding_lead_email: value.email,
            active: value.active,
            updated_at: new Date(),
          })
          .where('id', '=', before.id)
          .execute();
        await appendAuditLog(trx, actorOf(request), {
          action: 'agency.changed',
          recordType: 'agency',
          recordId: before.id,
          detail: {
            before: { name: before.name, type: before.type, active: before.active },
            after: { name: value.name, type: value.type, active: value.active },
          },
        });
      });
    } catch (error) {
      if (duplicate(error))
        return renderForm(
          request,
          reply,
          before.id,
          body,
          errorsFrom({ name: { text: 'There is already an agency with this name' } }),
          400,
        );
      throw error;
    }
    return reply.redirect('/admin/agencies', 303);
  });
}
