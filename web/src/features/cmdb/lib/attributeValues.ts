/**
 * Attribute values in their three shapes: what the API sends (CmdbAttributeValue), what a form
 * input holds while editing (AttrFormValue), and what the API takes (CmdbAttributeInputValue:
 * references as keys, users as usernames, teams as names). The rules are those of
 * api/openapi.yaml.
 */
import type { UserRef } from '@/api/types';
import type { ObjectValue } from '@/lib/objectValues';
import { toObjectValues } from '@/lib/objectValues';
import type { CmdbAttribute } from '../api/types';

/**
 * What an input holds: strings for text-like types, select, status, team and date
 * (`YYYY-MM-DD`), datetime (`YYYY-MM-DDTHH:mm` local); a number or '' for integer and float;
 * 'Yes' | 'No' | '' for boolean; UserRef | null for user; ObjectValue[] for references (one or
 * several); string[] (UserRef[] for users) for other multi-valued attributes.
 */
export type AttrFormValue = string | number | string[] | UserRef | UserRef[] | ObjectValue[] | null;

/** Attributes whose maxCardinality is above 1 (or -1, unlimited) hold arrays. */
export function isMultiValued(attr: Pick<CmdbAttribute, 'maxCardinality'>): boolean {
  return attr.maxCardinality === -1 || attr.maxCardinality > 1;
}

export function isUserRef(value: unknown): value is UserRef {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as UserRef).username === 'string' &&
    typeof (value as UserRef).displayName === 'string'
  );
}

function nameOf(value: unknown): string {
  if (typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string') {
    return (value as { name: string }).name;
  }
  return value === null || value === undefined ? '' : String(value);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-11-28T02:40:43.286Z" → "2026-11-27T21:40" in the browser's time zone (datetime-local). */
export function isoToLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value back to ISO 8601 UTC. */
export function localInputToIso(local: string): string {
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}

export function emptyAttrValue(attr: Pick<CmdbAttribute, 'type' | 'maxCardinality'>): AttrFormValue {
  if (attr.type === 'reference') return [];
  if (attr.type === 'boolean') return '';
  if (isMultiValued(attr)) return [];
  if (attr.type === 'user') return null;
  return '';
}

/** From an API value to what the input holds. */
export function toAttrFormValue(attr: Pick<CmdbAttribute, 'type' | 'maxCardinality'>, value: unknown): AttrFormValue {
  if (value === null || value === undefined) return emptyAttrValue(attr);
  if (attr.type === 'reference') return toObjectValues(value);
  if (attr.type === 'boolean') {
    if (typeof value === 'boolean') return value ? 'Yes' : 'No';
    return value === 'Yes' || value === 'No' ? value : '';
  }
  const list = Array.isArray(value) ? value : [value];
  if (isMultiValued(attr)) {
    if (attr.type === 'user') return list.filter(isUserRef);
    if (attr.type === 'team') return list.map(nameOf).filter(Boolean);
    return list.map((v) => String(v));
  }
  const one: unknown = list[0];
  switch (attr.type) {
    case 'user':
      return isUserRef(one) ? one : null;
    case 'team':
      return nameOf(one);
    case 'integer':
    case 'float':
      return typeof one === 'number' ? one : Number.isFinite(Number(one)) ? Number(one) : '';
    case 'datetime':
      return typeof one === 'string' ? isoToLocalInput(one) : '';
    default:
      return String(one);
  }
}

export function isEmptyAttrValue(value: AttrFormValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

function toNumber(attr: Pick<CmdbAttribute, 'type'>, value: string | number): number | string {
  const n = typeof value === 'number' ? value : Number(String(value).trim());
  if (!Number.isFinite(n)) return String(value); // The server says what is wrong with it.
  return attr.type === 'integer' ? Math.trunc(n) : n;
}

/** From what the input holds to what the API takes; null (or [] for arrays) clears. */
export function toAttrInput(attr: Pick<CmdbAttribute, 'type' | 'maxCardinality'>, value: AttrFormValue | undefined): unknown {
  const multi = isMultiValued(attr);
  if (isEmptyAttrValue(value)) return multi ? [] : null;
  if (attr.type === 'reference') {
    const keys = toObjectValues(value).map((o) => o.key);
    return multi ? keys : (keys[0] ?? null);
  }
  if (attr.type === 'boolean') return value === 'Yes';
  if (attr.type === 'user') {
    const users = (Array.isArray(value) ? value : [value]).filter(isUserRef).map((u) => u.username);
    return multi ? users : (users[0] ?? null);
  }
  if (multi) {
    const items = (Array.isArray(value) ? value : [value]).map((v) => String(v).trim()).filter(Boolean);
    if (attr.type === 'integer' || attr.type === 'float') return items.map((v) => toNumber(attr, v));
    if (attr.type === 'datetime') return items.map(localInputToIso);
    return items;
  }
  switch (attr.type) {
    case 'integer':
    case 'float':
      return toNumber(attr, value as string | number);
    case 'datetime':
      return localInputToIso(String(value));
    case 'textarea':
      return String(value).replace(/\s+$/, '');
    default:
      return String(value).trim();
  }
}

/** The `attributes` of a PATCH: only those whose value differs from the object's. */
export function changedAttributes(
  attrs: readonly CmdbAttribute[],
  before: Readonly<Record<string, unknown>>,
  form: Readonly<Record<string, AttrFormValue>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const a of attrs) {
    if (!(a.name in form)) continue;
    const next = toAttrInput(a, form[a.name]);
    const previous = toAttrInput(a, toAttrFormValue(a, before[a.name]));
    if (JSON.stringify(next) !== JSON.stringify(previous)) out[a.name] = next;
  }
  return out;
}

/** "Applications Applicable is required" for each required attribute left empty. */
export function missingRequired(
  attrs: readonly CmdbAttribute[],
  form: Readonly<Record<string, AttrFormValue>>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const a of attrs) {
    if (a.required && isEmptyAttrValue(form[a.name])) errors[a.name] = `${a.name} is required`;
  }
  return errors;
}

/** The attribute an API error names (`attributes.Tier`, `Tier`), if it is one of `attrs`. */
export function attributeOfError(field: string | undefined, attrs: readonly CmdbAttribute[]): string | undefined {
  if (!field) return undefined;
  const name = (field.startsWith('attributes.') ? field.slice('attributes.'.length) : field).replace(/\[\d+\]$/, '');
  return attrs.find((a) => a.name.toLowerCase() === name.toLowerCase())?.name;
}
