import { Button, Checkbox, Divider, Group, Popover, ScrollArea, Stack, Text, TextInput } from '@mantine/core';
import { IconLayoutColumns, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { columnLabel } from '@/components/IssueTable';

export interface ColumnOption {
  /** The field name the search answers (`assignee`, `Change risk`) */
  value: string;
  group: 'System fields' | 'Custom fields';
}

export interface ColumnChooserProps {
  options: readonly ColumnOption[];
  value: readonly string[];
  onChange: (columns: string[]) => void;
  onReset: () => void;
}

/** "Columns": which fields the results table shows (the key always is). */
export function ColumnChooser({ options, value, onChange, onReset }: ColumnChooserProps) {
  const [filter, setFilter] = useState('');
  const selected = new Set(value.map((v) => v.toLowerCase()));
  const shown = options.filter((o) => columnLabel(o.value).toLowerCase().includes(filter.trim().toLowerCase()));

  // A new column goes to the end, as in Jira; the key always stays.
  const toggle = (column: string, on: boolean) => {
    if (on) onChange([...value, column]);
    else onChange(value.filter((v) => v.toLowerCase() !== column.toLowerCase()));
  };

  return (
    <Popover position="bottom-end" width={280} shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Button variant="default" size="xs" leftSection={<IconLayoutColumns size={14} aria-hidden />}>
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Stack gap="xs">
          <TextInput
            size="xs"
            placeholder="Find a field"
            aria-label="Find a field"
            leftSection={<IconSearch size={14} aria-hidden />}
            value={filter}
            onChange={(e) => setFilter(e.currentTarget.value)}
          />
          <ScrollArea.Autosize mah={300} type="auto">
            <Stack gap={6} role="group" aria-label="Columns">
              {(['System fields', 'Custom fields'] as const).map((group) => {
                const inGroup = shown.filter((o) => o.group === group);
                if (inGroup.length === 0) return null;
                return (
                  <Stack key={group} gap={6}>
                    <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                      {group}
                    </Text>
                    {inGroup.map((o) => (
                      <Checkbox
                        key={o.value}
                        size="xs"
                        label={columnLabel(o.value)}
                        checked={o.value === 'key' || selected.has(o.value.toLowerCase())}
                        disabled={o.value === 'key'}
                        onChange={(e) => toggle(o.value, e.currentTarget.checked)}
                      />
                    ))}
                  </Stack>
                );
              })}
            </Stack>
          </ScrollArea.Autosize>
          <Divider />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {value.length} shown
            </Text>
            <Button size="compact-xs" variant="subtle" onClick={onReset}>
              Reset to default
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
