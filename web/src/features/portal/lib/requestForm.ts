/**
 * The state of a request form and its conversion to `POST /api/v1/requests`: one value per form
 * field, kept in the shape its input edits, turned into what the API takes on submit.
 */
import type { ObjectValue } from '@/lib/objectValues';
import { objectFieldInput, toObjectValues } from '@/lib/objectValues';
import type { RequestTypeFormField } from '../api/types';

/**
 * What an input holds: text, a choice (or null), several choices, a number or a yes/no; CMDB
 * objects (one or several) for object fields.
 */
export type FormValue = string | string[] | number | ObjectValue[] | null;

export type FormValues = Record<string, FormValue>;
export type FormErrors = Record<string, string>;

/** The form key of "Raise this request on behalf of" (the API's error field too). */
export const ON_BEHALF_FIELD = 'raiseOnBehalfOf';

const MULTI_TYPES = new Set(['multiselect', 'multiuser', 'labels']);

/** Whether the field edits a list of values. */
export function isMultiValued(field: Pick<RequestTypeFormField, 'field' | 'type'>): boolean {
  return MULTI_TYPES.has(field.type) || field.field === 'components' || field.field === 'labels';
}

export function initialValue(field: Pick<RequestTypeFormField, 'field' | 'type'>): FormValue {
  if (isMultiValued(field) || field.type === 'object') return [];
  if (field.type === 'select' || field.type === 'yesno' || field.field === 'priority') return null;
  return '';
}

export function initialValues(fields: readonly RequestTypeFormField[]): FormValues {
  return Object.fromEntries(fields.map((f) => [f.field, initialValue(f)]));
}

export function isEmptyValue(value: FormValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/** "Application to Change is required" for each required field left empty. */
export function validateRequired(
  fields: readonly RequestTypeFormField[],
  values: FormValues,
): FormErrors {
  const errors: FormErrors = {};
  for (const f of fields) {
    if (f.required && isEmptyValue(values[f.field])) errors[f.field] = `${f.label} is required`;
  }
  return errors;
}

/**
 * The API's value for a field: trimmed text, `YYYY-MM-DD` dates, ISO 8601 date-times (a
 * `datetime-local` input's local time converted to UTC), numbers, booleans for yes/no and lists.
 * Undefined when the field is empty (left out of `values`).
 */
export function toApiValue(
  field: Pick<RequestTypeFormField, 'field' | 'type' | 'multiple'>,
  value: FormValue | undefined,
): string | string[] | number | boolean | undefined {
  if (isEmptyValue(value)) return undefined;
  if (field.type === 'object') return objectFieldInput(toObjectValues(value), field.multiple ?? false) ?? undefined;
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
  if (typeof value === 'number') return value;
  const text = (value as string).trim();
  switch (field.type) {
    case 'yesno':
      return text === 'Yes';
    case 'number': {
      const n = Number(text);
      return Number.isFinite(n) ? n : text;
    }
    case 'datetime': {
      const date = new Date(text);
      return Number.isNaN(date.getTime()) ? text : date.toISOString();
    }
    case 'paragraph':
      return (value as string).replace(/\s+$/, '');
    default:
      return text;
  }
}

/** The `values` object of POST /api/v1/requests (empty answers left out). */
export function toApiValues(fields: readonly RequestTypeFormField[], values: FormValues) {
  const out: Record<string, string | string[] | number | boolean> = {};
  for (const f of fields) {
    const v = toApiValue(f, values[f.field]);
    if (v !== undefined) out[f.field] = v;
  }
  return out;
}

/**
 * The `context` of object fields' pickers: the form's custom fields by field name, as the API
 * takes them (object fields as keys); empty answers left out.
 */
export function objectContextValues(fields: readonly RequestTypeFormField[], values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!f.field.startsWith('customfield_')) continue;
    const v = toApiValue(f, values[f.field]);
    if (v !== undefined) out[f.name] = v;
  }
  return out;
}

/**
 * The form key an API error belongs to: `values.customfield_5` → `customfield_5`,
 * `raiseOnBehalfOf` → itself; undefined for errors of no field on the form. Field names given by
 * name (`values.Affected services`) are matched case-insensitively too.
 */
export function formKeyOfError(
  apiField: string | undefined,
  fields: readonly Pick<RequestTypeFormField, 'field' | 'name'>[],
): string | undefined {
  if (!apiField) return undefined;
  if (apiField === ON_BEHALF_FIELD || apiField === 'reporter') return ON_BEHALF_FIELD;
  const name = apiField.startsWith('values.') ? apiField.slice('values.'.length) : apiField;
  const lower = name.toLowerCase();
  const found = fields.find((f) => f.field.toLowerCase() === lower || f.name.toLowerCase() === lower);
  return found?.field;
}
