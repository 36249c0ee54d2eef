import { ActionIcon, Autocomplete, Button, Group, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useId, useState } from 'react';
import { COMBOBOX_PROPS } from '@/lib/comboboxProps';
import type { FieldControl, KeyValueRow } from '../lib/fieldKinds';
import { InvalidJson, objectToRows, parseJsonText, rowsToObject } from '../lib/fieldKinds';
import classes from './Automation.module.css';

export interface JsonSettingInputProps {
  control: FieldControl;
  value: unknown;
  /** The parsed value, or an {@link InvalidJson} while the text does not parse */
  onChange: (value: unknown) => void;
  error?: string | undefined;
  disabled?: boolean;
  /** Names offered for the rows' names (field names for "fields") */
  keySuggestions?: string[] | undefined;
}

const pretty = (value: unknown) => (value === undefined ? '' : JSON.stringify(value, null, 2));
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});

/**
 * A JSON setting: a text area checked as you type, and for maps of names to values (an edit's
 * `fields`, a web request's `headers`) rows of name → value as well.
 */
export function JsonSettingInput({ control, value, onChange, error, disabled = false, keySuggestions }: JsonSettingInputProps) {
  const labelId = useId();
  const asRows = objectToRows(value);
  const [mode, setMode] = useState<'rows' | 'json'>(control.keyValue && asRows !== undefined ? 'rows' : 'json');
  const liveError = value instanceof InvalidJson && value.text.trim() !== '' ? `Not valid JSON: ${value.message}` : undefined;

  return (
    <div role="group" aria-labelledby={labelId}>
      <Group justify="space-between" gap="xs" mb={4} wrap="nowrap">
        <Text id={labelId} size="sm" fw={500}>
          {control.label}
          {control.required && (
            <Text span c="red" aria-hidden>
              {' *'}
            </Text>
          )}
        </Text>
        {control.keyValue && (
          <SegmentedControl
            size="xs"
            aria-label={`Edit ${control.label} as`}
            value={mode}
            onChange={(m) => setMode(m as 'rows' | 'json')}
            data={[
              { value: 'rows', label: 'Fields', disabled: asRows === undefined },
              { value: 'json', label: 'JSON' },
            ]}
          />
        )}
      </Group>
      {mode === 'rows' && asRows !== undefined ? (
        <KeyValueRows
          label={control.label}
          value={value}
          onChange={onChange}
          disabled={disabled}
          keySuggestions={keySuggestions}
          keyName={control.name === 'headers' ? 'Header' : 'Field'}
        />
      ) : (
        <JsonText label={control.label} value={value} onChange={onChange} disabled={disabled} />
      )}
      {(error ?? liveError) && (
        <Text size="xs" c="red" mt={4}>
          {error ?? liveError}
        </Text>
      )}
    </div>
  );
}

interface PartProps {
  label: string;
  value: unknown;
  onChange: (value: unknown) => void;
  disabled: boolean;
}

function JsonText({ label, value, onChange, disabled }: PartProps) {
  const [text, setText] = useState(() => (value instanceof InvalidJson ? value.text : pretty(value)));
  // A change from outside (another mode, a reset): show it, unless it is what the text says.
  useEffect(() => {
    if (value instanceof InvalidJson) {
      if (value.text !== text) setText(value.text);
      return;
    }
    const parsed = parseJsonText(text);
    if (!('value' in parsed) || !same(parsed.value, value)) setText(pretty(value));
  }, [value]);

  return (
    <Textarea
      aria-label={`${label} (JSON)`}
      className={classes.monospace}
      autosize
      minRows={3}
      maxRows={16}
      placeholder={'{\n  "Priority": "High"\n}'}
      value={text}
      disabled={disabled}
      spellCheck={false}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        const parsed = parseJsonText(next);
        onChange('value' in parsed ? parsed.value : new InvalidJson(next, parsed.error));
      }}
    />
  );
}

interface RowsProps extends PartProps {
  keySuggestions?: string[] | undefined;
  keyName: string;
}

function KeyValueRows({ label, value, onChange, disabled, keySuggestions, keyName }: RowsProps) {
  const [rows, setRows] = useState<KeyValueRow[]>(() => {
    const initial = objectToRows(value) ?? [];
    return initial.length > 0 ? initial : [{ key: '', value: '' }];
  });
  useEffect(() => {
    if (!same(rowsToObject(rows), value)) setRows(objectToRows(value) ?? []);
  }, [value]);

  const update = (next: KeyValueRow[]) => {
    setRows(next);
    const object = rowsToObject(next);
    onChange(Object.keys(object).length === 0 ? undefined : object);
  };
  const set = (i: number, part: Partial<KeyValueRow>) => update(rows.map((r, j) => (j === i ? { ...r, ...part } : r)));

  return (
    <Stack gap={6}>
      {rows.map((row, i) => {
        const n = i + 1;
        return (
          <div key={i} className={classes.kvRow}>
            {keySuggestions ? (
              <Autocomplete
                aria-label={`${label}: ${keyName.toLowerCase()} ${n}`}
                placeholder={keyName}
                data={keySuggestions}
                value={row.key}
                onChange={(key) => set(i, { key })}
                disabled={disabled}
                limit={30}
                comboboxProps={COMBOBOX_PROPS}
              />
            ) : (
              <TextInput
                aria-label={`${label}: ${keyName.toLowerCase()} ${n}`}
                placeholder={keyName}
                value={row.key}
                onChange={(e) => set(i, { key: e.currentTarget.value })}
                disabled={disabled}
              />
            )}
            <TextInput
              aria-label={`${label}: value ${n}`}
              placeholder="Value or {{smart value}}"
              value={row.value}
              onChange={(e) => set(i, { value: e.currentTarget.value })}
              disabled={disabled}
            />
            <ActionIcon
              variant="subtle"
              color="gray"
              size={36}
              aria-label={`Remove ${label} row ${n}`}
              onClick={() => update(rows.filter((_, j) => j !== i))}
              disabled={disabled}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </div>
        );
      })}
      {!disabled && (
        <Group>
          <Button
            size="compact-xs"
            variant="subtle"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setRows([...rows, { key: '', value: '' }])}
          >
            Add {keyName.toLowerCase()}
          </Button>
        </Group>
      )}
      <Text size="xs" c="dimmed">
        Values are text or smart values; write JSON for lists and other values (["a", "b"], true, null).
      </Text>
    </Stack>
  );
}
