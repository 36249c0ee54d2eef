import { CompletionContext } from '@codemirror/autocomplete';
import type { Completion, CompletionResult } from '@codemirror/autocomplete';
import { autocompletion } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { describe, expect, it } from 'vitest';
import {
  aqlCompletionSource,
  aqlCursorContext,
  aqlName,
  operatorsFor,
  resolvePath,
  scanAql,
  schemaAttributes,
  tokenizeAql,
} from './aqlCompletion';
import type { AqlCompletionData } from './aqlCompletion';

const data: AqlCompletionData = {
  types: [
    {
      name: 'Services',
      attributes: [
        { name: 'Name', type: 'text' },
        { name: 'Tier', type: 'select', options: ['Tier 1', 'Tier 2', 'Tier 3'] },
        { name: 'Status', type: 'status', options: ['Live', 'Retired'] },
        { name: 'Depends on', type: 'reference', referenceObjectType: 'Services' },
        { name: 'Runs on', type: 'reference', referenceObjectType: 'Hosts' },
        { name: 'Owner', type: 'user' },
        { name: 'Go-live', type: 'date' },
        { name: 'Customer facing', type: 'boolean' },
        { name: 'Cost', type: 'float' },
      ],
    },
    {
      name: 'Hosts',
      attributes: [
        { name: 'Name', type: 'text' },
        { name: 'CPU', type: 'integer' },
        { name: 'Status', type: 'status', options: ['Live', 'Decommissioned'] },
      ],
    },
    { name: 'Standard Changes', attributes: [] },
  ],
};

function complete(textWithCursor: string, explicit = false) {
  const pos = textWithCursor.indexOf('|');
  const doc = textWithCursor.replace('|', '');
  const state = EditorState.create({ doc });
  const source = aqlCompletionSource(() => data);
  const result = source(new CompletionContext(state, pos, explicit)) as CompletionResult | null;
  return result ? { from: result.from, labels: result.options.map((o) => o.label), options: result.options } : null;
}

const labels = (textWithCursor: string, explicit = false) => complete(textWithCursor, explicit)?.labels ?? [];

describe('AQL scanner', () => {
  it('splits names, quoted text, operators and punctuation', () => {
    expect(tokenizeAql('"Depends on".Tier != \'a\\\'b\' AND x IN (1,2)').map((t) => [t.type, t.value])).toEqual([
      ['quoted', 'Depends on'],
      ['dot', '.'],
      ['word', 'Tier'],
      ['operator', '!='],
      ['quoted', "a'b"],
      ['word', 'AND'],
      ['word', 'x'],
      ['word', 'IN'],
      ['open', '('],
      ['word', '1'],
      ['comma', ','],
      ['word', '2'],
      ['close', ')'],
    ]);
    expect(tokenizeAql('"open').at(0)).toMatchObject({ type: 'quoted', value: 'open', unterminated: true });
  });

  it('follows the grammar', () => {
    const expectAfter = (text: string) => scanAql(tokenizeAql(text)).expect;
    expect(expectAfter('')).toBe('clause');
    expect(expectAfter('Tier')).toBe('operator');
    expect(expectAfter('"Depends on".')).toBe('pathPart');
    expect(expectAfter('Tier =')).toBe('value');
    expect(expectAfter('Tier NOT')).toBe('notOperator');
    expect(expectAfter('Tier NOT IN')).toBe('list');
    expect(expectAfter('Tier IN (')).toBe('listValue');
    expect(expectAfter('Tier IN ("Tier 1"')).toBe('listNext');
    expect(expectAfter('Tier IN ("Tier 1",')).toBe('listValue');
    expect(expectAfter('Tier IN ("Tier 1")')).toBe('clauseEnd');
    expect(expectAfter('Tier IS')).toBe('is');
    expect(expectAfter('Tier IS NOT')).toBe('isNot');
    expect(expectAfter('Tier IS NOT EMPTY')).toBe('clauseEnd');
    expect(expectAfter('Created > now(-1d)')).toBe('clauseEnd');
    expect(expectAfter('Cost > 1.5')).toBe('clauseEnd');
    expect(expectAfter('Tier = x AND')).toBe('clause');
    expect(expectAfter('NOT (')).toBe('clause');
    expect(expectAfter('(Tier = x)')).toBe('clauseEnd');
    expect(expectAfter('object')).toBe('having');
    expect(expectAfter('object NOT HAVING')).toBe('function');
    expect(expectAfter('object HAVING inR(')).toBe('clause');
    expect(expectAfter('object HAVING inR(Tier = x)')).toBe('clauseEnd');
    expect(expectAfter('object HAVING connectedTickets(project = ITO AND (a = b')).toBe('none');
    expect(expectAfter('object HAVING connectedTickets(project = ITO AND (a = b))')).toBe('clauseEnd');
    expect(expectAfter('Tier = x ORDER')).toBe('orderBy');
    expect(expectAfter('Tier = x ORDER BY')).toBe('orderField');
    expect(expectAfter('Tier = x ORDER BY Name')).toBe('orderDirection');
    expect(expectAfter('Tier = = =')).toBe('none');
  });

  it('knows where the cursor is and the partial word', () => {
    expect(aqlCursorContext('Tier = "Tie', 11)).toMatchObject({ expect: 'value', path: ['Tier'], from: 7, partial: '"Tie' });
    expect(aqlCursorContext('Ti', 2)).toMatchObject({ expect: 'clause', from: 0, partial: 'Ti' });
    expect(aqlCursorContext('Tier ', 5)).toMatchObject({ expect: 'operator', path: ['Tier'], from: 5, partial: '' });
    expect(aqlCursorContext('"Depends on".Ti', 15)).toMatchObject({ expect: 'pathPart', path: ['Depends on'], from: 13 });
    expect(aqlCursorContext('object HAVING inR(Tier = 1) AND x', 23)).toMatchObject({ expect: 'operator', from: 23, partial: '', topLevel: false });
  });
});

