/**
 * The settings form of a trigger, condition or action, generated from the catalogue's `fields`
 * (GET /api/v1/automation/components): which input each `kind` gets, the value that input shows
 * for what the rule holds, the checks made before saving, and the settings sent back (empty
 * values left out).
 *
 * Kinds: text, template (smart values), jql, field (a field name), fields (several), status,
 * select (one of `options`), bool, number, json, list.
 */
import type { AutomationComponentType, AutomationField } from '../api/types';
import type { Settings } from './ruleTree';

export type Widget =
  | 'text'
  | 'textarea'
  | 'jql'
  | 'field'
  | 'fields'
  | 'status'
  | 'select'
  | 'switch'
  | 'number'
  | 'tags'
  | 'json';

export interface FieldControl {
  name: string;
  label: string;
  required: boolean;
  widget: Widget;
  /** Select: the choices with readable labels */
  options: { value: string; label: string }[];
  /** Offers the smart-value help and the "Try it" preview */
  smartValues: boolean;
  /** JSON: also offers the key/value editor (field name → value) */
  keyValue: boolean;
  /** Tags and text inputs: names suggested while typing */
  suggestions?: 'fields' | 'statuses';
}

/** Template settings that hold prose get a multi-line input. */
const MULTILINE = new Set(['body', 'description', 'message']);
/** JSON settings that are a map of names to values: `fields` (edit, create) and `headers`. */
const KEY_VALUE = new Set(['fields', 'headers']);

const OPERATOR_LABELS: Record<string, string> = {
  equals: 'equals',
  notEquals: 'does not equal',
  oneOf: 'is one of',
  notOneOf: 'is not one of',
  contains: 'contains',
  notContains: 'does not contain',
  isEmpty: 'is empty',
  isNotEmpty: 'is not empty',
  greaterThan: 'is greater than',
  lessThan: 'is less than',
  greaterOrEqual: 'is greater than or equal to',
  lessOrEqual: 'is less than or equal to',
  startsWith: 'starts with',
  endsWith: 'ends with',
  matches: 'matches (regular expression)',
  notMatches: 'does not match (regular expression)',
  is: 'is',
  isNot: 'is not',
  inRole: 'is in project role',
  notInRole: 'is not in project role',
  inTeam: 'is in team',
  notInTeam: 'is not in team',
  exists: 'exists',
  notExists: 'does not exist',
  any: 'Any comment',
  public: 'Public replies only',
  internal: 'Internal notes only',
  initiator: 'The user who triggered the rule',
  assignee: 'Assignee',
  reporter: 'Reporter',
};

/** "notOneOf" → "is not one of"; unknown names are split into words. */
export function optionLabel(option: string): string {
  return (
    OPERATOR_LABELS[option] ??
    option
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .replace(/^./, (c) => c.toUpperCase())
  );
}

/** The input a catalogue field gets. */
export function controlFor(field: AutomationField): FieldControl {
  const base = {
    name: field.name,
    label: field.label,
    required: field.required,
    options: field.options.map((o) => ({ value: o, label: optionLabel(o) })),
    smartValues: false,
    keyValue: false,
  };
  switch (field.kind) {
    case 'template':
      return { ...base, widget: MULTILINE.has(field.name) ? 'textarea' : 'text', smartValues: true };
    case 'jql':
      return { ...base, widget: 'jql', smartValues: true };
    case 'field':
      return { ...base, widget: 'field', suggestions: 'fields' };
    case 'fields':
      return { ...base, widget: 'fields', suggestions: 'fields' };
    case 'status':
      return { ...base, widget: 'status', suggestions: 'statuses' };
    case 'select':
      return { ...base, widget: 'select' };
    case 'bool':
      return { ...base, widget: 'switch' };
    case 'number':
      return { ...base, widget: 'number' };
    case 'json':
      return { ...base, widget: 'json', keyValue: KEY_VALUE.has(field.name) };
    case 'list':
      return /status/i.test(field.name)
        ? { ...base, widget: 'tags', suggestions: 'statuses' }
        : { ...base, widget: 'tags' };
    default:
      // "text" and kinds this web app does not know yet: one line of text.
      return { ...base, widget: 'text' };
  }
}

/** Optional settings most rules leave alone (another issue than the rule's): under "More options". */
const ADVANCED = new Set(['issue', 'from']);

export function isAdvanced(control: Pick<FieldControl, 'name' | 'required'>): boolean {
  return !control.required && ADVANCED.has(control.name);
}

const LIST_OPERATORS = new Set(['oneOf', 'notOneOf']);
const NO_VALUE_OPERATORS = new Set(['isEmpty', 'isNotEmpty', 'exists', 'notExists']);

/**
 * The inputs a component shows: all of its fields, except a value its operator does not use
 * ("Value" for "is one of", "Values" for "equals", neither for "is empty") while it is empty.
 */
