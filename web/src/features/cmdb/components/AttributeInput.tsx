import { MultiSelect, NumberInput, Select, TagsInput, Textarea, TextInput } from '@mantine/core';
import type { UserRef } from '@/api/types';
import { MultiUserPicker, UserPicker } from '@/components/UserPicker';
import { COMBOBOX_PROPS } from '@/lib/comboboxProps';
import { toObjectValues } from '@/lib/objectValues';
import type { CmdbAttribute } from '../api/types';
import { useTeams } from '../api/teams';
import type { AttrFormValue } from '../lib/attributeValues';
import { isMultiValued, isUserRef } from '../lib/attributeValues';
import { ReferencePicker } from './ReferencePicker';

export interface AttributeInputProps {
  attribute: CmdbAttribute;
  value: AttrFormValue;
  onChange: (value: AttrFormValue) => void;
  id?: string | undefined;
  error?: string | undefined;
  disabled?: boolean | undefined;
}

/**
 * The input for an attribute's type: text, long text, numbers, yes/no, dates, links, e-mail,
 * the options of select and status attributes, people, teams, and objects of the referenced type;
 * a list input where the attribute holds several values.
 */
export function AttributeInput({ attribute: a, value, onChange, id, error, disabled }: AttributeInputProps) {
  const multi = isMultiValued(a);
  const common = {
    id,
    label: a.name,
    description: a.description || undefined,
    error,
    disabled,
    withAsterisk: a.required,
  };
  const text = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  const strings = Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

  switch (a.type) {
    case 'reference':
      return (
        <ReferencePicker
          {...common}
          targetType={a.referenceObjectType ?? ''}
          multiple={multi}
          value={toObjectValues(value)}
          onChange={onChange}
          clearable={!a.required || multi}
        />
      );
    case 'user':
      return multi ? (
        <MultiUserPicker
          {...common}
          value={Array.isArray(value) ? value.filter(isUserRef) : []}
          onChange={onChange}
          placeholder="Search people"
        />
      ) : (
        <UserPicker
          {...common}
          value={isUserRef(value) ? (value as UserRef) : null}
          onChange={onChange}
          clearable={!a.required}
          placeholder="Search people"
        />
      );
    case 'team':
      return <TeamInput {...common} multi={multi} value={multi ? strings : text} onChange={onChange} />;
    case 'select':
    case 'status':
      return multi ? (
        <MultiSelect
          {...common}
          data={a.options}
          value={strings}
          onChange={onChange}
          searchable
          clearable
          hidePickedOptions
          comboboxProps={COMBOBOX_PROPS}
        />
      ) : (
        <Select
          {...common}
          data={text && !a.options.includes(text) ? [text, ...a.options] : a.options}
          value={text || null}
          onChange={(v) => onChange(v ?? '')}
          clearable={!a.required}
          allowDeselect={false}
          searchable={a.options.length > 8}
          placeholder="None"
          comboboxProps={COMBOBOX_PROPS}
        />
      );
    case 'boolean':
      return (
        <Select
          {...common}
          data={['Yes', 'No']}
          value={text || null}
          onChange={(v) => onChange(v ?? '')}
          clearable={!a.required}
          allowDeselect={false}
          placeholder="None"
          comboboxProps={COMBOBOX_PROPS}
          styles={{ wrapper: { maxWidth: 200 } }}
        />
      );
    default:
      break;
  }

  if (multi) {
    return (
      <TagsInput
        {...common}
        value={strings}
        onChange={(items) => onChange(items.map((t) => t.trim()).filter(Boolean))}
        clearable
        placeholder={strings.length ? undefined : 'Type a value, Enter to add'}
      />
    );
  }

  switch (a.type) {
    case 'textarea':
      return <Textarea {...common} autosize minRows={3} maxRows={14} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'integer':
    case 'float':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : text}
          onChange={(v) => onChange(v)}
          allowDecimal={a.type === 'float'}
          styles={{ wrapper: { maxWidth: 260 } }}
        />
      );
    case 'date':
    case 'datetime':
      return (
        <TextInput
          {...common}
          type={a.type === 'date' ? 'date' : 'datetime-local'}
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
          styles={{ wrapper: { maxWidth: 260 } }}
        />
      );
    case 'url':
      return (
        <TextInput {...common} type="url" inputMode="url" placeholder="https://" value={text} onChange={(e) => onChange(e.currentTarget.value)} />
      );
    case 'email':
      return <TextInput {...common} type="email" inputMode="email" value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
    default:
      return <TextInput {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
  }
}

interface TeamInputProps {
  multi: boolean;
  value: string | string[];
  onChange: (value: AttrFormValue) => void;
  [prop: string]: unknown;
}

function TeamInput({ multi, value, onChange, ...common }: TeamInputProps) {
  const teams = useTeams();
  const names = teams.data?.map((t) => t.name) ?? [];
  const current = Array.isArray(value) ? value : value ? [value] : [];
  for (const name of current) if (!names.includes(name)) names.push(name);
  const placeholder = teams.isPending ? 'Loading teams…' : 'None';
  return multi ? (
    <MultiSelect
      {...common}
      data={names}
      value={current}
      onChange={onChange}
      searchable
      clearable
      hidePickedOptions
      comboboxProps={COMBOBOX_PROPS}
    />
  ) : (
    <Select
      {...common}
      data={names}
      value={current[0] ?? null}
      onChange={(v) => onChange(v ?? '')}
      clearable
      allowDeselect={false}
      searchable
      placeholder={placeholder}
      comboboxProps={COMBOBOX_PROPS}
    />
  );
}
