import { describe, expect, it } from 'vitest';
import { formatFieldValue } from './formatFieldValue';

describe('formatFieldValue', () => {
  it('joins lists, names people and teams, spells out yes/no', () => {
    expect(formatFieldValue(['Billing', 'VPN'])).toBe('Billing, VPN');
    expect(formatFieldValue([{ username: 'alana', displayName: 'Alana Grant' }])).toBe('Alana Grant');
    expect(formatFieldValue({ id: 3, name: 'Platform Support' })).toBe('Platform Support');
    expect(formatFieldValue(true)).toBe('Yes');
    expect(formatFieldValue(12.5)).toBe('12.5');
    expect(formatFieldValue(null)).toBe('');
  });

  it('names CMDB objects by label and key', () => {
    expect(formatFieldValue([{ id: 4, key: 'APP-12', label: 'Oracle CRM' }])).toBe('Oracle CRM (APP-12)');
  });

  it('formats dates without shifting the day, and date-times in local time', () => {
    const expected = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' }).format(new Date(2026, 11, 1));
    expect(formatFieldValue('2026-12-01')).toBe(expected);
    const iso = '2026-12-01T09:30:00.000Z';
    expect(formatFieldValue(iso)).toBe(
      new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    );
    expect(formatFieldValue('plain text')).toBe('plain text');
  });
});
