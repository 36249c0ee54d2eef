import { describe, expect, it } from 'vitest';
import { psDetail, standardChangesType } from '../testing/fixtures';
import { objectTypeAql, quoteAql, referenceSearchAql } from './aql';
import { attributeMoves } from './attributeOrder';
import {
  attributeOfError,
  changedAttributes,
  isMultiValued,
  missingRequired,
  toAttrFormValue,
  toAttrInput,
} from './attributeValues';
import { csvColumns, defaultMapping, jsonRows, parseCsvLine } from './importColumns';
import { ancestorIds, defaultType, filterTypes, findType, flattenTypes } from './typeTree';

const attr = (name: string) => {
  const found = standardChangesType.attributes.find((a) => a.name === name);
  if (!found) throw new Error(name);
  return found;
};

describe('AQL text', () => {
  it('quotes names and values', () => {
    expect(quoteAql('Say "hi" \\ bye')).toBe('"Say \\"hi\\" \\\\ bye"');
    expect(objectTypeAql('Standard Changes')).toBe('objectType = "Standard Changes"');
  });

  it('searches a reference by label within the referenced type', () => {
    expect(referenceSearchAql('Applications', ' ora ')).toBe('objectType = "Applications" AND label LIKE "ora"');
    expect(referenceSearchAql('Applications', '')).toBe('objectType = "Applications"');
  });
});

describe('the type tree', () => {
  it('walks, finds and climbs the tree', () => {
    expect(flattenTypes(psDetail.objectTypes).map((t) => t.name).slice(0, 4)).toEqual([
      'Priority Matrix',
      'Standard Infrastructure Requests',
      'Approved AMI',
      'Environments',
    ]);
    expect(findType(psDetail.objectTypes, 5)?.name).toBe('Standard Changes');
    expect(ancestorIds(psDetail.objectTypes, 5)).toEqual([2]);
    expect(ancestorIds(psDetail.objectTypes, 99)).toEqual([]);
  });

  it('keeps matching types and their parents when searching', () => {
    const found = filterTypes(psDetail.objectTypes, 'change');
    expect(found.map((t) => t.name)).toEqual(['Standard Infrastructure Requests']);
    expect(found[0]?.children.map((t) => t.name)).toEqual(['Standard Changes', 'Standard Change Tasks']);
    expect(filterTypes(psDetail.objectTypes, '  ')).toHaveLength(3);
  });

  it('opens on the first type with objects of its own', () => {
    expect(defaultType(psDetail.objectTypes)?.name).toBe('Priority Matrix');
    expect(defaultType([])).toBeUndefined();
  });
});

