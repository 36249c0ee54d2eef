import { describe, expect, it } from 'vitest';
import type { AutomationField } from '../api/types';
import { catalogue } from '../testing/fixtures';
import {
  InvalidJson,
  cleanSettings,
  controlFor,
  defaultSettings,
  isAdvanced,
  isEmptySetting,
  listValue,
  numberValue,
  objectToRows,
  optionLabel,
  rowsToObject,
  textValue,
  validateSettings,
  visibleControls,
} from './fieldKinds';

const field = (kind: string, name = 'x', extra: Partial<AutomationField> = {}): AutomationField => ({
  name,
  kind,
  label: 'X',
  required: false,
  options: [],
  ...extra,
});

describe('form fields by kind', () => {
  it('gives each kind its input', () => {
    expect(controlFor(field('text')).widget).toBe('text');
    expect(controlFor(field('template', 'summary'))).toMatchObject({ widget: 'text', smartValues: true });
    expect(controlFor(field('template', 'body'))).toMatchObject({ widget: 'textarea', smartValues: true });
    expect(controlFor(field('jql'))).toMatchObject({ widget: 'jql', smartValues: true });
    expect(controlFor(field('field'))).toMatchObject({ widget: 'field', suggestions: 'fields', smartValues: false });
    expect(controlFor(field('fields'))).toMatchObject({ widget: 'fields', suggestions: 'fields' });
    expect(controlFor(field('status'))).toMatchObject({ widget: 'status', suggestions: 'statuses' });
    expect(controlFor(field('bool')).widget).toBe('switch');
    expect(controlFor(field('number')).widget).toBe('number');
    expect(controlFor(field('list'))).toMatchObject({ widget: 'tags' });
    expect(controlFor(field('list', 'toStatus'))).toMatchObject({ widget: 'tags', suggestions: 'statuses' });
    expect(controlFor(field('json', 'fields'))).toMatchObject({ widget: 'json', keyValue: true });
    expect(controlFor(field('json', 'headers'))).toMatchObject({ widget: 'json', keyValue: true });
    expect(controlFor(field('json', 'payload'))).toMatchObject({ widget: 'json', keyValue: false });
    expect(controlFor(field('someday'))).toMatchObject({ widget: 'text' });
    // Acting on another issue is an advanced option, unless required.
    expect(isAdvanced(controlFor(field('template', 'issue')))).toBe(true);
    expect(isAdvanced(controlFor(field('template', 'issue', { required: true })))).toBe(false);
    expect(isAdvanced(controlFor(field('template', 'body')))).toBe(false);
  });

  it('shows the value inputs the operator uses, and any that hold something', () => {
    const issueFields = catalogue.conditions[0]!.fields;
    const names = (settings: Record<string, unknown>) => visibleControls(issueFields, settings).map((c) => c.name);
    expect(names({ operator: 'contains' })).toEqual(['field', 'operator', 'value']);
    expect(names({ operator: 'oneOf' })).toEqual(['field', 'operator', 'values']);
    expect(names({ operator: 'isEmpty' })).toEqual(['field', 'operator']);
    expect(names({ operator: 'isEmpty', value: 'left over' })).toEqual(['field', 'operator', 'value']);
    expect(names({})).toEqual(['field', 'operator', 'value', 'values']);
    const user = [field('select', 'user'), field('select', 'operator'), field('list', 'values')];
    expect(visibleControls(user, { operator: 'inRole' }).map((c) => c.name)).toEqual(['user', 'operator', 'values']);
    expect(visibleControls(user, { operator: 'exists' }).map((c) => c.name)).toEqual(['user', 'operator']);
  });

  it('labels select options in words', () => {
    const select = controlFor(field('select', 'operator', { options: ['equals', 'notOneOf', 'isNotEmpty', 'POST', 'wildGuess'] }));
    expect(select.widget).toBe('select');
    expect(select.options).toEqual([
      { value: 'equals', label: 'equals' },
      { value: 'notOneOf', label: 'is not one of' },
      { value: 'isNotEmpty', label: 'is not empty' },
      { value: 'POST', label: 'Post' },
      { value: 'wildGuess', label: 'Wild guess' },
    ]);
    expect(optionLabel('initiator')).toBe('The user who triggered the rule');
  });

  it('shows stored values in the inputs', () => {
    expect(textValue(undefined)).toBe('');
    expect(textValue(['a', 'b'])).toBe('a, b');
    expect(textValue(3)).toBe('3');
    expect(listValue('Open')).toEqual(['Open']);
    expect(listValue(['Open', 'Done'])).toEqual(['Open', 'Done']);
    expect(listValue('')).toEqual([]);
    expect(numberValue('15')).toBe(15);
    expect(numberValue('abc')).toBe('');
    expect(numberValue(undefined)).toBe('');
  });

  it('starts a component with its required choices set', () => {
    const issueFields = catalogue.conditions[0]!;
    expect(defaultSettings(issueFields)).toEqual({ operator: 'equals' });
    expect(defaultSettings(catalogue.actions[2])).toEqual({});
    expect(defaultSettings(undefined)).toEqual({});
  });

  it('finds missing required settings, bad JSON and bad numbers', () => {
    const fields = [
      field('template', 'body', { required: true, label: 'Comment' }),
      field('json', 'fields', { required: true, label: 'Fields' }),
      field('number', 'timeoutMs', { label: 'Timeout' }),
      field('bool', 'internal', { required: true }),
    ];
    expect(validateSettings(fields, { body: '  ', fields: {}, timeoutMs: 'soon' })).toEqual({
      body: 'Comment is required',
      fields: 'Fields is required',
      timeoutMs: 'Timeout is a number',
    });
    expect(validateSettings(fields, { body: 'hi', fields: new InvalidJson('{"a":', 'Unexpected end') })).toEqual({
      fields: 'Not valid JSON: Unexpected end',
    });
    expect(validateSettings(fields, { body: 'hi', fields: { Priority: 'High' }, timeoutMs: 500 })).toEqual({});
  });

  it('sends only what is set, numbers as numbers, and keeps settings it does not know', () => {
    const fields = [
      field('text', 'value'),
      field('list', 'values'),
      field('number', 'timeoutMs'),
      field('bool', 'internal'),
      field('json', 'headers'),
    ];
    expect(
      cleanSettings(fields, { value: '', values: [], timeoutMs: '250', internal: false, headers: {}, parent: 'ITO-1', label: 'x' }),
    ).toEqual({ timeoutMs: 250, internal: false, parent: 'ITO-1', label: 'x' });
    expect(cleanSettings(fields, { value: 'a', values: ['b'], headers: new InvalidJson('{', 'bad') })).toEqual({ value: 'a', values: ['b'] });
    expect(isEmptySetting(0)).toBe(false);
    expect(isEmptySetting(false)).toBe(false);
  });

  it('edits a JSON object as name → value rows', () => {
    expect(objectToRows({ Priority: 'High', labels: ['a', 'b'], 'Story points': 3 })).toEqual([
      { key: 'Priority', value: 'High' },
      { key: 'labels', value: '["a","b"]' },
      { key: 'Story points', value: '3' },
    ]);
    expect(objectToRows(undefined)).toEqual([]);
    expect(objectToRows(['a'])).toBeUndefined();
    expect(objectToRows(new InvalidJson('{', 'bad'))).toBeUndefined();
    expect(
      rowsToObject([
        { key: ' Priority ', value: 'High' },
        { key: 'labels', value: '["a", "b"]' },
        { key: 'assignee', value: 'null' },
        { key: 'Story points', value: '3' },
        { key: 'summary', value: '[{{issue.key}}] copy' },
        { key: '', value: 'ignored' },
      ]),
    ).toEqual({ Priority: 'High', labels: ['a', 'b'], assignee: null, 'Story points': '3', summary: '[{{issue.key}}] copy' });
  });
});
