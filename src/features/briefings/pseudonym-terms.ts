import { pseudonymFor, roleWording } from '../../domain/pseudonyms.ts';
import type { RedactionTerm } from '../../domain/redaction-guard.ts';

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * The identifying details in one decrypted case_identity value, read leniently (older values
 * may lack fields) so that nothing recorded escapes the guard.
 */
export function termsFromIdentity(identity: unknown): RedactionTerm[] {
  const terms: RedactionTerm[] = [];
  const o = (identity ?? {}) as Record<string, unknown>;
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? (v as unknown[]) : []);
  for (const c of list(o.children) as Record<string, unknown>[]) {
    if (str(c?.name)) terms.push({ kind: 'name', value: str(c.name) });
    if (str(c?.dateOfBirth)) terms.push({ kind: 'date_of_birth', value: str(c.dateOfBirth) });
  }
  for (const a of list(o.adults) as Record<string, unknown>[])
    if (str(a?.name)) terms.push({ kind: 'name', value: str(a.name) });
  for (const a of list(o.addresses)) if (str(a)) terms.push({ kind: 'address', value: str(a) });
  for (const r of [...list(o.records), ...list(o.recordNumbers)]) {
    const value = typeof r === 'string' ? str(r) : str((r as Record<string, unknown>)?.value);
    if (value) terms.push({ kind: 'record_number', value });
  }
  return terms;
}

/**
 * What each of a case's identifying details stands for in a document: a child's name and date of
 * birth by the child's pseudonym, an adult's name by their role in the household. Same order as
 * termsFromIdentity (the guard's termIndex), so a hit's termIndex finds its wording here.
 */
export function pseudonymTerms(
  identity: unknown,
  childPseudonym: Map<string, string>,
  memberRole: Map<string, string>,
): { term: RedactionTerm; standsFor: string }[] {
  const o = (identity ?? {}) as Record<string, unknown>;
  const list = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]) : []);
  const has = (v: unknown) => typeof v === 'string' && v.trim() !== '';
  const owners: (string | undefined)[] = [];
  for (const c of list(o.children)) {
    const child = childPseudonym.get(String(c?.childId)) ?? (has(c?.pseudonym) ? String(c.pseudonym) : undefined);
    if (has(c?.name)) owners.push(child ?? 'the child');
    if (has(c?.dateOfBirth)) owners.push(child);
  }
  for (const a of list(o.adults)) if (has(a?.name)) owners.push(roleWording(memberRole.get(String(a.memberId)) ?? ''));
  return termsFromIdentity(identity).map((term, i) => ({
    term,
    standsFor: pseudonymFor(term.kind, owners[i]),
  }));
}
