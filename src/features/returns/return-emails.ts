import type { Email } from '../mail/templates.ts';

/** E-mails about returns name the audit, the case reference and the agency: never case details. */
export function returnSubmittedEmail(o: {
  auditTitle: string;
  caseReference: string;
  agencyName: string;
  link: string;
}): Email {
  return {
    template: 'return-submitted',
    subject: `Return ready for sign-off: ${o.auditTitle}, ${o.caseReference}`,
    body: [
      `${o.agencyName}'s return for ${o.caseReference} in the audit "${o.auditTitle}" has been submitted ` +
        'and is ready for you to sign off or send back.',
      '',
      o.link,
    ].join('\n'),
  };
}

export function returnSentBackEmail(o: { auditTitle: string; caseReference: string; link: string }): Email {
  return {
    template: 'return-sent-back',
    subject: `Return sent back for changes: ${o.auditTitle}, ${o.caseReference}`,
    body: [
      `Your agency's audit lead has sent back the return for ${o.caseReference} in "${o.auditTitle}" with comments. ` +
        'Open it to read them and amend it.',
      '',
      o.link,
    ].join('\n'),
  };
}
