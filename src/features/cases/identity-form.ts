import { dateParts, readDateParts, todayInLondon } from '../../domain/calendar-date.ts';
import type { CaseIdentity } from '../../domain/case-identity.ts';

/**
 * The identifying-details form: one name and date of birth per child, one name per adult, any
 * number of addresses and agency record numbers. Without JavaScript, "Add another" and "Remove"
 * are submit buttons that re-show the form; with it, MoJ add-another does the same in the page.
 */
type Fields = Record<string, { text: string }>;
export type IdentityFormValues = {
  children: { childId: string; name: string; dob: { day: string; month: string; year: string } }[];
  adults: { memberId: string; name: string }[];
  addresses: string[];
  records: { agencyId: string; label: string; value: string }[];
};
export type IdentityIntent =
  | { kind: 'save' }
  | { kind: 'add'; list: 'addresses' | 'records' }
  | { kind: 'remove'; list: 'addresses' | 'records'; index: number };

const str = (value: unknown) =>
  typeof value === 'string' ? value : Array.isArray(value) ? String(value[0] ?? '') : '';

function indexed(body: Record<string, unknown>, pattern: RegExp): Map<number, Record<string, string>> {
  const rows = new Map<number, Record<string, string>>();
  for (const [name, value] of Object.entries(body)) {
    const match = pattern.exec(name);
    if (!match) continue;
    const index = Number(match[1]);
    if (index > 200) continue;
    const row = rows.get(index) ?? {};
    row[match[2] ?? 'value'] = str(value);
    rows.set(index, row);
  }
  return new Map([...rows.entries()].sort((a, b) => a[0] - b[0]));
}

export function identityFormValues(
  identity: CaseIdentity,
  children: { id: string }[],
  members: { id: string }[],
): IdentityFormValues {
  return {
    children: children.map((c) => {
      const found = identity.children.find((i) => i.childId === c.id);
      return { childId: c.id, name: found?.name ?? '', dob: dateParts(found?.dateOfBirth) };
    }),
    adults: members.map((m) => ({
      memberId: m.id,
      name: identity.adults.find((a) => a.memberId === m.id)?.name ?? '',
    })),
    addresses: identity.addresses.length ? identity.addresses : [''],
    records: identity.records.length
      ? identity.records.map((r) => ({ agencyId: r.agencyId ?? '', label: r.label, value: r.value }))
      : [{ agencyId: '', label: '', value: '' }],
  };
}

export function readIdentityForm(
  body: Record<string, unknown>,
  children: { id: string }[],
  members: { id: string }[],
  agencyIds: readonly string[],
) {
  const values: IdentityFormValues = {
    children: children.map((c) => ({
      childId: c.id,
      name: str(body[`child-${c.id}-name`]).trim(),
      dob: {
        day: str(body[`child-${c.id}-dob-day`]).trim(),
        month: str(body[`child-${c.id}-dob-month`]).trim(),
        year: str(body[`child-${c.id}-dob-year`]).trim(),
      },
    })),
    adults: members.map((m) => ({ memberId: m.id, name: str(body[`adult-${m.id}-name`]).trim() })),
    addresses: [...indexed(body, /^addresses\[(\d+)\]$/).values()].map((r) => (r.value ?? '').trim()),
    records: [...indexed(body, /^records\[(\d+)\]\[(agencyId|label|value)\]$/).values()].map((r) => ({
      agencyId: (r.agencyId ?? '').trim(),
      label: (r.label ?? '').trim(),
      value: (r.value ?? '').trim(),
    })),
  };
  let intent: IdentityIntent = { kind: 'save' };
  for (const list of ['addresses', 'records'] as const) {
    if (body[`${list}-add-another`] !== undefined) intent = { kind: 'add', list };
    const remove = str(body[`${list}-remove`]);
    if (/^\d+$/.test(remove)) intent = { kind: 'remove', list, index: Number(remove) };
  }

  const errors: Fields = {};
  const today = todayInLondon();
  const identity: CaseIdentity = { children: [], adults: [], addresses: [], records: [] };
  for (const child of values.children) {
    if (child.name.length > 200)
      errors[`child-${child.childId}-name`] = { text: 'Name must be 200 characters or fewer' };
    const dob = readDateParts(child.dob, 'the date of birth', false);
    if (!dob.ok) errors[`child-${child.childId}-dob-${dob.part}`] = { text: dob.message };
    else if (dob.value && dob.value > today)
      errors[`child-${child.childId}-dob-day`] = { text: 'The date of birth must be today or in the past' };
    const dateOfBirth = dob.ok ? dob.value : null;
    if (child.name || dateOfBirth) identity.children.push({ childId: child.childId, name: child.name, dateOfBirth });
  }
  for (const adult of values.adults) {
    if (adult.name.length > 200)
      errors[`adult-${adult.memberId}-name`] = { text: 'Name must be 200 characters or fewer' };
    if (adult.name) identity.adults.push({ memberId: adult.memberId, name: adult.name });
  }
  values.addresses.forEach((address, i) => {
    if (address.length > 500) errors[`addresses-${i}`] = { text: 'An address must be 500 characters or fewer' };
    if (address) identity.addresses.push(address);
  });
  values.records.forEach((record, i) => {
    if (!record.label && !record.value && !record.agencyId) return;
    if (record.agencyId && !agencyIds.includes(record.agencyId))
      errors[`records-${i}-agencyId`] = { text: 'Select an agency from the list' };
    if (!record.label) errors[`records-${i}-label`] = { text: 'Enter what the number is, like "NHS number"' };
    else if (record.label.length > 100)
      errors[`records-${i}-label`] = { text: 'What the number is must be 100 characters or fewer' };
    if (!record.value) errors[`records-${i}-value`] = { text: 'Enter the number' };
    else if (record.value.length > 100)
      errors[`records-${i}-value`] = { text: 'The number must be 100 characters or fewer' };
    identity.records.push({ agencyId: record.agencyId || null, label: record.label, value: record.value });
  });
  return { values, identity, intent, errors };
}

/** The form after "Add another" or "Remove" without JavaScript. */
export function applyIntent(values: IdentityFormValues, intent: IdentityIntent): IdentityFormValues {
  if (intent.kind === 'add') {
    return intent.list === 'addresses'
      ? { ...values, addresses: [...values.addresses, ''] }
      : { ...values, records: [...values.records, { agencyId: '', label: '', value: '' }] };
  }
  if (intent.kind === 'remove') {
    if (intent.list === 'addresses') {
      const addresses = values.addresses.filter((_, i) => i !== intent.index);
      return { ...values, addresses: addresses.length ? addresses : [''] };
    }
    const records = values.records.filter((_, i) => i !== intent.index);
    return { ...values, records: records.length ? records : [{ agencyId: '', label: '', value: '' }] };
  }
  return values;
}
