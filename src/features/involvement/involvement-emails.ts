import { dateInWords } from '../../domain/calendar-date.ts';
import type { Email } from '../mail/templates.ts';

/** E-mails about taking part in an audit name the audit and the agency: never case details. */
type AuditNamed = { auditTitle: string; auditReference: string };

export function invitationEmail(
  o: AuditNamed & { agencyName: string; deadline: string | null; involvementLink: string; assignmentLink: string },
): Email {
  return {
    template: 'audit-invitation',
    subject: `${o.agencyName} is invited to the audit ${o.auditTitle}`,
    body: [
      `${o.agencyName} has been invited to take part in the multi-agency case audit ` +
        `"${o.auditTitle}" (${o.auditReference}).`,
      '',
      ...(o.deadline ? [`Returns are due by ${dateInWords(o.deadline)}.`, ''] : []),
      'As an audit lead in your agency, please record whether your agency knew each family:',
      o.involvementLink,
      '',
      'Then assign your auditors to the cases your agency was involved in:',
      o.assignmentLink,
    ].join('\n'),
  };
}

export function leadNamedEmail(
  o: AuditNamed & { name: string; involvementLink: string; assignmentLink: string },
): Email {
  return {
    template: 'audit-lead-named',
    subject: `You are your agency’s audit lead for ${o.auditTitle}`,
    body: [
      `Dear ${o.name},`,
      '',
      `You have been named your agency’s audit lead for the multi-agency case audit ` +
        `"${o.auditTitle}" (${o.auditReference}).`,
      '',
      'Please record your agency’s involvement with each case:',
      o.involvementLink,
      '',
      'and assign auditors to the cases your agency was involved in:',
      o.assignmentLink,
    ].join('\n'),
  };
}

export function deadlineReminderEmail(
  o: AuditNamed & {
    agencyName: string;
    deadline: string;
    overdue: boolean;
    outstanding: number;
    awaitingInvolvement: number;
    link: string;
  },
): Email {
  const due = dateInWords(o.deadline);
  const what = [
    o.outstanding > 0 && `${o.outstanding} return${o.outstanding === 1 ? '' : 's'} not yet submitted`,
    o.awaitingInvolvement > 0 &&
      `${o.awaitingInvolvement} case${o.awaitingInvolvement === 1 ? '' : 's'} whose involvement is not yet recorded`,
  ].filter(Boolean);
  return {
    template: o.overdue ? 'returns-overdue' : 'returns-due-soon',
    subject: o.overdue ? `Returns overdue: ${o.auditTitle}` : `Returns due by ${due}: ${o.auditTitle}`,
    body: [
      o.overdue
        ? `The returns deadline for the audit "${o.auditTitle}" (${o.auditReference}) was ${due}. ` +
          `${o.agencyName} still has ${what.join(' and ')}.`
        : `The returns deadline for the audit "${o.auditTitle}" (${o.auditReference}) is ${due}. ` +
          `${o.agencyName} has ${what.join(' and ')}.`,
      '',
      'See your agency’s returns:',
      o.link,
    ].join('\n'),
  };
}
