import { Group, MultiSelect, Select, Stack, Text } from '@mantine/core';
import type { ComboboxItem, ComboboxLikeRenderOptionInput, OptionsFilter } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { fieldObjectsQueryOptions, useFieldObjects } from '@/api/fieldObjects';
import { COMBOBOX_PROPS } from '@/lib/comboboxProps';
import type { ObjectValue } from '@/lib/objectValues';
import { toObjectValues } from '@/lib/objectValues';

export interface ObjectPickerProps {
  /** The object field's id (GET /api/v1/fields/{fieldId}/objects) */
  fieldId: number;
  /** Several objects (a multi-select) or one */
  multiple: boolean;
  value: readonly ObjectValue[];
  onChange: (value: ObjectValue[]) => void;
  /** The other fields of the form (lib/objectValues' encodeObjectContext) */
  context: string;
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
    return (
      <Group gap="xs" wrap="nowrap" justify="space-between" style={{ flex: 1, minWidth: 0 }}>
        <Text size="sm" truncate>
          {option.label}
        </Text>
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {object?.objectType ? `${object.objectType} · ` : ''}
          {option.value}
        </Text>
      </Group>
    );
  };
}

/**
 * A CMDB object field on a form: searches the field's objects on the server as the user types,
 * within the field's scope for the form's other answers (`context`). When those answers change,
 * chosen objects that no longer apply are removed (and the picker says so).
 */
export function ObjectPicker({
  fieldId,
  multiple,
  value,
  onChange,
  context: liveContext,
  clearable = true,
  placeholder,
  ...props
}: ObjectPickerProps) {
  // Typing in another field of the form changes the context at every key: wait for a pause.
  const [context] = useDebouncedValue(liveContext, 250);
  const selected = value[0];
  const [search, setSearch] = useState(multiple ? '' : (selected?.label ?? ''));
  // While the input shows the chosen object's label, list everything rather than just that one.
  const effective = !multiple && selected && search === selected.label ? '' : search.trim();
  const [query] = useDebouncedValue(effective, 200);
  const results = useFieldObjects(fieldId, query, context);
  const found = useMemo(() => toObjectValues(results.data), [results.data]);
  // Remember every object seen, so chosen ones keep their labels after the search moves on.
  const known = useRef(new Map<string, ObjectValue>());
  for (const o of merge(value, found)) known.current.set(o.key, o);
  const options = merge(multiple ? value : selected ? [selected] : [], found);
  const renderOption = useMemo(() => renderObjectOption(known.current), []);
  const [cleared, setCleared] = useDropInvalidChoices(fieldId, context, value, onChange);
  const pick = (next: ObjectValue[]) => {
    setCleared([]);
    onChange(next);
  };

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
    nothingFoundMessage: results.isFetching ? 'Searching…' : results.isError ? 'Could not load the objects' : 'No matching objects',
    comboboxProps: COMBOBOX_PROPS,
  };

  const note = cleared.length > 0 && (
    <Text size="xs" c="orange.8" role="status">
      {cleared.join(', ')} no longer {cleared.length === 1 ? 'applies' : 'apply'} and {cleared.length === 1 ? 'was' : 'were'}{' '}
      removed.
    </Text>
  );

  const input = multiple ? (
    <MultiSelect
      {...common}
      hidePickedOptions
      value={value.map((o) => o.key)}
      placeholder={value.length > 0 ? undefined : (placeholder ?? 'Search objects')}
      onChange={(keys) =>
        pick(keys.map((k) => known.current.get(k)).filter((o): o is ObjectValue => o !== undefined))
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
        pick(object ? [object] : []);
      }}
    />
  );

  if (!note) return input;
  return (
    <Stack gap={4}>
      {input}
      {note}
    </Stack>
  );
}

/**
 * When the context changes, checks each chosen object against the field's objects for the new
 * context (searching by its label) and removes those no longer offered. Returns the labels of
 * the objects it removed last (and a way to forget them).
 */
function useDropInvalidChoices(
  fieldId: number,
  context: string,
  value: readonly ObjectValue[],
  onChange: (value: ObjectValue[]) => void,
): [string[], (labels: string[]) => void] {
  const queryClient = useQueryClient();
  const [cleared, setCleared] = useState<string[]>([]);
  const checkedContext = useRef(context);
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };

  useEffect(() => {
    if (context === checkedContext.current) return undefined;
    checkedContext.current = context;
    const chosen = latest.current.value;
    if (chosen.length === 0) return undefined;
    let cancelled = false;
    void Promise.all(
      chosen.map(async (o) => {
        try {
          const offered = await queryClient.fetchQuery(fieldObjectsQueryOptions(fieldId, o.label, context));
          return offered.some((x) => x.key === o.key);
        } catch {
          return true; // Cannot check now: keep it, the server checks on submit.
        }
      }),
    ).then((keep) => {
      if (cancelled) return;
      const now = latest.current.value;
      // The user changed the choice meanwhile: that choice was made for the new context.
      if (now.map((o) => o.key).join('\n') !== chosen.map((o) => o.key).join('\n')) return;
      const dropped = chosen.filter((_, i) => !keep[i]);
      if (dropped.length === 0) return;
      setCleared(dropped.map((o) => o.label));
      latest.current.onChange(chosen.filter((_, i) => keep[i]));
    });
    return () => {
      cancelled = true;
    };
  }, [context, fieldId, queryClient]);

  return [cleared, setCleared];
}