export function visibleControls(fields: readonly AutomationField[], settings: Settings): FieldControl[] {
  const operator = typeof settings.operator === 'string' ? settings.operator : undefined;
  const names = new Set(fields.map((f) => f.name));
  const unused = (name: string): boolean => {
    if (operator === undefined || !names.has('operator')) return false;
    if (NO_VALUE_OPERATORS.has(operator)) return name === 'value' || name === 'values';
    if (name === 'value' && names.has('values')) return LIST_OPERATORS.has(operator);
    if (name === 'values' && names.has('value')) return !LIST_OPERATORS.has(operator);
    return false;
  };
  return fields.filter((f) => !(unused(f.name) && isEmptySetting(settings[f.name]))).map(controlFor);
}

// ---------------------------------------------------------------------------- values

/** JSON text that does not parse yet: kept as typed, and refused on save. */
export class InvalidJson {
  constructor(
    readonly text: string,
    readonly message: string,
  ) {}
}

export function parseJsonText(text: string): { value: unknown } | { error: string } {
  if (text.trim() === '') return { value: undefined };
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    return { error: e instanceof Error ? e.message : 'not valid JSON' };
  }
}

/** The text an input shows for a setting's value. */
export function textValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => textValue(v)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The tags a list input shows: a list as it is, one text as one tag. */
export function listValue(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => textValue(v)).filter((v) => v !== '');
  const text = textValue(value);
  return text === '' ? [] : [text];
}

/** A number input's value: the number, or '' when there is none. */
export function numberValue(value: unknown): number | '' {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return '';
}

/** Empty: nothing, blank text, an empty list or an empty object. */
export function isEmptySetting(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof InvalidJson) return value.text.trim() === '';
  if (typeof value === 'object') return Object.keys(value).length === 0;
  return false;
}

/** The settings a new component starts with: required choices on their first option. */
export function defaultSettings(type: AutomationComponentType | undefined): Settings {
  const settings: Settings = {};
  for (const field of type?.fields ?? []) {
    if (field.kind === 'select' && field.required && field.options[0] !== undefined) {
      settings[field.name] = field.options[0];
    }
  }
  return settings;
}

/** What is wrong with the settings before they are sent: by setting name. */
export function validateSettings(fields: readonly AutomationField[], settings: Settings): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const value = settings[field.name];
    if (value instanceof InvalidJson && value.text.trim() !== '') {
      errors[field.name] = `Not valid JSON: ${value.message}`;
    } else if (field.required && isEmptySetting(value) && field.kind !== 'bool') {
      errors[field.name] = `${field.label} is required`;
    } else if (field.kind === 'number' && !isEmptySetting(value) && numberValue(value) === '') {
      errors[field.name] = `${field.label} is a number`;
    }
  }
  return errors;
}

/** The settings as sent: empty values left out; settings the catalogue does not list kept as they are. */
export function cleanSettings(fields: readonly AutomationField[], settings: Settings): Settings {
  const kinds = new Map(fields.map((f) => [f.name, f.kind]));
  const out: Settings = {};
  for (const [name, value] of Object.entries(settings)) {
    const kind = kinds.get(name);
    if (kind === undefined) {
      out[name] = value;
      continue;
    }
    if (isEmptySetting(value) || value instanceof InvalidJson) continue;
    if (kind === 'number') {
      const n = numberValue(value);
      if (n !== '') out[name] = n;
    } else if (kind === 'bool') {
      out[name] = value === true;
    } else {
      out[name] = value;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------- key/value rows

export interface KeyValueRow {
  key: string;
  value: string;
}

/** The rows of an object (a value that is not text shown as JSON); undefined for anything else. */
export function objectToRows(value: unknown): KeyValueRow[] | undefined {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'object' || Array.isArray(value) || value instanceof InvalidJson) return undefined;
  return Object.entries(value as Record<string, unknown>).map(([key, v]) => ({
    key,
    value: typeof v === 'string' ? v : JSON.stringify(v),
  }));
}

/**
 * The object of the rows. A value that is JSON of a list, an object, true, false or null is
 * taken as that (`["a", "b"]` for labels); anything else is text (numbers too: the server
 * converts text to the field's type). Rows without a name are left out.
 */
export function rowsToObject(rows: readonly KeyValueRow[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (key === '') continue;
    out[key] = rowValue(row.value);
  }
  return out;
}

function rowValue(text: string): unknown {
  const trimmed = text.trim();
  if (/^[[{]/.test(trimmed) || trimmed === 'true' || trimmed === 'false' || trimmed === 'null') {
    const parsed = parseJsonText(trimmed);
    if ('value' in parsed) return parsed.value;
  }
  return text;
}
