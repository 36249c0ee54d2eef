import { describe, expect, it } from 'vitest';
import {
  customFieldId,
  encodeObjectContext,
  objectFieldInput,
  scopeDependencies,
  toObjectValues,
} from './objectValues';

describe('object field values', () => {
  it('reads objects from API values and writes keys', () => {
    const values = toObjectValues([{ id: 1, key: 'SVC-443', label: 'Oracle CRM' }, 'junk', null]);
    expect(values).toEqual([{ key: 'SVC-443', label: 'Oracle CRM' }]);
    expect(objectFieldInput(values, false)).toBe('SVC-443');
    expect(objectFieldInput(values, true)).toEqual(['SVC-443']);
    expect(objectFieldInput([], false)).toBeNull();
    expect(toObjectValues(null)).toEqual([]);
  });

  it('builds the same context text for the same answers, without the field itself or empty answers', () => {
    const a = encodeObjectContext({ B: 'x', 'Application to change': 'SVC-443', Empty: '', None: [], Type: 'PS-37' }, 'type');
    const b = encodeObjectContext({ 'Application to change': 'SVC-443', B: 'x' });
    expect(a).toBe('{"Application to change":"SVC-443","B":"x"}');
    expect(a).toBe(b);
    expect(encodeObjectContext({ B: 'x', 'Application to change': 'SVC-443' }, undefined, ['application to change'])).toBe(
      '{"Application to change":"SVC-443"}',
    );
  });

  it("finds the fields a scope waits for and a custom field's id", () => {
    expect(scopeDependencies('"Applications Applicable" = ${Application to change}', undefined, 'x = ${ B }')).toEqual([
      'Application to change',
      'B',
    ]);
    expect(scopeDependencies('')).toEqual([]);
    expect(customFieldId('customfield_6')).toBe(6);
    expect(customFieldId('cf[12]')).toBe(12);
    expect(customFieldId('summary')).toBeUndefined();
  });
});
