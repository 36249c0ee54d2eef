import { MultiSelect, Radio, Group, Select, TagsInput, TextInput } from '@mantine/core';
import { ObjectPicker } from '@/components/ObjectPicker';
import { PlainFieldInput } from '@/components/PlainFieldInput';
import { customFieldId, toObjectValues } from '@/lib/objectValues';
import type { RequestTypeFormField } from '../api/types';
import type { FormValue } from '../lib/requestForm';
import { isMultiValued } from '../lib/requestForm';

export interface RequestFieldInputProps {
  field: RequestTypeFormField;
  /** The input's id (the page focuses the first field in error through it) */
  id: string;
  value: FormValue | undefined;
  onChange: (value: FormValue) => void;
  error?: string | undefined;
  disabled?: boolean;
  /** Object fields: the form's other answers, for the picker's scope (encodeObjectContext) */
  context?: string | undefined;
  /** Object fields: the form's labels by field name (to ask for a missing answer by its label) */
  fieldLabels?: Readonly<Record<string, string>> | undefined;
}

/**
 * One question of a request form: the input for the field's type, labelled by its customer-facing
 * label, its help text as description, required ones marked with an asterisk (and required for
 * assistive technology), the error under it.
 */
export function RequestFieldInput({ field, id, value, onChange, error, disabled, context, fieldLabels }: RequestFieldInputProps) {
  const common = {
    id,
    label: field.label,
    description: field.help || undefined,
    required: field.required,
    'aria-required': field.required || undefined,
    error,
    disabled,
    inputWrapperOrder: ['label', 'description', 'input', 'error'] as ('label' | 'description' | 'input' | 'error')[],
  };
  const text = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  const list = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  const options = field.options ?? [];

  const objectFieldId = field.type === 'object' ? (field.fieldId ?? customFieldId(field.field)) : undefined;
  if (objectFieldId !== undefined) {
    return (
      <ObjectPicker
        {...common}
        fieldId={objectFieldId}
        multiple={field.multiple ?? false}
        context={context ?? '{}'}
        fieldLabels={fieldLabels}
        value={toObjectValues(value)}
        onChange={onChange}
        clearable={!field.required || (field.multiple ?? false)}
        placeholder="Search…"
      />
    );
  }

  if (isMultiValued(field)) {
    if (options.length > 0 && field.type !== 'labels' && field.type !== 'multiuser') {
      return (
        <MultiSelect
          {...common}
          data={options}
          value={list}
          onChange={onChange}
          searchable={options.length > 7}
          clearable
          hidePickedOptions
          placeholder={list.length === 0 ? 'Select…' : undefined}
          comboboxProps={{ withinPortal: true }}
          nothingFoundMessage="No matching options"
        />
      );
    }
    return (
      <TagsInput
        {...common}
        value={list}
        onChange={onChange}
        data={options}
        clearable
        placeholder={
          list.length > 0
            ? undefined
            : field.type === 'multiuser'
              ? 'Type a username and press Enter'
              : 'Type and press Enter'
        }
      />
    );
  }

  if (options.length > 0 || field.type === 'select') {
    return (
      <Select
        {...common}
        data={options}
        value={typeof value === 'string' ? value : null}
        onChange={(v) => onChange(v)}
        clearable={!field.required}
        searchable={options.length > 7}
        placeholder="Select…"
        comboboxProps={{ withinPortal: true }}
        nothingFoundMessage="No matching options"
        allowDeselect={!field.required}
      />
    );
  }

  switch (field.type) {
    case 'yesno':
      return (
        <Radio.Group
          id={id}
          label={field.label}
          description={field.help || undefined}
          required={field.required}
          aria-required={field.required || undefined}
          error={error}
          value={typeof value === 'string' ? value : null}
          onChange={(v) => onChange(v)}
          inputWrapperOrder={common.inputWrapperOrder}
        >
          <Group gap="lg" mt={6}>
            <Radio value="Yes" label="Yes" disabled={disabled} />
            <Radio value="No" label="No" disabled={disabled} />
          </Group>
        </Radio.Group>
      );
    case 'user':
      return (
        <TextInput
          {...common}
          placeholder="Username"
          autoComplete="off"
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    default:
      return (
        <PlainFieldInput
          type={field.type}
          chrome={common}
          value={field.type === 'number' && typeof value === 'number' ? value : text}
          onChange={onChange}
          narrow
          paragraphRows={[4, 16]}
        />
      );
  }
}
