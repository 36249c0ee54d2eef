import { MultiSelect, Select, TagsInput } from '@mantine/core';
import type { ReactNode } from 'react';
import type { UserRef } from '@/api/types';
import { ObjectPicker } from '@/components/ObjectPicker';
import { PlainFieldInput } from '@/components/PlainFieldInput';
import { toObjectValues } from '@/lib/objectValues';
import { useTeams } from '../api/config';
import type { EditorDef, EditorOption, FieldFormValue } from '../lib/fieldValues';

import { MultiUserPicker, UserPicker } from '@/components/UserPicker';
import { COMBOBOX_PROPS } from '@/lib/comboboxProps';

export interface FieldInputProps {
  def: EditorDef;
  value: FieldFormValue;
  onChange: (value: FieldFormValue) => void;
  /** Defaults to the field's label; `null` hides it (then aria-label names the input) */
  label?: ReactNode;
  error?: ReactNode;
  id?: string;
  autoFocus?: boolean;
  /** Open select lists at once (inline editors) */
  openDropdown?: boolean;
  onDropdownClose?: () => void;
  /** Enter in a one-line input */
  onSubmit?: () => void;
  disabled?: boolean;
  /** Show the field's description under the label */
  withDescription?: boolean;
}

function selectData(options: readonly EditorOption[] | undefined, current: readonly string[]) {
  // Disabled options are not offered, unless the issue already has one.
  return (options ?? [])
    .filter((o) => !o.disabled || current.includes(o.value))
    .map((o) => ({ value: o.value, label: o.label ?? o.value }));
}

/** The right input for a field type: text, paragraph, number, date, datetime, select, ... */
export function FieldInput({
  def,
  value,
  onChange,
  label,
  error,
  id,
  autoFocus,
  openDropdown,
  onDropdownClose,
  onSubmit,
  disabled,
  withDescription = false,
}: FieldInputProps) {
  const common = {
    id,
    label: label === null ? undefined : (label ?? def.label),
    'aria-label': label === null ? def.label : undefined,
    description: withDescription && def.description ? def.description : undefined,
    error,
    autoFocus,
    disabled,
    withAsterisk: def.required,
  };
  const onEnter = (event: React.KeyboardEvent) => {
    if (event.key === 'Enter' && onSubmit) {
      event.preventDefault();
      onSubmit();
    }
  };
  const str = typeof value === 'string' ? value : '';
  const strings = Array.isArray(value) ? (value as unknown[]).filter((v): v is string => typeof v === 'string') : [];

  switch (def.type) {
    case 'select':
      return (
        <Select
          {...common}
          data={selectData(def.options, str ? [str] : [])}
          value={str || null}
          onChange={(v) => onChange(v ?? '')}
          clearable={!def.required}
          allowDeselect={false}
          searchable={(def.options?.length ?? 0) > 8}
          placeholder="None"
          defaultDropdownOpened={openDropdown}
          onDropdownClose={onDropdownClose}
          comboboxProps={COMBOBOX_PROPS}
        />
      );
    case 'yesno':
      return (
        <Select
          {...common}
          data={['Yes', 'No']}
          value={str || null}
          onChange={(v) => onChange(v ?? '')}
          clearable={!def.required}
          allowDeselect={false}
          placeholder="None"
          defaultDropdownOpened={openDropdown}
          onDropdownClose={onDropdownClose}
          comboboxProps={COMBOBOX_PROPS}
        />
      );
    case 'multiselect':
      return (
        <MultiSelect
          {...common}
          data={selectData(def.options, strings)}
          value={strings}
          onChange={onChange}
          searchable
          clearable
          hidePickedOptions
          placeholder={strings.length ? undefined : 'None'}
          comboboxProps={COMBOBOX_PROPS}
        />
      );
    case 'labels':
      return (
        <TagsInput
          {...common}
          value={strings}
          onChange={(tags) => onChange(tags.map((t) => t.trim()).filter(Boolean))}
          splitChars={[',', ' ']}
          clearable
          placeholder={strings.length ? undefined : 'Type a label, Enter to add'}
          data={def.options?.map((o) => o.value) ?? []}
          comboboxProps={COMBOBOX_PROPS}
        />
      );
    case 'user':
      return (
        <UserPicker
          {...common}
          value={value && !Array.isArray(value) && typeof value === 'object' ? (value as UserRef) : null}
          onChange={onChange}
          clearable={!def.required}
          assignable={def.assignable ?? false}
          placeholder="Search people"
          defaultDropdownOpened={openDropdown}
          onDropdownClose={onDropdownClose}
        />
      );
    case 'multiuser':
      return (
        <MultiUserPicker
          {...common}
          value={Array.isArray(value) ? (value as unknown[]).filter(isUser) : []}
          onChange={onChange}
          placeholder="Search people"
        />
      );
    case 'object':
      return def.object ? (
        <ObjectPicker
          {...common}
          fieldId={def.object.fieldId}
          multiple={def.object.multiple}
          context={def.object.context ?? '{}'}
          value={toObjectValues(value)}
          onChange={onChange}
          clearable={!def.required || def.object.multiple}
          defaultDropdownOpened={openDropdown}
          onDropdownClose={onDropdownClose}
        />
      ) : null;
    case 'team':
      return <TeamSelect {...common} value={str} onChange={onChange} openDropdown={openDropdown} onDropdownClose={onDropdownClose} />;
    default:
      return (
        <PlainFieldInput
          type={def.type}
          chrome={common}
          value={def.type === 'number' && typeof value === 'number' ? value : str}
          onChange={(v) => onChange(def.type === 'number' && typeof v === 'string' && v !== '' ? Number(v) : v)}
          onKeyDown={onEnter}
        />
      );
  }
}

function isUser(value: unknown): value is UserRef {
  return typeof value === 'object' && value !== null && 'username' in value;
}

interface TeamSelectProps {
  value: string;
  onChange: (value: string) => void;
  openDropdown?: boolean | undefined;
  onDropdownClose?: (() => void) | undefined;
  [prop: string]: unknown;
}

function TeamSelect({ value, onChange, openDropdown, onDropdownClose, ...common }: TeamSelectProps) {
  const teams = useTeams();
  const names = teams.data?.map((t) => t.name) ?? [];
  if (value && !names.includes(value)) names.push(value);
  return (
    <Select
      {...common}
      data={names}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      clearable
      allowDeselect={false}
      searchable
      placeholder={teams.isPending ? 'Loading teams…' : 'None'}
      defaultDropdownOpened={openDropdown}
      onDropdownClose={onDropdownClose}
      comboboxProps={COMBOBOX_PROPS}
    />
  );
}
