import { MultiSelect, Select, Stack, Text } from '@mantine/core';
import type { ComboboxItem, ComboboxLikeRenderOptionInput, OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { COMBOBOX_PROPS } from '@/lib/comboboxProps';
import type { ObjectValue } from '@/lib/objectValues';

/** The choices for a search text; `waitingFor` names answers the choices depend on that are missing. */
export interface ObjectChoices {
  objects: ObjectValue[];
  waitingFor?: string[] | undefined;
}

/** Where the choices come from: query options for a search text. */
export interface ObjectSource {
  queryKey: readonly unknown[];
  queryFn: (context: { signal: AbortSignal }) => Promise<ObjectChoices>;
}

/** What labels the input, as the other pickers take it. */
export interface ObjectSelectChrome {
  id?: string | undefined;
  label?: ReactNode;
  'aria-label'?: string | undefined;
  description?: ReactNode;
  error?: ReactNode;
  placeholder?: string | undefined;
  required?: boolean | undefined;
  withAsterisk?: boolean | undefined;
  'aria-required'?: boolean | undefined;
  disabled?: boolean | undefined;
  autoFocus?: boolean | undefined;
  clearable?: boolean | undefined;
  inputWrapperOrder?: ('label' | 'description' | 'input' | 'error')[] | undefined;
  /** Open the list at once (inline editors) */
  defaultDropdownOpened?: boolean | undefined;
  onDropdownClose?: (() => void) | undefined;
}

export interface ObjectSelectProps extends ObjectSelectChrome {
  /** Several objects (a multi-select) or one */
  multiple: boolean;
  value: readonly ObjectValue[];
  onChange: (value: ObjectValue[]) => void;
  /** The choices for a search text ('' for the first ones) */
  source: (search: string) => ObjectSource;
  /**
   * What the choices depend on besides the search text: while another search text loads, the
   * previous list stays only if the scope is the same.
   */
  scope?: string;
  /** What the empty list says when the choices wait for other answers (their names) */
  waitingMessage?: ((names: string[]) => string) | undefined;
}

/** The server filters; the list shows what it answered. */
const passThrough: OptionsFilter = ({ options }) => options;

function merge(...lists: (readonly ObjectValue[] | undefined)[]): ObjectValue[] {
  const seen = new Map<string, ObjectValue>();
  for (const list of lists) for (const o of list ?? []) if (!seen.has(o.key)) seen.set(o.key, o);
  return [...seen.values()];
}

function renderObjectOption(objects: Map<string, ObjectValue>) {
  return function ObjectOption({ option }: ComboboxLikeRenderOptionInput<ComboboxItem>) {
    const object = objects.get(option.value);
    // Two lines, so narrow inputs (the details panel) still show the whole label.
    return (
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {option.label}
        </Text>
        <Text size="xs" c="dimmed">
          {object?.objectType ? `${object.objectType} · ` : ''}
          {option.value}
        </Text>
      </Stack>
    );
  };
}

/**
 * One or several CMDB objects, searched on the server as the user types (by label or key); each
 * choice shows its label, type and key. The chosen objects stay in the list so the input can show
 * their labels.
 */
export function ObjectSelect({
  multiple,
  value,
  onChange,
  source,
  scope = '',
  clearable = true,
  placeholder,
  waitingMessage = (names) => `Answer ${names.join(' and ')} first`,
  ...props
}: ObjectSelectProps) {
  const selected = value[0];
  const [search, setSearch] = useState(multiple ? '' : (selected?.label ?? ''));
  // While the input shows the chosen object's label, list everything rather than just that one.
  const effective = !multiple && selected && search === selected.label ? '' : search.trim();
  const [query] = useDebouncedValue(effective, 200);
  const results = useQuery({
    ...source(query),
    meta: { scope },
    staleTime: 30_000,
    placeholderData: (previous, previousQuery) =>
      previousQuery?.meta?.scope === scope ? keepPreviousData(previous) : undefined,
  });
  // Remember every object seen, so chosen ones keep their labels after the search moves on.
  const known = useRef(new Map<string, ObjectValue>());
  const found = results.data?.objects;
  const waitingFor = results.data?.waitingFor ?? [];
  for (const o of merge(value, found)) known.current.set(o.key, o);
  const options = merge(multiple ? value : selected ? [selected] : [], found);
  const renderOption = useMemo(() => renderObjectOption(known.current), []);

  // A single choice removed from outside (a reset, or no longer applying) empties the input too.
  const selectedKey = selected?.key;
  const selectedLabel = selected?.label;
  useEffect(() => {
    if (!multiple) setSearch(selectedLabel ?? '');
  }, [multiple, selectedKey, selectedLabel]);

  const common = {
    ...props,
    searchable: true,
    clearable,
    data: options.map((o) => ({ value: o.key, label: o.label })),
    searchValue: search,
    onSearchChange: setSearch,
    filter: passThrough,
    renderOption,
    nothingFoundMessage: results.isFetching
      ? 'Searching…'
      : results.isError
        ? 'Could not load the objects'
        : waitingFor.length > 0
          ? waitingMessage(waitingFor)
          : 'No matching objects',
    comboboxProps: COMBOBOX_PROPS,
  };

  return multiple ? (
    <MultiSelect
      {...common}
      hidePickedOptions
      value={value.map((o) => o.key)}
      placeholder={value.length > 0 ? undefined : (placeholder ?? 'Search objects')}
      onChange={(keys) =>
        onChange(keys.map((k) => known.current.get(k)).filter((o): o is ObjectValue => o !== undefined))
      }
    />
  ) : (
    <Select
      {...common}
      allowDeselect={false}
      value={selected?.key ?? null}
      placeholder={placeholder ?? 'Search objects'}
      onChange={(key) => {
        const object = key ? known.current.get(key) : undefined;
        onChange(object ? [object] : []);
      }}
    />
  );
}
