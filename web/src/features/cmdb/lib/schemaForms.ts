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
  required: boolean;
  unique: boolean;
  /** Select and status choices, one a line */
  options: string;
  /** Reference: the target type's id as text */
  referenceObjectTypeId: string;
  referenceKind: string;
  /** Reference: any number of objects (maxCardinality -1) */
  multiple: boolean;
}

export const emptyAttributeForm = (): AttributeForm => ({
  name: '',
  type: 'text',
  description: '',
  required: false,
  unique: false,
  options: '',
  referenceObjectTypeId: '',
  referenceKind: '',
  multiple: false,
});

/** The form of an existing attribute. */
export const attributeForm = (a: CmdbAttribute): AttributeForm => ({
  name: a.name,
  type: a.type,
  description: a.description,
  required: a.required,
  unique: a.unique,
  options: a.options.join('\n'),
  referenceObjectTypeId: a.referenceObjectTypeId === null ? '' : String(a.referenceObjectTypeId),
  referenceKind: a.referenceKind ?? '',
  multiple: a.maxCardinality !== 1,
});

export const hasOptions = (type: CmdbAttributeType) => type === 'select' || type === 'status';

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
  if (form.description.trim() !== '') body.description = form.description.trim();
  if (hasOptions(form.type)) body.options = optionLines(form.options);
  if (form.type === 'reference') {
    body.referenceObjectTypeId = Number(form.referenceObjectTypeId);
    if (form.referenceKind.trim() !== '') body.referenceKind = form.referenceKind.trim();
    if (form.multiple) body.maxCardinality = -1;
  }
  return body;
}

/**
 * The body of PUT /api/v1/cmdb/attributes/{id}: the fields that may change (not the type; the
 * description even when cleared; the cardinality only when "multiple values" changed).
 */
export function attributeUpdatePayload(form: AttributeForm, before: AttributeForm): CmdbAttributeInput {
  const body = attributePayload(form);
  delete body.type;
  delete body.maxCardinality;
  body.description = form.description.trim();
  if (form.type === 'reference' && form.multiple !== before.multiple) body.maxCardinality = form.multiple ? -1 : 1;
  return body;
}

/**
 * The form field a server error names (`field` of the error body), if the form has it; the
 * cardinality error belongs to "multiple values".
 */
export function formFieldOfError<K extends string>(field: string | undefined, fields: readonly K[]): K | undefined {
  if (!field) return undefined;
  const name = field === 'maxCardinality' || field === 'minCardinality' ? 'multiple' : field === 'inherit' ? 'inheritAttributes' : field;
  return fields.find((f) => f === name);
}
