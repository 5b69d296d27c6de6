import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { page, registerPages } from '../../web/route-table.ts';
import { forgottenPasswordController } from './pages/forgotten-password/controller.ts';
import { passwordSet, setPasswordController } from './pages/set-password/controller.ts';
import { signInController } from './pages/sign-in/controller.ts';
import { signOutController } from './pages/sign-in/sign-out.ts';
import { twoFactorController } from './pages/two-factor/controller.ts';

export function authRoutes(app: FastifyInstance, services: Services): void {
  const signIn = signInController(services);
  const twoFactor = twoFactorController(services);
  const signOut = signOutController(services);
  const forgotten = forgottenPasswordController(services);
  const reset = setPasswordController(services, '/reset-password');
  const invitation = setPasswordController(services, '/set-password');
  registerPages(app, [
    page.publicGet('/sign-in', signIn.get),
    page.publicPost('/sign-in', signIn.post),
    page.get('/sign-in/two-factor', 'signed-in', twoFactor.get, { stages: ['mfa'] }),
    page.post('/sign-in/two-factor', 'signed-in', twoFactor.post, { stages: ['mfa'] }),
    page.publicPost('/sign-out', signOut.post),
    page.publicGet('/signed-out', signOut.signedOut),
    page.publicGet('/forgotten-password', forgotten.get),
    page.publicPost('/forgotten-password', forgotten.post),
    page.publicGet('/forgotten-password/check-your-email', forgotten.checkYourEmail),
    page.publicGet('/reset-password', reset.get),
    page.publicPost('/reset-password', reset.post),
    page.publicGet('/set-password', invitation.get),
    page.publicPost('/set-password', invitation.post),
    page.publicGet('/password-set', passwordSet),
  ]);
}
