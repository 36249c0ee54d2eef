import { describe, expect, it } from 'vitest';
import { fieldLabel, formatDate, isoToLocalInput, localInputToIso, toApiInput, toFormValue } from './fieldValues';

describe('custom field values', () => {
  it('turns API values into input values and back', () => {
    expect(toFormValue('yesno', true)).toBe('Yes');
    expect(toApiInput('yesno', 'No')).toBe(false);
    expect(toApiInput('yesno', '')).toBeNull();
    expect(toFormValue('multiselect', null)).toEqual([]);
    expect(toApiInput('multiselect', [])).toEqual([]);
    const user = { username: 'mitch', displayName: 'Mitch Davis' };
    expect(toFormValue('user', user)).toEqual(user);
    expect(toApiInput('user', user)).toBe('mitch');
    expect(toApiInput('multiuser', [user])).toEqual(['mitch']);
    expect(toFormValue('team', { id: 1, name: 'Platform Support' })).toBe('Platform Support');
    expect(toApiInput('number', 3)).toBe(3);
    expect(toApiInput('text', '  ')).toBeNull();
  });

  it('keeps datetimes in the local zone for datetime-local inputs', () => {
    const iso = '2026-11-28T02:40:00.000Z';
    expect(localInputToIso(isoToLocalInput(iso))).toBe(iso);
  });

  it('formats calendar dates and names system fields', () => {
    expect(formatDate('2026-11-28')).toMatch(/2026/);
    expect(fieldLabel('dueDate')).toBe('Due date');
    expect(fieldLabel('Change risk')).toBe('Change risk');
  });
});
