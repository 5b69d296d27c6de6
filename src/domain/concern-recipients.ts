/**
 * Who is e-mailed when an auditor raises an immediate safeguarding concern, and what the auditor is
 * told afterwards. The message names only the people actually e-mailed: an agency with no
 * safeguarding lead set up has nobody of its own told by MACA, so the auditor must tell their lead.
 */
export type ConcernRecipient = { email: string; name: string; coordinator: boolean; safeguardingLead: boolean };

export function concernRecipients(
  coordinators: { name: string; email: string }[],
  safeguardingLeadEmail: string | null,
): ConcernRecipient[] {
  const byAddress = new Map<string, ConcernRecipient>();
  for (const c of coordinators) {
    const key = c.email.toLowerCase();
    if (!byAddress.has(key)) byAddress.set(key, { ...c, coordinator: true, safeguardingLead: false });
  }
  const lead = safeguardingLeadEmail?.trim();
  if (lead) {
    const known = byAddress.get(lead.toLowerCase());
    if (known) known.safeguardingLead = true;
    else byAddress.set(lead.toLowerCase(), { email: lead, name: '', coordinator: false, safeguardingLead: true });
  }
  return [...byAddress.values()];
}

function described(r: ConcernRecipient): string {
  if (r.coordinator && r.safeguardingLead) return `${r.name} (audit coordinator and your agency’s safeguarding lead)`;
  if (r.coordinator) return `${r.name} (audit coordinator)`;
  return `your agency’s safeguarding lead (${r.email})`;
}

const listed = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;

export type ConcernToldMessage = { kind: 'success' | 'important'; heading: string; text: string };
type Banner = { kind: 'success' | 'important'; heading: string; text?: string };

/** The banner after raising a concern. */
export function concernToldMessage(recipients: ConcernRecipient[], agencyName: string): ConcernToldMessage {
  const emailed = recipients.length
    ? `MACA e-mailed ${listed(recipients.map(described))}.`
    : 'MACA could not e-mail anyone: the partnership has no active audit coordinator.';
  if (recipients.some((r) => r.safeguardingLead)) return { kind: 'success', heading: 'Concern raised', text: emailed };
  return {
    kind: 'important',
    heading: 'Concern raised: tell your safeguarding lead in person',
    text:
      `${emailed} ${agencyName} has no safeguarding lead set up in MACA, so nobody in your agency was e-mailed. ` +
      'Tell your safeguarding lead about this concern in person now, and ask your partnership administrator ' +
      'to add their e-mail address to the agency.',
  };
}

/**
 * The banner after inviting agencies: a warning naming those with no safeguarding lead set up, whose
 * auditors' immediate concerns would reach only the coordinators. Nothing when none was newly invited.
 */
export function invitedMessage(invited: { name: string; hasSafeguardingLead: boolean }[]): Banner | undefined {
  if (invited.length === 0) return undefined;
  const heading = `${listed(invited.map((a) => a.name))} invited`;
  const missing = invited.filter((a) => !a.hasSafeguardingLead).map((a) => a.name);
  if (missing.length === 0) return { kind: 'success', heading };
  const one = missing.length === 1;
  return {
    kind: 'important',
    heading,
    text:
      `${listed(missing)} ${one ? 'has' : 'have'} no safeguarding lead set up: an immediate safeguarding concern ` +
      `raised by ${one ? 'its' : 'their'} auditors will be e-mailed only to the audit coordinators. ` +
      'Ask the partnership administrator to add the safeguarding lead’s e-mail address to the agency.',
  };
}
