/** The words of every e-mail the service sends. No case data ever goes in an e-mail. */
export type Email = { template: string; subject: string; body: string };

export function passwordResetEmail(options: {
  name: string;
  link: string;
  minutes: number;
  partnership: string;
}): Email {
  return {
    template: 'password-reset',
    subject: 'Reset your MACA password',
    body: [
      `Dear ${options.name},`,
      '',
      `Someone asked to reset the password for your ${options.partnership} MACA account. To choose ` +
        `a new password, open this link within ${options.minutes} minutes:`,
      '',
      options.link,
      '',
      'The link works once. If you did not ask for this, you can ignore this e-mail: your password has not changed.',
    ].join('\n'),
  };
}

export function inviteEmail(options: {
  name: string;
  link: string;
  days: number;
  partnership: string;
  invitedBy: string;
}): Email {
  return {
    template: 'invite',
    subject: `You have been invited to MACA for ${options.partnership}`,
    body: [
      `Dear ${options.name},`,
      '',
      `${options.invitedBy} has given you an account on MACA, the multi-agency case audit service ` +
        `of ${options.partnership}.`,
      '',
      `To set your password, open this link within ${options.days} days:`,
      '',
      options.link,
      '',
      'The link works once.',
    ].join('\n'),
  };
}

export function lockoutEmail(options: { name: string; minutes: number; link: string }): Email {
  return {
    template: 'lockout',
    subject: 'Your MACA account is locked for a short time',
    body: [
      `Dear ${options.name},`,
      '',
      `There were several failed attempts to sign in to your MACA account, so it is locked for ` +
        `${options.minutes} minutes.`,
      '',
      `If this was not you, reset your password: ${options.link}`,
    ].join('\n'),
  };
}
