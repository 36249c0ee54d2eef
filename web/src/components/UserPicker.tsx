import { Group, MultiSelect, Select, Text } from '@mantine/core';
import type { ComboboxItem, ComboboxLikeRenderOptionInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { UserRef } from '@/api/types';
import { UserAvatar } from '@/components/UserAvatar';
import { useUserSearch } from '@/api/users';
import { COMBOBOX_PROPS } from '@/lib/comboboxProps';

interface CommonProps {
  label?: ReactNode;
  'aria-label'?: string;
  description?: ReactNode;
  placeholder?: string;
  error?: ReactNode;
  id?: string;
  autoFocus?: boolean;
  disabled?: boolean;
  withAsterisk?: boolean;
  /** Open the list at once (inline editors) */
  defaultDropdownOpened?: boolean;
  onDropdownClose?: () => void;
}

export interface UserPickerProps extends CommonProps {
  value: UserRef | null;
  onChange: (user: UserRef | null) => void;
  clearable?: boolean;
  /** Offer only people issues can be assigned to (active agents and administrators) */
  assignable?: boolean;
}

function merge(...lists: (readonly UserRef[] | undefined)[]): UserRef[] {
  const seen = new Map<string, UserRef>();
  for (const list of lists) for (const u of list ?? []) if (!seen.has(u.username)) seen.set(u.username, u);
  return [...seen.values()];
}

function renderUserOption(users: Map<string, UserRef>) {
  return function UserOption({ option }: ComboboxLikeRenderOptionInput<ComboboxItem>) {
    const user = users.get(option.value);
    return (
      <Group gap="xs" wrap="nowrap">
        <UserAvatar user={user} size={22} decorative />
        <Text size="sm">{option.label}</Text>
        <Text size="xs" c="dimmed">
          {option.value}
        </Text>
      </Group>
    );
  };
}

/**
 * One user, searched on the server (GET /api/v1/users?query=) as the user types. The selected
 * user stays in the list so the input can show its name.
 */
export function UserPicker({ value, onChange, clearable = true, assignable = false, ...props }: UserPickerProps) {
  const [search, setSearch] = useState(value?.displayName ?? '');
  // While the input shows the selected user's name, list everyone rather than just that user.
  const effective = value && search === value.displayName ? '' : search;
  const [query] = useDebouncedValue(effective, 200);
  const results = useUserSearch(query, true, assignable);
  const users = useMemo(() => merge(value ? [value] : [], results.data), [value, results.data]);
  const byName = useMemo(() => new Map(users.map((u) => [u.username, u])), [users]);
  const renderOption = useMemo(() => renderUserOption(byName), [byName]);

  return (
    <Select
      {...props}
      searchable
      clearable={clearable}
      allowDeselect={false}
      data={users.map((u) => ({ value: u.username, label: u.displayName }))}
      value={value?.username ?? null}
      onChange={(username) => onChange(username ? (byName.get(username) ?? null) : null)}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      renderOption={renderOption}
      leftSection={value ? <UserAvatar user={value} size={20} decorative /> : undefined}
      nothingFoundMessage={results.isFetching ? 'Searching…' : 'No users found'}
      comboboxProps={COMBOBOX_PROPS}
    />
  );
}

export interface MultiUserPickerProps extends CommonProps {
  value: readonly UserRef[];
  onChange: (users: UserRef[]) => void;
}

/** Several users, searched on the server as the user types. */
export function MultiUserPicker({ value, onChange, ...props }: MultiUserPickerProps) {
  const [search, setSearch] = useState('');
  const [query] = useDebouncedValue(search, 200);
  const results = useUserSearch(query);
  // Remember every user seen, so picked ones keep their names after the search moves on.
  const known = useRef(new Map<string, UserRef>());
  for (const u of merge(value, results.data)) known.current.set(u.username, u);
  const users = merge(value, results.data);
  const renderOption = useMemo(() => renderUserOption(known.current), []);

  return (
    <MultiSelect
      {...props}
      searchable
      clearable
      hidePickedOptions
      data={users.map((u) => ({ value: u.username, label: u.displayName }))}
      value={value.map((u) => u.username)}
      onChange={(names) =>
        onChange(names.map((n) => known.current.get(n)).filter((u): u is UserRef => u !== undefined))
      }
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      renderOption={renderOption}
      nothingFoundMessage={results.isFetching ? 'Searching…' : 'No users found'}
      comboboxProps={COMBOBOX_PROPS}
    />
  );
}
