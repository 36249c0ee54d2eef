/**
 * Custom field values in their three shapes: what the API sends (CustomFieldValue), what an
 * input holds while editing (FieldFormValue), and what the API takes (CustomFieldInput). The
 * rules are those of api/openapi.yaml (CustomFieldValue, CustomFieldInput).
 */
import type { UserRef } from '@/api/types';
import type { ObjectValue } from '@/lib/objectValues';
import { objectFieldInput, scopeDependencies, toObjectValues } from '@/lib/objectValues';
import type { CustomField, FieldType } from '../api/types';

/** What an editor works on: system fields use the same kinds as custom fields, plus labels. */
export type EditorType = FieldType | 'labels';

export interface EditorOption {
  value: string;
  label?: string;
  disabled?: boolean;
}

/** Describes one editable field to the generic inputs. */
export interface EditorDef {
  /** The field's label (a custom field's name) */
  label: string;
  type: EditorType;
  /** select and multiselect options */
  options?: readonly EditorOption[];
  description?: string;
  required?: boolean;
  /** user fields: offer only people issues can be assigned to */
  assignable?: boolean;
  /** object fields: the field's id for its picker, one or several objects, the form's other answers */
  object?: ObjectFieldDef;
}

export interface ObjectFieldDef {
  fieldId: number;
  multiple: boolean;
  /** The fields its scope uses (`${Other field}` placeholders): only those go into `context` */
  dependsOn: string[];
  /** The picker's `context` (lib/objectValues' encodeObjectContext); '{}' when unknown */
  context?: string;
}

/**
 * The value an input holds: strings for text-like fields, select, date (`YYYY-MM-DD`), datetime
 * (`YYYY-MM-DDTHH:mm` local) and team (its name); numbers or '' for number; 'Yes' | 'No' | '' for
 * yes/no; string[] for multiselect and labels; UserRef | null for user; UserRef[] for multiuser;
 * ObjectValue[] for object fields (one or several CMDB objects).
 */
export type FieldFormValue = string | number | string[] | UserRef | UserRef[] | ObjectValue[] | null;

export function customFieldDef(field: CustomField): EditorDef {
  const def: EditorDef = { label: field.name, type: field.type };
  if (field.options) {
    def.options = field.options.map((o) => ({ value: o.value, disabled: o.disabled }));
  }
  if (field.description) def.description = field.description;
  if (field.type === 'object') {
    def.object = {
      fieldId: field.id,
      multiple: field.multiple ?? false,
      dependsOn: scopeDependencies(field.issueScope, field.filterScope),
    };
  }
  return def;
}

export function isUserRef(value: unknown): value is UserRef {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as UserRef).username === 'string' &&
    typeof (value as UserRef).displayName === 'string'
  );
}

function isNamed(value: unknown): value is { name: string } {
  return typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string';
}

/** The empty input value of a type. */
export function emptyFormValue(type: EditorType): FieldFormValue {
  switch (type) {
    case 'multiselect':
    case 'labels':
    case 'multiuser':
    case 'object':
      return [];
    case 'user':
      return null;
    default:
      return '';
  }
}

/** From an API value (CustomFieldValue or a system field's value) to what the input holds. */
export function toFormValue(type: EditorType, value: unknown): FieldFormValue {
  if (value === null || value === undefined) return emptyFormValue(type);
  switch (type) {
    case 'multiselect':
    case 'labels':
      return Array.isArray(value) ? value.map((v) => (isNamed(v) ? v.name : String(v))) : [String(value)];
    case 'multiuser':
      return Array.isArray(value) ? value.filter(isUserRef) : [];
    case 'object':
      return toObjectValues(value);
    case 'user':
      return isUserRef(value) ? value : null;
    case 'yesno':
      if (typeof value === 'boolean') return value ? 'Yes' : 'No';
      return value === 'Yes' || value === 'No' ? value : '';
    case 'number':
      return typeof value === 'number' ? value : Number.isFinite(Number(value)) ? Number(value) : '';
    case 'datetime':
      return typeof value === 'string' ? isoToLocalInput(value) : '';
    case 'team':
      return isNamed(value) ? value.name : String(value);
    default:
      return isNamed(value) ? value.name : String(value);
  }
}

/**
 * From what the input holds to a CustomFieldInput (null clears). Object fields give a key, or an
 * array of keys when `multiple`.
 */
export function toApiInput(type: EditorType, value: FieldFormValue, { multiple = false }: { multiple?: boolean } = {}): unknown {
  if (isEmptyFormValue(value)) {
    if (type === 'object') return multiple ? [] : null;
    return type === 'multiselect' || type === 'multiuser' || type === 'labels' ? [] : null;
  }
  switch (type) {
    case 'object':
      return objectFieldInput(toObjectValues(value), multiple);
    case 'multiuser':
      return (value as UserRef[]).map((u) => u.username);
    case 'user':
      return (value as UserRef).username;
    case 'yesno':
      return value === 'Yes';
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'datetime':
      return localInputToIso(String(value));
    case 'text':
    case 'paragraph':
    case 'url':
      return String(value).trim() === '' ? null : value;
    default:
      return value;
  }
}

export function isEmptyFormValue(value: FieldFormValue): boolean {
  if (value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/**
 * The `context` of an object field's picker from custom field values (API values, by field name):
 * each as the API would take it, so object fields give their keys.
 */
export function objectContextValues(
  fields: readonly CustomField[],
  values: Readonly<Record<string, unknown>>,
  fromForm: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (!(f.name in values)) continue;
    const raw = values[f.name];
    const form = fromForm ? (raw as FieldFormValue) : toFormValue(f.type, raw);
    out[f.name] = toApiInput(f.type, form, { multiple: f.multiple ?? false });
  }
  return out;
}

/** True when a CustomFieldValue holds nothing (null, '', []). */
export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
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

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "2026-11-28" → "Nov 28, 2026" (a calendar date: no time zone shift). */
export function formatDate(value: string): string {
  const m = value.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) return value;
  return dateFormat.format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

export function formatDateTimeValue(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateTimeFormat.format(d);
}

/** A calendar date before today. */
export function isPastDate(value: string, now: Date = new Date()): boolean {
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && value < today;
}

/** Only web and mail links are made clickable. */
export function isSafeUrl(value: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(value.trim());
}

/** Display names of the issue's system fields, as the history and the details panel use them. */
const SYSTEM_FIELD_LABELS: Record<string, string> = {
  summary: 'Summary',
  description: 'Description',
  status: 'Status',
  resolution: 'Resolution',
  priority: 'Priority',
  assignee: 'Assignee',
  reporter: 'Reporter',
  labels: 'Labels',
  components: 'Components',
  duedate: 'Due date',
  parent: 'Parent',
  issuetype: 'Issue type',
  requesttype: 'Request type',
  requestparticipants: 'Request participants',
  organizations: 'Organizations',
  approvers: 'Approvers',
  comment: 'Comment',
  link: 'Link',
  attachment: 'Attachment',
  watcher: 'Watcher',
  project: 'Project',
};

export function fieldLabel(field: string): string {
  return SYSTEM_FIELD_LABELS[field.toLowerCase()] ?? field;
}
