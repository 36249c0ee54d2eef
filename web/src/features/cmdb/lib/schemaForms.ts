/**
 * The administrators' schema forms (an object type, an attribute; new or changed): their values,
 * the checks made before sending, the request bodies, and where a server error belongs.
 */
import type { CmdbAttributeInput, CmdbObjectTypeCreate, CmdbObjectTypeUpdate } from '../api/schemaAdmin';
import type { CmdbAttribute, CmdbAttributeType, CmdbObjectType } from '../api/types';

export const ATTRIBUTE_TYPES: readonly CmdbAttributeType[] = [
  'text',
  'textarea',
  'integer',
  'float',
  'boolean',
  'date',
  'datetime',
  'url',
  'email',
  'select',
  'status',
  'user',
  'team',
  'reference',
];

export interface ObjectTypeForm {
  name: string;
  description: string;
  /** The parent type's id as text; '' for a root type */
  parentId: string;
  icon: string;
  abstract: boolean;
  inheritAttributes: boolean;
}

export const emptyObjectTypeForm = (): ObjectTypeForm => ({
  name: '',
  description: '',
  parentId: '',
  icon: '',
  abstract: false,
  inheritAttributes: false,
});

/** The fields of a type its form shows (a tree node has them too). */
export type ObjectTypeFields = Pick<CmdbObjectType, 'id' | 'name' | 'description' | 'parentId' | 'icon' | 'abstract' | 'inheritAttributes'>;

/** The form of an existing type (its parent cannot change). */
export const objectTypeForm = (type: ObjectTypeFields): ObjectTypeForm => ({
  name: type.name,
  description: type.description,
  parentId: type.parentId === null ? '' : String(type.parentId),
  icon: type.icon,
  abstract: type.abstract,
  inheritAttributes: type.inheritAttributes,
});

export type FormErrors<K extends string> = Partial<Record<K, string>>;

export function validateObjectType(form: ObjectTypeForm): FormErrors<keyof ObjectTypeForm> {
  return form.name.trim() === '' ? { name: 'Name is required' } : {};
}

/** The body of POST /api/v1/cmdb/schemas/{key}/objecttypes (the names the server accepts). */
export function objectTypePayload(form: ObjectTypeForm): CmdbObjectTypeCreate {
  const body: CmdbObjectTypeCreate = {
    name: form.name.trim(),
    description: form.description.trim(),
    abstract: form.abstract,
    inheritAttributes: form.inheritAttributes,
  };
  if (form.parentId !== '') body.parentId = Number(form.parentId);
  if (form.icon.trim() !== '') body.icon = form.icon.trim();
  return body;
}

/** The body of PUT /api/v1/cmdb/objecttypes/{id}: the fields it accepts (not the parent). */
export function objectTypeUpdatePayload(form: ObjectTypeForm): CmdbObjectTypeUpdate {
  const { parentId: _fixed, ...body } = objectTypePayload(form);
  return { ...body, icon: form.icon.trim() };
}

export interface AttributeForm {
  name: string;
  type: CmdbAttributeType;
  description: string;
  /** At least one value (kept in step with minCardinality ≥ 1) */
  required: boolean;
  unique: boolean;
  /** Its value is the object's label (one attribute per type; text-like types only) */
  label: boolean;
  /** Select and status choices, one a line */
  options: string;
  /** Reference: the target type's id as text */
  referenceObjectTypeId: string;
  referenceKind: string;
  /** The least number of values, as text */
  minCardinality: string;
  /** The most values, as text; '' (or -1) for any number */
  maxCardinality: string;
}

export const emptyAttributeForm = (): AttributeForm => ({
  name: '',
  type: 'text',
  description: '',
  required: false,
  unique: false,
  label: false,
  options: '',
  referenceObjectTypeId: '',
  referenceKind: '',
  minCardinality: '0',
  maxCardinality: '1',
});

/**
 * The least number of values as the form shows it: a required attribute takes at least one (the
 * server checks `required` for "no value" and minCardinality only once there are values).
 */
export const shownMinCardinality = (a: Pick<CmdbAttribute, 'required' | 'minCardinality'>) =>
  a.required ? Math.max(1, a.minCardinality) : a.minCardinality;

/**
 * The form of an existing attribute. The label attribute shows as required: the server wants its
 * value on every object whatever its `required` says.
 */
export const attributeForm = (a: CmdbAttribute): AttributeForm => {
  const required = a.required || a.label;
  return {
    name: a.name,
    type: a.type,
    description: a.description,
    required,
    unique: a.unique,
    label: a.label,
    options: a.options.join('\n'),
    referenceObjectTypeId: a.referenceObjectTypeId === null ? '' : String(a.referenceObjectTypeId),
    referenceKind: a.referenceKind ?? '',
    minCardinality: String(shownMinCardinality({ required, minCardinality: a.minCardinality })),
    maxCardinality: a.maxCardinality === -1 ? '' : String(a.maxCardinality),
  };
};

export const hasOptions = (type: CmdbAttributeType) => type === 'select' || type === 'status';