describe('AQL names and types', () => {
  it('quotes names with spaces, punctuation or keywords', () => {
    expect(aqlName('Tier')).toBe('Tier');
    expect(aqlName('Go-live')).toBe('Go-live');
    expect(aqlName('Depends on')).toBe('"Depends on"');
    expect(aqlName('15" Screen')).toBe('"15\\" Screen"');
    expect(aqlName('Order')).toBe('"Order"');
    expect(aqlName('3rd')).toBe('"3rd"');
  });

  it('merges the attributes of all types by name', () => {
    const all = schemaAttributes(data);
    expect(all.filter((a) => a.name === 'Status')).toHaveLength(1);
    expect(all.find((a) => a.name === 'Status')?.options).toEqual(['Live', 'Retired', 'Decommissioned']);
    // the data itself is left alone
    expect(data.types[0]?.attributes.find((a) => a.name === 'Status')?.options).toEqual(['Live', 'Retired']);
  });

  it('resolves paths through references', () => {
    expect(resolvePath(data, ['tier']).kind).toBe('select');
    expect(resolvePath(data, ['Runs on', 'CPU']).kind).toBe('integer');
    expect(resolvePath(data, ['"Depends on"']).kind).toBe('unknown');
    expect(resolvePath(data, ['Depends on', 'Runs on', 'cpu']).kind).toBe('integer');
    expect(resolvePath(data, ['Tier', 'CPU']).kind).toBe('unknown');
    expect(resolvePath(data, ['objectType']).kind).toBe('objectType');
    expect(resolvePath(data, ['OBJECTTYPEANDCHILDREN']).kind).toBe('objectType');
    expect(resolvePath(data, ['Created']).kind).toBe('datetime');
    expect(resolvePath(data, ['Nope']).kind).toBe('unknown');
  });
});

