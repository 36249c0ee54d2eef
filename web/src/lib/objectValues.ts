/**
 * Values of object fields (CMDB objects held by an issue's or a request's custom field) and the
 * `context` their pickers send (api/openapi.yaml: CustomFieldValue, CustomFieldInput and
 * `GET /api/v1/fields/{fieldId}/objects`).
 *
 * - Read: always an array of `{"id","key","label"}`.
 * - Written: a key (or label) string for single fields, an array of keys for multiple ones.
 * - Context: the other fields of the same form by field name, as the API would take them.
 */

/** An object as a field holds and shows it. */
export interface ObjectValue {
  key: string;
  label: string;
  /** The object type's name, when known (pickers know it, issue values do not) */
  objectType?: string | undefined;
}

export function isObjectValue(value: unknown): value is ObjectValue {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ObjectValue).key === 'string' &&
    typeof (value as ObjectValue).label === 'string'
  );
}

/** The objects of an API value: an array of objects, one object, or nothing. */
export function toObjectValues(value: unknown): ObjectValue[] {
  const list = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
  return list.filter(isObjectValue).map((o) => {
    const out: ObjectValue = { key: o.key, label: o.label };
    if (typeof o.objectType === 'string') out.objectType = o.objectType;
    return out;
  });
}

/** What the API takes for an object field: a key, an array of keys, or null / [] to clear. */
export function objectFieldInput(values: readonly ObjectValue[], multiple: boolean): string | string[] | null {
  if (multiple) return values.map((v) => v.key);
  return values[0]?.key ?? null;
}

/** True for the values a context leaves out: null, '', [] and undefined. */
function isBlank(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

/**
 * The `context` query parameter of an object field's picker: the other fields' values by field
 * name (the field itself and empty ones left out; only the fields in `only`, when given), as JSON
 * with sorted names, so that equal contexts are equal strings (and share a cache entry).
 */
export function encodeObjectContext(
  values: Readonly<Record<string, unknown>>,
  exceptField?: string,
  only?: readonly string[],
): string {
  const except = exceptField?.toLowerCase();
  const wanted = only ? new Set(only.map((n) => n.toLowerCase())) : undefined;
  const entries = Object.entries(values)
    .filter(([name, value]) => name.toLowerCase() !== except && !isBlank(value))
    .filter(([name]) => !wanted || wanted.has(name.toLowerCase()))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(entries));
}

/** The fields an AQL scope waits for: the names in its `${Other field}` placeholders. */
export function scopeDependencies(...scopes: (string | undefined)[]): string[] {
  const names = new Set<string>();
  for (const scope of scopes) {
    for (const m of (scope ?? '').matchAll(/\$\{([^}]+)\}/g)) names.add(m[1]!.trim());
  }
  return [...names];
}

/** "Oracle CRM (APP-12)" */
export function objectText(value: ObjectValue): string {
  return `${value.label} (${value.key})`;
}

/** The numeric id of a custom field named `customfield_12` or `cf[12]`; undefined otherwise. */
export function customFieldId(ref: string): number | undefined {
  const m = /^(?:customfield_(\d+)|cf\[(\d+)\])$/i.exec(ref.trim());
  return m ? Number(m[1] ?? m[2]) : undefined;
}
