import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ROLE_LABELS, ROLES, isRole } from '../../domain/roles.ts';
import type { Services } from '../../services.ts';
import { NotFound } from '../../web/errors.ts';
import { asArray, errorsFrom, formValues } from '../../web/forms.ts';
import { actorOf } from '../../web/request-context.ts';
import { findUserById } from '../auth/user-repository.ts';
import { readPerson } from './users-service.ts';

type Params = { Params: { id: string } };

/** People: list and filter, invite, change roles and agency, deactivate, resend an invitation. */
export async function userRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const { db, userAdmin } = services;
  const access = { config: { access: 'admin:users' as const } };
  const activeAgencies = (partnershipId: string) =>
    db
      .selectFrom('agency')
      .select(['id', 'name'])
      .where('partnership_id', '=', partnershipId)
      .where('active', '=', true)
      .orderBy('name')
      .execute();

  app.get<{ Querystring: { q?: string; role?: string } }>('/admin/users', access, async (request, reply) => {
    const q = String(request.query.q ?? '').trim();
    const role = isRole(String(request.query.role ?? '')) ? request.query.role : undefined;
    let query = db
      .selectFrom('app_user as u')
      .leftJoin('agency as g', 'g.id', 'u.agency_id')
      .select([
        'u.id',
        'u.display_name',
        'u.email',
        'u.active',
        'u.password_hash',
        'u.last_sign_in_at',
        'g.name as agency_name',
      ])
      .where('u.partnership_id', '=', request.user!.partnershipId);
    if (q)
      query = query.where((eb) =>
        eb.or([
          eb('u.display_name', 'ilike', `%${q.replace(/[%_\\]/g, '\\$&')}%`),
          eb('u.email', 'ilike', `%${q.replace(/[%_\\]/g, '\\$&')}%`),
        ]),
      );
    if (role)
      query = query.where('u.id', 'in', (eb) => eb.selectFrom('user_role').select('user_id').where('role', '=', role));
    const people = await query.orderBy('u.display_name').limit(500).execute();
    const roles = people.length
      ? await db
          .selectFrom('user_role')
          .select(['user_id', 'role'])
          .where(
            'user_id',
            'in',
            people.map((p) => p.id),
          )
          .execute()
      : [];
    return reply.view('admin/pages/users/view.njk', {
      pageTitle: 'People',
      people: people.map((p) => ({
        ...p,
        invited: !p.password_hash,
        roleLabels: roles
          .filter((r) => r.user_id === p.id)
          .map((r) => ROLE_LABELS[r.role as keyof typeof ROLE_LABELS] ?? r.role),
      })),
      q,
      roleItems: [
        { value: '', text: 'Any role' },
        ...ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], selected: r === role })),
      ],
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
    const agencies = await activeAgencies(request.user!.partnershipId);
    const roles = asArray(values.roles as string | string[] | undefined);
    return reply.code(status).view('admin/pages/user/view.njk', {
      pageTitle: id ? 'Change a person' : 'Invite a person',
      action: id ? `/admin/users/${id}` : '/admin/users',
      id,
      values,
      agencyItems: [
        { value: '', text: 'No agency' },
        ...agencies.map((a) => ({ value: a.id, text: a.name, selected: values.agencyId === a.id })),
      ],
      roleItems: ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], checked: roles.includes(r) })),
      errors,
      backLink: '/admin/users',
    });
  }

  app.get('/admin/users/new', access, async (request, reply) => renderForm(request, reply, undefined, {}));

  app.post('/admin/users', access, async (request, reply) => {
    const body = formValues(request.body);
    const { errors, value } = readPerson(
      body,
      (await activeAgencies(request.user!.partnershipId)).map((a) => a.id),
      false,
    );
    if (Object.keys(errors).length) return renderForm(request, reply, undefined, body, errorsFrom(errors), 400);
    const result = await userAdmin.invite(request.user!, value, actorOf(request));
    if (!result.ok)
      return renderForm(
        request,
        reply,
        undefined,
        body,
        errorsFrom({ email: { text: 'Someone already has an account with this email address' } }),
        400,
      );
    request.session!.data.flash = {
      kind: 'success',
      heading: `${value.name} has been invited`,
      text: 'They have been e-mailed a link to set their password.',
    };
    await services.auth.saveSessionData(request.session!);
    return reply.redirect('/admin/users', 303);
  });

  async function person(request: FastifyRequest<Params>) {
    if (!/^[0-9a-f-]{36}$/i.test(request.params.id)) throw new NotFound();
    const user = await findUserById(db, request.params.id);
    if (!user || user.partnershipId !== request.user!.partnershipId) throw new NotFound();
    return user;
  }

  app.get<Params>('/admin/users/:id', access, async (request, reply) => {
    const u = await person(request);
    return renderForm(request, reply, u.id, {
      name: u.displayName,
      email: u.email,
      jobTitle: u.jobTitle ?? '',
      agencyId: u.agencyId ?? '',
      roles: u.roles,
      active: u.active ? 'yes' : 'no',
      invited: !u.passwordHash,
    });
  });

  app.post<Params>('/admin/users/:id', access, async (request, reply) => {
    const u = await person(request);
    const body = formValues(request.body);
    const { errors, value } = readPerson(
      body,
      (await activeAgencies(request.user!.partnershipId)).map((a) => a.id),
      true,
    );
    const values = { ...body, email: u.email, invited: !u.passwordHash };
    if (Object.keys(errors).length) return renderForm(request, reply, u.id, values, errorsFrom(errors), 400);
    const result = await userAdmin.change(request.user!, u.id, { ...value, email: u.email }, actorOf(request));
    if (!result.ok)
      return renderForm(request, reply, u.id, values, errorsFrom({ roles: { text: result.message } }), 400);
    request.session!.data.flash = { kind: 'success', heading: `${value.name} has been updated` };
    await services.auth.saveSessionData(request.session!);
    return reply.redirect('/admin/users', 303);
  });

  app.post<Params>('/admin/users/:id/invitation', access, async (request, reply) => {
    const u = await person(request);
    const sent = await userAdmin.resendInvitation(request.user!, u.id, actorOf(request));
    request.session!.data.flash = sent
      ? { kind: 'success', heading: 'A new invitation link has been sent' }
      : {
          kind: 'important',
          heading: 'No invitation sent',
          text: 'The person has already set a password, or is deactivated.',
        };
    await services.auth.saveSessionData(request.session!);
    return reply.redirect(`/admin/users/${u.id}`, 303);
  });
}
