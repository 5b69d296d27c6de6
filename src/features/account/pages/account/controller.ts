import { requiresSecondFactor } from '../../../../domain/authorisation.ts';
import { ROLE_LABELS } from '../../../../domain/roles.ts';
import type { Services } from '../../../../services.ts';
import type { Controller } from '../../../../web/route-table.ts';

/** The person's own account: two-step verification, recovery codes and API tokens. */
export function accountController({ auth, apiTokens, config }: Services) {
  const get: Controller = async (request, reply) => {
    const user = request.user;
    const [twoFactor, recoveryCodes, tokens] = await Promise.all([
      auth.hasTwoFactor(user.id),
      auth.remainingRecoveryCodes(user.id),
      apiTokens.list(user.id),
    ]);
    return reply.view('account/pages/account/view.njk', {
      pageTitle: 'Your account',
      twoFactor,
      recoveryCodes,
      required: requiresSecondFactor(user.roles),
      exempt: user.mfaExempt && !config.production,
      roleLabels: user.roles.map((r) => ROLE_LABELS[r]),
      tokens,
    });
  };
  return { get };
}
