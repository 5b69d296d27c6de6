import type { Email } from '../mail/templates.ts';

/** The e-mail reminding an action's lead that it is due soon, or overdue. */
export function reminderEmail(
  a: { text: string; due_on: string; audit_title: string },
  overdue: boolean,
  link: string,
): Email {
  return {
    template: overdue ? 'action-overdue' : 'action-due-soon',
    subject: overdue ? `Overdue action: ${a.audit_title}` : `Action due by ${a.due_on}: ${a.audit_title}`,
    body: [
      `${overdue ? 'This action is overdue' : 'This action is due soon'}: "${a.text.slice(0, 300)}" (due ${a.due_on}).`,
      '',
      'Record its progress, evidence of completion and evidence of impact:',
      link,
    ].join('\n'),
  };
}
