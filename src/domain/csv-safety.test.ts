import { describe, expect, it } from 'vitest';
import { neutraliseCell } from './csv-safety.ts';

describe('neutraliseCell', () => {
  it.each(['=SUM(A1:A9)', '+44 20 7946 0000', '-2+3', '@cmd', '\t=1', '\r=1'])(
    'prefixes %j so a spreadsheet shows it as text',
    (value) => {
      expect(neutraliseCell(value)).toBe(`'${value}`);
    },
  );

  it('leaves ordinary text, numbers and empty values alone', () => {
    expect(neutraliseCell('Case 1')).toBe('Case 1');
    expect(neutraliseCell(42)).toBe('42');
    expect(neutraliseCell(null)).toBe('');
    expect(neutraliseCell(undefined)).toBe('');
  });

  it('writes dates as ISO 8601', () => {
    expect(neutraliseCell(new Date(Date.UTC(2026, 0, 2)))).toBe('2026-01-02T00:00:00.000Z');
  });
});
