import type { Services } from '../../../../services.ts';
import { safeReturnTo } from '../../../../web/access.ts';
import type { Controller } from '../../../../web/route-table.ts';

/** The recovery codes, shown once: they are removed from the session as the page is shown. */
export function recoveryCodesController({ auth }: Services) {
  const get: Controller = async (request, reply) => {
    const session = request.session;
    const codes = session.data.recoveryCodes;
    if (!codes) return reply.redirect('/account', 303);
    delete session.data.recoveryCodes;
    const returnTo = safeReturnTo(session.data.returnTo);
    delete session.data.returnTo;
    await auth.saveSessionData(session);
    return reply.view('account/pages/recovery-codes/view.njk', {
      pageTitle: 'Save your recovery codes',
      codes,
      returnTo,
    });
  };
  return { get };
}