describe('attribute values', () => {
  it('knows multi-valued attributes by their cardinality', () => {
    expect(isMultiValued({ maxCardinality: -1 })).toBe(true);
    expect(isMultiValued({ maxCardinality: 3 })).toBe(true);
    expect(isMultiValued({ maxCardinality: 1 })).toBe(false);
  });

  it('turns API values into input values and back into what the API takes', () => {
    const apps = attr('Applications Applicable');
    const form = toAttrFormValue(apps, [{ key: 'SVC-2', label: 'Oracle CRM', objectType: 'Applications' }]);
    expect(form).toEqual([{ key: 'SVC-2', label: 'Oracle CRM', objectType: 'Applications' }]);
    expect(toAttrInput(apps, form)).toEqual(['SVC-2']);
    expect(toAttrInput(apps, [])).toEqual([]);

    const approver = attr('Approved by');
    expect(toAttrInput(approver, toAttrFormValue(approver, { username: 'alana', displayName: 'Alana Grant' }))).toBe('alana');
    expect(toAttrInput(approver, null)).toBeNull();

    const count = { type: 'integer' as const, maxCardinality: 1 };
    expect(toAttrInput(count, '12')).toBe(12);
    expect(toAttrInput({ type: 'float' as const, maxCardinality: 1 }, 2.5)).toBe(2.5);
    expect(toAttrInput({ type: 'boolean' as const, maxCardinality: 1 }, toAttrFormValue({ type: 'boolean', maxCardinality: 1 }, false))).toBe(false);
    expect(toAttrInput({ type: 'team' as const, maxCardinality: 1 }, toAttrFormValue({ type: 'team', maxCardinality: 1 }, { id: 3, name: 'Platform' }))).toBe('Platform');
    expect(toAttrInput({ type: 'text' as const, maxCardinality: -1 }, [' a ', '', 'b'])).toEqual(['a', 'b']);
    expect(toAttrInput({ type: 'text' as const, maxCardinality: 1 }, '  ')).toBeNull();
  });

  it('sends only the attributes that changed', () => {
    const before = {
      Name: 'Patch System',
      'Applications Applicable': [{ key: 'SVC-2', label: 'Oracle CRM', objectType: 'Applications' }],
      Risk: 'Low',
    };
    const form = {
      Name: 'Patch System',
      'Applications Applicable': [
        { key: 'SVC-2', label: 'Oracle CRM' },
        { key: 'SVC-3', label: 'MongoDB Atlas' },
      ],
      Risk: '',
    };
    expect(changedAttributes(standardChangesType.attributes, before, form)).toEqual({
      'Applications Applicable': ['SVC-2', 'SVC-3'],
      Risk: null,
    });
  });

  it('checks required attributes and finds the attribute of a server error', () => {
    expect(missingRequired(standardChangesType.attributes, { Name: ' ' })).toEqual({ Name: 'Name is required' });
    expect(attributeOfError('attributes.risk', standardChangesType.attributes)).toBe('Risk');
    expect(attributeOfError('objectTypeId', standardChangesType.attributes)).toBeUndefined();
  });
});

describe('import columns', () => {
  it('reads the CSV header, quotes included', () => {
    expect(parseCsvLine('a,"b, c","say ""hi""", d ')).toEqual(['a', 'b, c', 'say "hi"', 'd']);
    expect(csvColumns('\uFEFF\nName,Tier\r\nx,y')).toEqual(['Name', 'Tier']);
    expect(csvColumns('')).toEqual([]);
  });

  it('reads JSON rows and their member names', () => {
    expect(jsonRows('[{"Name":"a"},{"Name":"b","Tier":"1"}]')).toEqual({
      rows: [{ Name: 'a' }, { Name: 'b', Tier: '1' }],
      columns: ['Name', 'Tier'],
    });
    expect(jsonRows('{"Name":"a"}')).toEqual({ error: 'JSON data must be an array of objects, one per row.' });
    expect(jsonRows('[')).toEqual({ error: 'This is not valid JSON.' });
  });

  it('maps columns to attributes of the same name', () => {
    expect(defaultMapping(['name', 'colour'], ['Name', 'Tier'])).toEqual({ name: 'Name' });
  });
});

describe('attributeMoves', () => {
  const own = [
    { id: 10, position: 0 },
    { id: 11, position: 1 },
    { id: 12, position: 4 },
  ];

  it('swaps the positions of neighbours', () => {
    expect(attributeMoves(own, 12, 'up')).toEqual([
      { id: 12, position: 1 },
      { id: 11, position: 4 },
    ]);
    expect(attributeMoves(own, 10, 'down')).toEqual([
      { id: 11, position: 0 },
      { id: 10, position: 1 },
    ]);
  });

  it('moves nothing past either end or for an attribute not among them', () => {
    expect(attributeMoves(own, 10, 'up')).toEqual([]);
    expect(attributeMoves(own, 12, 'down')).toEqual([]);
    expect(attributeMoves(own, 99, 'up')).toEqual([]);
  });

  it('numbers the attributes afresh from the first position when some positions are equal', () => {
    const tied = [
      { id: 10, position: 1 },
      { id: 11, position: 1 },
      { id: 12, position: 1 },
    ];
    expect(attributeMoves(tied, 12, 'up')).toEqual([
      { id: 12, position: 2 },
      { id: 11, position: 3 },
    ]);
  });
});
