import { Autocomplete, Group, NumberInput, Select, Stack, Switch, TagsInput, TextInput, Textarea } from '@mantine/core';
import type { ReactNode } from 'react';
import { COMBOBOX_PROPS } from '@/lib/comboboxProps';
import { useFieldNames, useStatusNames } from '../api/catalogue';
import type { FieldControl } from '../lib/fieldKinds';
import { listValue, numberValue, textValue } from '../lib/fieldKinds';
import classes from './Automation.module.css';
import { JsonSettingInput } from './JsonSettingInput';
import { SmartValueHelp } from './SmartValueHelp';
import { TemplatePreview } from './TemplatePreview';

export interface SettingInputProps {
  control: FieldControl;
  value: unknown;
  onChange: (value: unknown) => void;
  error?: string | undefined;
  disabled?: boolean;
}

/** One setting of a trigger, condition or action, with the input its kind calls for. */
export function SettingInput({ control, value, onChange, error, disabled = false }: SettingInputProps) {
  const fieldNames = useFieldNames(control.suggestions === 'fields' || (control.widget === 'json' && control.name === 'fields'));
  const statuses = useStatusNames(control.suggestions === 'statuses');
  const suggestions =
    control.suggestions === 'fields' ? fieldNames.data : control.suggestions === 'statuses' ? statuses.data : undefined;
  const common = {
    label: control.label,
    required: control.required,
    error,
    disabled,
  };
  const text = textValue(value);

  let input: ReactNode;
  switch (control.widget) {
    case 'textarea':
      input = (
        <Textarea {...common} autosize minRows={3} maxRows={14} value={text} onChange={(e) => onChange(e.currentTarget.value)} />
      );
      break;
    case 'jql':
      input = (
        <TextInput
          {...common}
          className={classes.monospace}
          spellCheck={false}
          placeholder='project = ITO AND status = "Open"'
          value={text}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
      break;
    case 'field':
    case 'status':
      input = (
        <Autocomplete
          {...common}
          data={suggestions ?? []}
          value={text}
          onChange={onChange}
          limit={50}
          comboboxProps={COMBOBOX_PROPS}
          placeholder={control.widget === 'field' ? 'summary, priority, a custom field…' : 'A status'}
        />
      );
      break;
    case 'fields':
    case 'tags':
      input = (
        <TagsInput
          {...common}
          data={suggestions ?? []}
          value={listValue(value)}
          onChange={onChange}
          limit={50}
          comboboxProps={COMBOBOX_PROPS}
          description="Press Enter after each one"
          splitChars={[',']}
          clearable
        />
      );
      break;
    case 'select':
      input = (
        <Select
          {...common}
          data={control.options}
          value={text === '' ? null : text}
          onChange={(v) => onChange(v ?? undefined)}
          allowDeselect={!control.required}
          clearable={!control.required}
          comboboxProps={COMBOBOX_PROPS}
          placeholder={control.required ? undefined : 'Default'}
        />
      );
      break;
    case 'switch':
      input = (
        <Switch
          label={control.label}
          error={error}
          disabled={disabled}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />
      );
      break;
    case 'number':
      input = (
        <NumberInput
          {...common}
          value={numberValue(value)}
          onChange={(v) => onChange(v === '' ? undefined : v)}
          maw={240}
        />
      );
      break;
    case 'json':
      return (
        <JsonSettingInput
          control={control}
          value={value}
          onChange={onChange}
          error={error}
          disabled={disabled}
          keySuggestions={control.name === 'fields' ? (fieldNames.data ?? []) : undefined}
        />
      );
    default:
      input = <TextInput {...common} value={text} onChange={(e) => onChange(e.currentTarget.value)} />;
  }

  if (!control.smartValues) return input;
  return (
    <Stack gap={2}>
      {input}
      {!disabled && (
        <Group gap={4}>
          <SmartValueHelp label={control.label} onInsert={(v) => onChange(text + v)} />
          <TemplatePreview label={control.label} template={text} />
        </Group>
      )}
    </Stack>
  );
}
