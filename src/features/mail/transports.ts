import crypto from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Config } from '../../config.ts';
import type { OutboxMessage } from './outbox-repository.ts';

/**
 * Delivery of one outbox message. 'outbox' keeps messages for the outbox page (development and
 * demos); 'smtp' sends through nodemailer; 'notify' calls the GOV.UK Notify API.
 */
export type Transport = {
  kind: Config['mail']['transport'];
  deliver(message: OutboxMessage): Promise<'sent' | 'kept'>;
};

export function createTransport(config: Config['mail']): Transport {
  if (config.transport === 'smtp') {
    const transporter = nodemailer.createTransport(config.smtpUrl);
    return {
      kind: 'smtp',
      async deliver(message) {
        await transporter.sendMail({ from: config.from, to: message.to, subject: message.subject, text: message.body });
        return 'sent';
      },
    };
  }
  if (config.transport === 'notify') {
    const apiKey = config.notifyApiKey ?? '';
    const templateId = config.notifyTemplateId ?? '';
    return {
      kind: 'notify',
      async deliver(message) {
        const response = await fetch('https://api.notifications.service.gov.uk/v2/notifications/email', {
          method: 'POST',
          headers: { authorization: `Bearer ${notifyJwt(apiKey)}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            email_address: message.to,
            template_id: templateId,
            reference: message.id,
            personalisation: { subject: message.subject, body: message.body },
          }),
          signal: AbortSignal.timeout(15_000),
        });
        if (!response.ok)
          throw new Error(`GOV.UK Notify answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
        return 'sent';
      },
    };
  }
  return { kind: 'outbox', deliver: () => Promise.resolve('kept') };
}

/** Notify keys end with the service id and secret, each a UUID; the token is an HS256 JWT. */
export function notifyJwt(apiKey: string, now = Date.now()): string {
  const serviceId = apiKey.slice(-73, -37);
  const secret = apiKey.slice(-36);
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ typ: 'JWT', alg: 'HS256' })}.${encode({ iss: serviceId, iat: Math.floor(now / 1000) })}`;
  const signature = crypto.createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}
