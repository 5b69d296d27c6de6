import type { FastifyReply } from 'fastify';
import { ROLE_LABELS, ROLES } from '../../../../domain/roles.ts';
import type { Services } from '../../../../services.ts';
import { asArray, parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { personSchema } from './schema.ts';

type Params = { Params: { id: string } };

/** Inviting a person, or changing one (their id in the path), and sending an invitation again. */
export function userController({ userAdmin }: Services) {
  async function render(
    request: SignedInRequest,
    reply: FastifyReply,
    id: string | undefined,
    values: Record<string, unknown>,
    errors?: FormErrors,
  ) {
    const agencies = await userAdmin.activeAgencies(request.user);
    const roles = asArray(values.roles);
    return reply.code(errors ? 400 : 200).view('admin/pages/user/view.njk', {
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

  async function readForm(request: SignedInRequest, editing: boolean) {
    const agencyIds = (await userAdmin.activeAgencies(request.user)).map((a) => a.id);
    return parseForm(personSchema(agencyIds, editing), request.body);
  }

  const getNew: Controller = (request, reply) => render(request, reply, undefined, {});

  const postNew: Controller = async (request, reply) => {
    const form = await readForm(request, false);
    if (!form.ok) return render(request, reply, undefined, form.values, form.errors);
    const result = await userAdmin.invite(request.user, form.value, actorOf(request));
    if (!result.ok) {
      const taken = singleError('email', 'Someone already has an account with this email address');
      return render(request, reply, undefined, form.values, taken);
    }
    await reply.flash({
      kind: 'success',
      heading: `${form.value.name} has been invited`,
      text: 'They have been e-mailed a link to set their password.',
    });
    return reply.redirect('/admin/users', 303);
  };

  const get: Controller<Params> = async (request, reply) => {
    const u = await userAdmin.person(request.user, request.params.id);
    return render(request, reply, u.id, {
      name: u.displayName,
      email: u.email,
      jobTitle: u.jobTitle ?? '',
      agencyId: u.agencyId ?? '',
      roles: u.roles,
      active: u.active ? 'yes' : 'no',
      invited: !u.passwordHash,
    });
  };

  const post: Controller<Params> = async (request, reply) => {
    const u = await userAdmin.person(request.user, request.params.id);
    const form = await readForm(request, true);
    const values = { ...form.values, email: u.email, invited: !u.passwordHash };
    if (!form.ok) return render(request, reply, u.id, values, form.errors);
    const result = await userAdmin.change(request.user, u.id, { ...form.value, email: u.email }, actorOf(request));
    if (!result.ok) return render(request, reply, u.id, values, singleError('roles', result.message));
    await reply.flash({ kind: 'success', heading: `${form.value.name} has been updated` });
    return reply.redirect('/admin/users', 303);
  };

  const resendInvitation: Controller<Params> = async (request, reply) => {
    const u = await userAdmin.person(request.user, request.params.id);
    const sent = await userAdmin.resendInvitation(request.user, u.id, actorOf(request));
    await reply.flash(
      sent
        ? { kind: 'success', heading: 'A new invitation link has been sent' }
        : {
            kind: 'important',
            heading: 'No invitation sent',
            text: 'The person has already set a password, or is deactivated.',
          },
    );
    return reply.redirect(`/admin/users/${u.id}`, 303);
  };

  return { getNew, postNew, get, post, resendInvitation };
}