/** The types whose values are text, the only ones the server takes as a type's label. */
export const LABEL_TYPES: readonly CmdbAttributeType[] = ['text', 'textarea', 'url', 'email', 'select', 'status'];
export const canBeLabel = (type: CmdbAttributeType) => LABEL_TYPES.includes(type);

/** Yes/no attributes hold one value: the form offers no cardinality for them. */
export const hasCardinality = (type: CmdbAttributeType) => type !== 'boolean';

/** The server's bound on either cardinality. */
export const MAX_CARDINALITY = 1000;

/** A whole number typed in a cardinality box, or undefined. */
function wholeNumber(text: string): number | undefined {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : undefined;
}

/** The cardinality the form holds, as the server takes it (maxCardinality -1: any number). */
export function formCardinality(form: Pick<AttributeForm, 'minCardinality' | 'maxCardinality'>) {
  const max = form.maxCardinality.trim() === '' ? -1 : (wholeNumber(form.maxCardinality) ?? Number.NaN);
  return { min: wholeNumber(form.minCardinality) ?? Number.NaN, max };
}

/** "1..2", "0..*" — nothing for the usual single value. */
export function cardinalityText(a: Pick<CmdbAttribute, 'required' | 'minCardinality' | 'maxCardinality'>): string {
  if (a.maxCardinality === 1) return '';
  return `${shownMinCardinality(a)}..${a.maxCardinality === -1 ? '*' : a.maxCardinality}`;
}

/** The non-empty lines of the options box, trimmed. */
export function optionLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

export function validateAttribute(form: AttributeForm): FormErrors<keyof AttributeForm> {
  const errors: FormErrors<keyof AttributeForm> = {};
  if (form.name.trim() === '') errors.name = 'Name is required';
  if (hasOptions(form.type)) {
    const options = optionLines(form.options);
    if (options.length === 0) errors.options = `A ${form.type} attribute needs at least one option`;
    else {
      const seen = new Set<string>();
      for (const o of options) {
        if (seen.has(o.toLowerCase())) {
          errors.options = `"${o}" is given twice`;
          break;
        }
        seen.add(o.toLowerCase());
      }
    }
  }
  if (form.type === 'reference' && form.referenceObjectTypeId === '') {
    errors.referenceObjectTypeId = 'Choose the object type it references';
  }
  if (form.label && !canBeLabel(form.type)) {
    errors.label = 'Only a text, long text, URL, e-mail, select or status attribute can be the label';
  }
  if (hasCardinality(form.type)) {
    const { min, max } = formCardinality(form);
    if (!Number.isInteger(min) || min < 0 || min > MAX_CARDINALITY) {
      errors.minCardinality = `A whole number from 0 to ${MAX_CARDINALITY}`;
    } else if (form.required && min < 1) {
      errors.minCardinality = 'A required attribute takes at least 1 value';
    }
    if (!Number.isInteger(max) || max === 0 || max < -1 || max > MAX_CARDINALITY) {
      errors.maxCardinality = `A whole number from 1 to ${MAX_CARDINALITY}, or empty for any number`;
    } else if (max !== -1 && Number.isInteger(min) && min > max) {
      errors.maxCardinality = `At least the minimum (${min})`;
    }
  }
  return errors;
}

/** The body of POST /api/v1/cmdb/objecttypes/{id}/attributes (the names the server accepts). */
export function attributePayload(form: AttributeForm): CmdbAttributeInput {
  const body: CmdbAttributeInput = {
    name: form.name.trim(),
    type: form.type,
    required: form.required,
    unique: form.unique,
  };
  if (form.label) body.label = true;
  if (form.description.trim() !== '') body.description = form.description.trim();
  if (hasOptions(form.type)) body.options = optionLines(form.options);
  if (form.type === 'reference') {
    body.referenceObjectTypeId = Number(form.referenceObjectTypeId);
    if (form.referenceKind.trim() !== '') body.referenceKind = form.referenceKind.trim();
  }
  if (hasCardinality(form.type)) {
    const { min, max } = formCardinality(form);
    if (min !== 0) body.minCardinality = min;
    if (max !== 1) body.maxCardinality = max;
  }
  return body;
}

/**
 * The body of PUT /api/v1/cmdb/attributes/{id}: the fields that may change (not the type; the
 * description even when cleared; the label flag and each cardinality only when changed).
 */
export function attributeUpdatePayload(form: AttributeForm, before: AttributeForm): CmdbAttributeInput {
  const body = attributePayload(form);
  delete body.type;
  delete body.label;
  delete body.minCardinality;
  delete body.maxCardinality;
  body.description = form.description.trim();
  if (form.label !== before.label) body.label = form.label;
  if (hasCardinality(form.type)) {
    const now = formCardinality(form);
    const was = formCardinality(before);
    if (now.min !== was.min) body.minCardinality = now.min;
    if (now.max !== was.max) body.maxCardinality = now.max;
  }
  return body;
}

/** The form field a server error names (`field` of the error body), if the form has it. */
export function formFieldOfError<K extends string>(field: string | undefined, fields: readonly K[]): K | undefined {
  if (!field) return undefined;
  const name = field === 'inherit' ? 'inheritAttributes' : field;
  return fields.find((f) => f === name);
}
