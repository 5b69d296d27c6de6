import { describe, expect, it } from 'vitest';
import { concernRecipients, concernToldMessage } from './concern-recipients.ts';

const jo = { name: 'Jo Coordinator', email: 'jo@partnership.example' };
const sam = { name: 'Sam Second', email: 'sam@partnership.example' };

describe('who is told of an immediate concern', () => {
  it('names the coordinators and the agency’s safeguarding lead when there is one', () => {
    const recipients = concernRecipients([jo, sam], 'safeguarding@police.example');
    expect(recipients.map((r) => r.email)).toEqual([
      'jo@partnership.example',
      'sam@partnership.example',
      'safeguarding@police.example',
    ]);
    expect(concernToldMessage(recipients, 'Police')).toEqual({
      kind: 'success',
      heading: 'Concern raised',
      text:
        'MACA e-mailed Jo Coordinator (audit coordinator), Sam Second (audit coordinator) and ' +
        'your agency’s safeguarding lead (safeguarding@police.example).',
    });
  });

  it('says nobody in the agency was e-mailed, and to tell the lead in person, when the agency has none', () => {
    const message = concernToldMessage(concernRecipients([jo], null), 'Police');
    expect(message.kind).toBe('important');
    expect(message.heading).toBe('Concern raised: tell your safeguarding lead in person');
    expect(message.text).toBe(
      'MACA e-mailed Jo Coordinator (audit coordinator). Police has no safeguarding lead set up in MACA, ' +
        'so nobody in your agency was e-mailed. Tell your safeguarding lead about this concern in person now, ' +
        'and ask your partnership administrator to add their e-mail address to the agency.',
    );
    expect(message.text).not.toContain('safeguarding lead (');
    expect(concernToldMessage(concernRecipients([jo], '   '), 'Police').kind).toBe('important');
  });

  it('e-mails a coordinator who is also the safeguarding lead once, and says both', () => {
    const recipients = concernRecipients([jo], 'JO@partnership.example');
    expect(recipients).toHaveLength(1);
    expect(concernToldMessage(recipients, 'Police').text).toBe(
      'MACA e-mailed Jo Coordinator (audit coordinator and your agency’s safeguarding lead).',
    );
  });

  it('says when nobody could be e-mailed at all', () => {
    const message = concernToldMessage(concernRecipients([], null), 'Police');
    expect(message.text).toMatch(/^MACA could not e-mail anyone: the partnership has no active audit coordinator\. /);
    const onlyLead = concernToldMessage(concernRecipients([], 'lead@police.example'), 'Police');
    expect(onlyLead).toEqual({
      kind: 'success',
      heading: 'Concern raised',
      text: 'MACA e-mailed your agency’s safeguarding lead (lead@police.example).',
    });
  });
});
