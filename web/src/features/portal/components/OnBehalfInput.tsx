import { Autocomplete, Group, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconUser } from '@tabler/icons-react';
import { useUserSearch } from '../api/users';

export interface OnBehalfInputProps {
  id: string;
  value: string;
  onChange: (username: string) => void;
  error?: string | undefined;
  disabled?: boolean;
}

export const ON_BEHALF_LABEL = 'Raise this request on behalf of';

/**
 * "Raise this request on behalf of": a username, with suggestions from GET /api/v1/users (which
 * only staff may call — and only agents see this field).
 */
export function OnBehalfInput({ id, value, onChange, error, disabled }: OnBehalfInputProps) {
  const [debounced] = useDebouncedValue(value, 250);
  const users = useUserSearch(debounced, true);
  const list = users.data ?? [];
  const names = new Map(list.map((u) => [u.username, u.displayName]));
  return (
    <Autocomplete
      id={id}
      label={ON_BEHALF_LABEL}
      description="The customer who will be the reporter of the request. Type a name or username."
      required
      aria-required
      error={error}
      disabled={disabled}
      value={value}
      onChange={onChange}
      data={list.map((u) => u.username)}
      filter={({ options }) => options}
      leftSection={<IconUser size={16} aria-hidden />}
      autoComplete="off"
      comboboxProps={{ withinPortal: true }}
      inputWrapperOrder={['label', 'description', 'input', 'error']}
      renderOption={({ option }) => (
        <Group gap={6} wrap="nowrap">
          <Text size="sm">{names.get(option.value) ?? option.value}</Text>
          <Text size="xs" c="dimmed">
            {option.value}
          </Text>
        </Group>
      )}
      maw={420}
    />
  );
}
