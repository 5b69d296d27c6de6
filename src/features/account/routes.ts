import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { page, registerPages } from '../../web/route-table.ts';
import { accountController } from './pages/account/controller.ts';
import { newTokenController } from './pages/new-token/controller.ts';
import { recoveryCodesController } from './pages/recovery-codes/controller.ts';
import { setUpController } from './pages/set-up/controller.ts';
import { tokensController } from './pages/tokens/controller.ts';

/** The person's own account: two-step verification, recovery codes, API tokens. */
export async function accountRoutes(app: FastifyInstance, services: Services): Promise<void> {
  const account = accountController(services);
  const setUp = setUpController(services);
  const recoveryCodes = recoveryCodesController(services);
  const newToken = newTokenController(services);
  const tokens = tokensController(services);
  const enrol = { stages: ['enrol' as const] };
  registerPages(app, [
    page.get('/account', 'account:manage', account.get),
    page.get('/account/two-factor/set-up', 'account:manage', setUp.get, enrol),
    page.post('/account/two-factor/set-up', 'account:manage', setUp.post, enrol),
    page.get('/account/two-factor/recovery-codes', 'account:manage', recoveryCodes.get),
    page.get('/account/tokens/new', 'account:manage', newToken.get),
    page.post('/account/tokens', 'account:manage', newToken.post),
    page.post('/account/tokens/:id/revoke', 'account:manage', tokens.revoke),
  ]);
  return Promise.resolve();
}
