import type { FastifyReply } from 'fastify';
import type { Services } from '../../../../services.ts';
import { setSessionCookie } from '../../../../web/cookies.ts';
import { parseForm, singleError, type FormErrors } from '../../../../web/forms.ts';
import { actorOf } from '../../../../web/request-context.ts';
import type { Controller, SignedInRequest } from '../../../../web/route-table.ts';
import { newTotpSecret, totpQrCode } from '../../../auth/totp.ts';
import { codeSchema } from './schema.ts';

/** Setting up two-step verification: a new secret shown as a QR code, confirmed by a code from the app. */
export function setUpController({ auth, config }: Services) {
  async function render(request: SignedInRequest, reply: FastifyReply, errors?: FormErrors) {
    const secret = request.session.data.pendingTotpSecret;
    if (!secret) return reply.redirect('/account/two-factor/set-up', 303);
    return reply.code(errors ? 400 : 200).view('account/pages/set-up/view.njk', {
      pageTitle: 'Set up two-step verification',
      qrCode: await totpQrCode(secret, request.user.email),
      secretGroups: secret.match(/.{1,4}/g)?.join(' '),
      enrolling: request.session.stage === 'enrol',
      errors,
    });
  }

  const get: Controller = async (request, reply) => {
    const session = request.session;
    if (!session.data.pendingTotpSecret) {
      session.data.pendingTotpSecret = newTotpSecret();
      await auth.saveSessionData(session);
    }
    return render(request, reply);
  };

  const post: Controller = async (request, reply) => {
    const form = parseForm(codeSchema, request.body);
    if (!form.ok) return render(request, reply, form.errors);
    const result = await auth.confirmTotpEnrolment(
      request.session,
      request.user,
      form.value.code,
      request.ip,
      request.headers['user-agent'] ?? null,
      actorOf(request),
    );
    if (!result.ok)
      return render(request, reply, singleError('code', 'The code is not correct. Enter the code your app shows now'));
    setSessionCookie(reply, config, result.token);
    return reply.redirect('/account/two-factor/recovery-codes', 303);
  };

  return { get, post };
}
