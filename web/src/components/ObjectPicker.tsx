import { Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { fetchFieldObjects, fieldObjectsQueryOptions } from '@/api/fieldObjects';
import type { ObjectValue } from '@/lib/objectValues';
import { ObjectSelect } from './ObjectSelect';
import type { ObjectSelectChrome } from './ObjectSelect';

export interface ObjectPickerProps extends ObjectSelectChrome {
  /** The object field's id (GET /api/v1/fields/{fieldId}/objects) */
  fieldId: number;
  /** Several objects (a multi-select) or one */
  multiple: boolean;
  value: readonly ObjectValue[];
  onChange: (value: ObjectValue[]) => void;
  /** The other fields of the form (lib/objectValues' encodeObjectContext) */
  context: string;
  /** The form's labels of other fields by field name, to ask for missing answers by their label */
  fieldLabels?: Readonly<Record<string, string>> | undefined;
}

/**
 * A CMDB object field on a form: searches the field's objects on the server as the user types,
 * within the field's scope for the form's other answers (`context`). When those answers change,
 * chosen objects that no longer apply are removed, and the picker says so.
 */
export function ObjectPicker({
  fieldId,
  multiple,
  value,
  onChange,
  context: liveContext,
  fieldLabels,
  ...props
}: ObjectPickerProps) {
  // Typing in another field of the form changes the context at every key: wait for a pause.
  const [context] = useDebouncedValue(liveContext, 250);
  const [cleared, setCleared] = useDropInvalidChoices(fieldId, context, value, onChange);
  const source = useCallback(
    (search: string) => ({
      queryKey: fieldObjectsQueryOptions(fieldId, search, context).queryKey,
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchFieldObjects(fieldId, search, context, signal),
    }),
    [fieldId, context],
  );

  // One structure whatever the note, so the input is never remounted (focus, typed text).
  return (
    <Stack gap={4}>
      <ObjectSelect
        {...props}
        multiple={multiple}
        value={value}
        source={source}
        scope={`${fieldId} ${context}`}
        waitingMessage={(names) => `Answer ${names.map((n) => `“${fieldLabels?.[n] ?? n}”`).join(' and ')} first`}
        onChange={(next) => {
          setCleared([]);
          onChange(next);
        }}
      />
      {cleared.length > 0 && (
        <Text size="xs" c="orange.8" role="status">
          {cleared.join(', ')} no longer {cleared.length === 1 ? 'applies' : 'apply'} and{' '}
          {cleared.length === 1 ? 'was' : 'were'} removed.
        </Text>
      )}
    </Stack>
  );
}

/**
 * When the context changes, checks each chosen object against the field's objects for the new
 * context (searching by its label) and removes those no longer offered. Returns the labels of the
 * objects it removed last, and a way to forget them.
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
          return offered.objects.some((x) => x.key === o.key);
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