describe('AQL completion', () => {
  it('offers attributes, keywords and object HAVING at the start of a clause', () => {
    const result = complete('Ti|');
    expect(result?.from).toBe(0);
    expect(result?.labels).toEqual(
      expect.arrayContaining([
        'Tier',
        'Name',
        'CPU',
        '"Depends on"',
        '"Customer facing"',
        'objectType',
        'objectTypeAndChildren',
        'objectSchema',
        'Key',
        'Label',
        'Created',
        'Updated',
        'object HAVING',
        'NOT',
        'ORDER BY',
      ]),
    );
    expect(result?.labels.filter((l) => l === 'Status')).toHaveLength(1);
    expect(labels('Tier = x AND |')).toEqual(expect.arrayContaining(['Tier', 'object HAVING']));
    expect(labels('Tier = x AND |')).not.toContain('ORDER BY');
    expect(labels('(|')).toContain('Tier');
  });

  it('shows the attribute type and reference target as detail', () => {
    const options = complete('|', true)?.options ?? [];
    expect(options.find((o) => o.label === 'Tier')?.detail).toBe('select');
    expect(options.find((o) => o.label === '"Runs on"')?.detail).toBe('reference → Hosts');
  });

  it('offers the operators that fit the attribute', () => {
    expect(labels('Tier |')).toEqual(['=', '!=', 'IN', 'NOT IN', 'LIKE', 'NOT LIKE', 'IS EMPTY', 'IS NOT EMPTY']);
    expect(labels('"Customer facing" |')).toEqual(['=', '!=', 'IS EMPTY', 'IS NOT EMPTY']);
    const date = labels('"Go-live" |');
    expect(date).toEqual(expect.arrayContaining(['<', '>=', 'IN']));
    expect(date).not.toContain('LIKE');
    expect(labels('Name |')).toEqual(expect.arrayContaining(['LIKE', 'STARTSWITH', 'ENDSWITH', '==']));
    expect(labels('"Runs on".CPU |')).toEqual(operatorsFor('integer'));
    expect(labels('"Runs on" |')).toEqual(expect.arrayContaining(['=', 'LIKE', '.']));
    expect(labels('objectType |')).toEqual(['=', '!=', 'IN', 'NOT IN']);
    expect(labels('Whatever |')).toEqual(operatorsFor('unknown'));
    expect(complete('Tier I|')).toMatchObject({ from: 5 });
    expect(labels('Tier NOT |')).toEqual(['IN', 'LIKE']);
    expect(labels('Tier IS |')).toEqual(['EMPTY', 'NOT EMPTY']);
    expect(labels('Tier IS NOT |')).toEqual(['EMPTY']);
  });

  it('offers the options of select and status attributes after = != and in IN lists', () => {
    expect(labels('Tier = |')).toEqual(['"Tier 1"', '"Tier 2"', '"Tier 3"']);
    expect(labels('Tier != |')).toEqual(['"Tier 1"', '"Tier 2"', '"Tier 3"']);
    expect(complete('Tier = "Ti|')).toMatchObject({ from: 7, labels: ['"Tier 1"', '"Tier 2"', '"Tier 3"'] });
    expect(labels('Status IN (|')).toEqual(['Live', 'Retired', 'Decommissioned']);
    expect(labels('Status NOT IN (Live, |')).toEqual(['Live', 'Retired', 'Decommissioned']);
    expect(labels('"Depends on".Tier = |')).toEqual(['"Tier 1"', '"Tier 2"', '"Tier 3"']);
    expect(labels('Tier IN |')).toEqual(['( )']);
  });

  it('offers object type names after objectType and objectTypeAndChildren', () => {
    expect(labels('objectType = |')).toEqual(['Services', 'Hosts', '"Standard Changes"']);
    expect(labels('objectTypeAndChildren = |')).toEqual(['Services', 'Hosts', '"Standard Changes"']);
    expect(labels('objectType IN (Services, |')).toEqual(['Services', 'Hosts', '"Standard Changes"']);
    expect(labels('objectType IN |')).toEqual(['( )', 'objectTypeAndChildren()']);
  });

  it('offers true / false for booleans and date functions for dates', () => {
    expect(labels('"Customer facing" = |')).toEqual(['true', 'false']);
    expect(labels('"Go-live" > |')).toEqual(expect.arrayContaining(['now()', 'startOfDay()', 'endOfYear()']));
    expect(labels('Created >= |')).toEqual(expect.arrayContaining(['now()', 'startOfMonth()']));
    expect(labels('Owner = |')).toEqual(['currentUser()']);
    expect(complete('Name = |')).toBeNull();
  });

  it('offers the reference functions after HAVING', () => {
    expect(labels('object |')).toEqual(['HAVING', 'NOT HAVING']);
    expect(labels('object HAVING |')).toEqual([
      'inboundReferences()',
      'outboundReferences()',
      'connectedTickets()',
      'inR()',
      'outR()',
    ]);
    expect(labels('object NOT HAVING |')).toContain('connectedTickets()');
    expect(labels('object HAVING inR(|')).toContain('Tier');
    expect(complete('object HAVING connectedTickets(|')).toBeNull();
  });

  it("offers the target type's attributes after a reference and a dot", () => {
    expect(complete('"Runs on".|')).toMatchObject({ from: 10, labels: ['Name', 'CPU', 'Status'] });
    expect(labels('"Depends on".Ti|')).toEqual(expect.arrayContaining(['Tier', '"Depends on"', '"Runs on"']));
    expect(labels('"Depends on"."Runs on".|')).toEqual(['Name', 'CPU', 'Status']);
    expect(complete('Tier.|')).toBeNull();
    expect(complete('Cost > 1.|')).toBeNull();
  });

  it('offers AND, OR and ORDER BY after a complete clause', () => {
    expect(labels('Tier = "Tier 1" |')).toEqual(['AND', 'OR', 'ORDER BY']);
    expect(labels('Tier IS EMPTY |')).toEqual(['AND', 'OR', 'ORDER BY']);
    expect(labels('Tier IN ("Tier 1") |')).toEqual(['AND', 'OR', 'ORDER BY']);
    expect(labels('object HAVING inR(Tier = x) |')).toEqual(['AND', 'OR', 'ORDER BY']);
    expect(labels('(Tier = x |')).toEqual(['AND', 'OR']);
    expect(labels('object HAVING inR(Tier = x |')).toEqual(['AND', 'OR']);
    expect(labels('Tier = x O|')).toEqual(expect.arrayContaining(['OR', 'ORDER BY']));
  });

  it('offers attributes and directions after ORDER BY', () => {
    expect(labels('Tier = x ORDER |')).toEqual(['BY']);
    expect(labels('Tier = x ORDER BY |')).toEqual(expect.arrayContaining(['Tier', 'Label', 'Key', 'Created', 'Updated']));
    expect(labels('Tier = x ORDER BY Tier |')).toEqual(['ASC', 'DESC']);
    expect(labels('|')).toContain('ORDER BY');
  });

  it('stays quiet while typing unless within a word, after a space, bracket, comma or dot', () => {
    expect(complete('Tier =|')).toBeNull();
    expect(labels('Tier =|', true)).toEqual(['"Tier 1"', '"Tier 2"', '"Tier 3"']);
    expect(complete('Tier = "Tier 1"|')).toBeNull();
    expect(complete('Tier = = = |')).toBeNull();
    // a value typed out in full leaves Enter to run the query
    expect(complete('objectType = services|')).toBeNull();
    expect(complete('objectType = "Standard Changes"|')).toBeNull();
    expect(labels('objectType = Serv|')).toEqual(['Services', 'Hosts', '"Standard Changes"']);
    expect(labels('objectType = Services|', true)).toContain('Services');
  });

  it('works without data yet (attributes still loading)', () => {
    const source = aqlCompletionSource(() => ({ types: [] }));
    const state = EditorState.create({ doc: 'Ti' });
    const result = source(new CompletionContext(state, 2, false)) as CompletionResult | null;
    expect(result?.options.map((o) => o.label)).toContain('objectType');
  });

  it('inserts the attribute and opens the operators', () => {
    const view = new EditorView({
      state: EditorState.create({ doc: 'Ti', selection: { anchor: 2 }, extensions: [autocompletion()] }),
      parent: document.body,
    });
    const option = complete('Ti|')?.options.find((o) => o.label === 'Tier') as Completion;
    expect(typeof option.apply).toBe('function');
    (option.apply as (v: EditorView, c: Completion, f: number, t: number) => void)(view, option, 0, 2);
    expect(view.state.doc.toString()).toBe('Tier ');
    expect(view.state.selection.main.head).toBe(5);
    view.destroy();
  });

  it('puts the cursor inside the parentheses of inR()', () => {
    const view = new EditorView({
      state: EditorState.create({ doc: 'object HAVING i', selection: { anchor: 15 }, extensions: [autocompletion()] }),
      parent: document.body,
    });
    const option = complete('object HAVING i|')?.options.find((o) => o.label === 'inR()') as Completion;
    (option.apply as (v: EditorView, c: Completion, f: number, t: number) => void)(view, option, 14, 15);
    expect(view.state.doc.toString()).toBe('object HAVING inR()');
    expect(view.state.selection.main.head).toBe(18);
    view.destroy();
  });
});
