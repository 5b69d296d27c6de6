import { z } from 'zod';
import { dateParts, readDateParts, todayInLondon } from '../../../../domain/calendar-date.ts';
import type { CaseIdentity } from '../../../../domain/case-identity.ts';
import { issue } from '../../form-fields.ts';

/**
 * The identifying-details form: one name and date of birth per child, one name per adult, any
 * number of addresses and agency record numbers. Without JavaScript, "Add another" and "Remove"
 * are submit buttons that re-show the form; with it, MoJ add-another does the same in the page.
 */
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
const EMPTY_RECORD = { agencyId: '', label: '', value: '' };

function indexed(body: Record<string, unknown>, pattern: RegExp): Record<string, string>[] {
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
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
}

/** What was typed, in the form's shape, and which button was pressed; reading it never fails. */
export function identityValuesSchema(children: { id: string }[], members: { id: string }[]) {
  return z.looseObject({}).transform((body) => {
    const field = (name: string) => str(body[name]).trim();
    const values: IdentityFormValues = {
      children: children.map((c) => ({
        childId: c.id,
        name: field(`child-${c.id}-name`),
        dob: {
          day: field(`child-${c.id}-dob-day`),
          month: field(`child-${c.id}-dob-month`),
          year: field(`child-${c.id}-dob-year`),
        },
      })),
      adults: members.map((m) => ({ memberId: m.id, name: field(`adult-${m.id}-name`) })),
      addresses: indexed(body, /^addresses\[(\d+)\]$/).map((r) => (r.value ?? '').trim()),
      records: indexed(body, /^records\[(\d+)\]\[(agencyId|label|value)\]$/).map((r) => ({
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
    return { values, intent };
  });
}

/** The details to save, checked: names and addresses not too long, dates real and past, numbers complete. */
export function identitySchema(children: { id: string }[], members: { id: string }[], agencyIds: readonly string[]) {
  return identityValuesSchema(children, members).transform(({ values }, ctx): CaseIdentity => {
    const today = todayInLondon();
    const identity: CaseIdentity = { children: [], adults: [], addresses: [], records: [] };
    for (const child of values.children) {
      const prefix = `child-${child.childId}`;
      if (child.name.length > 200) issue(ctx, `${prefix}-name`, 'Name must be 200 characters or fewer');
      const dob = readDateParts(child.dob, 'the date of birth', false);
      if (!dob.ok) issue(ctx, `${prefix}-dob-${dob.part}`, dob.message);
      else if (dob.value && dob.value > today)
        issue(ctx, `${prefix}-dob-day`, 'The date of birth must be today or in the past');
      const dateOfBirth = dob.ok ? dob.value : null;
      if (child.name || dateOfBirth) identity.children.push({ childId: child.childId, name: child.name, dateOfBirth });
    }
    for (const adult of values.adults) {
      if (adult.name.length > 200) issue(ctx, `adult-${adult.memberId}-name`, 'Name must be 200 characters or fewer');
      if (adult.name) identity.adults.push({ memberId: adult.memberId, name: adult.name });
    }
    values.addresses.forEach((address, i) => {
      if (address.length > 500) issue(ctx, `addresses-${i}`, 'An address must be 500 characters or fewer');
      if (address) identity.addresses.push(address);
    });
    values.records.forEach((record, i) => {
      if (!record.label && !record.value && !record.agencyId) return;
      if (record.agencyId && !agencyIds.includes(record.agencyId))
        issue(ctx, `records-${i}-agencyId`, 'Select an agency from the list');
      if (!record.label) issue(ctx, `records-${i}-label`, 'Enter what the number is, like "NHS number"');
      else if (record.label.length > 100)
        issue(ctx, `records-${i}-label`, 'What the number is must be 100 characters or fewer');
      if (!record.value) issue(ctx, `records-${i}-value`, 'Enter the number');
      else if (record.value.length > 100)
        issue(ctx, `records-${i}-value`, 'The number must be 100 characters or fewer');
      identity.records.push({ agencyId: record.agencyId || null, label: record.label, value: record.value });
    });
    return identity;
  });
}

/** The form's values from what is stored, with one empty address and record to fill in. */
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
      : [EMPTY_RECORD],
  };
}

/** The form after "Add another" or "Remove" without JavaScript. */
export function applyIntent(values: IdentityFormValues, intent: IdentityIntent): IdentityFormValues {
  if (intent.kind === 'add') {
    return intent.list === 'addresses'
      ? { ...values, addresses: [...values.addresses, ''] }
      : { ...values, records: [...values.records, EMPTY_RECORD] };
  }
  if (intent.kind === 'remove') {
    if (intent.list === 'addresses') {
      const addresses = values.addresses.filter((_, i) => i !== intent.index);
      return { ...values, addresses: addresses.length ? addresses : [''] };
    }
    const records = values.records.filter((_, i) => i !== intent.index);
    return { ...values, records: records.length ? records : [EMPTY_RECORD] };
  }
  return values;
}
