import { ROLE_LABELS, ROLES } from '../../../../domain/roles.ts';
import type { Services } from '../../../../services.ts';
import type { Controller } from '../../../../web/route-table.ts';

type Query = { Querystring: { q?: string; role?: string } };

/** The partnership's people, filtered by name or address and by role. */
export function usersController({ userAdmin }: Services) {
  const get: Controller<Query> = async (request, reply) => {
    const { q, role, people } = await userAdmin.list(request.user, request.query);
    return reply.view('admin/pages/users/view.njk', {
      pageTitle: 'People',
      people,
      q,
      roleItems: [
        { value: '', text: 'Any role' },
        ...ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], selected: r === role })),
      ],
      backLink: '/admin',
    });
  };
  return { get };
}
