import { describe, expect, it } from 'vitest';
import { emptyFreezeDraft, toNewFreezeWindow, validateFreezeWindow } from './freezeWindowForm';

describe('freeze window form', () => {
  it('starts with the whole day given, blocking every service', () => {
    expect(emptyFreezeDraft(new Date(2026, 11, 24, 15))).toEqual({
      name: '',
      start: '2026-12-24T00:00',
      end: '2026-12-24T23:59',
      mode: 'block',
      services: [],
    });
  });

  it('asks for a name and an end after the start', () => {
    const draft = emptyFreezeDraft(new Date(2026, 11, 24));
    expect(validateFreezeWindow(draft)).toEqual({ name: 'Give the freeze window a name' });
    expect(validateFreezeWindow({ ...draft, name: 'x', end: '2026-12-23T10:00' })).toEqual({
      end: 'The end must be after the start',
    });
    expect(validateFreezeWindow({ ...draft, name: 'x', start: '' })).toEqual({ start: 'Choose when the freeze starts' });
    expect(validateFreezeWindow({ ...draft, name: 'x' })).toEqual({});
  });

  it('sends UTC times and the trimmed name', () => {
    const body = toNewFreezeWindow({ ...emptyFreezeDraft(new Date(2026, 11, 24)), name: ' Year end ', services: ['SVC-438'] });
    expect(body.name).toBe('Year end');
    expect(body.start).toBe(new Date(2026, 11, 24, 0, 0).toISOString());
    expect(body.end).toBe(new Date(2026, 11, 24, 23, 59).toISOString());
    expect(body).toMatchObject({ mode: 'block', services: ['SVC-438'] });
  });
});
