import { Alert, Button, Group, Modal, MultiSelect, Radio, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { isApiError } from '@/api/client';
import { errorMessage } from '@/components/PageError';
import { useCreateFreezeWindow } from '../api/freezeWindows';
import { useServices } from '../api/lookups';
import type { FreezeWindow } from '../api/types';
import type { FreezeDraft, FreezeErrors, FreezeField } from '../lib/freezeWindowForm';
import { emptyFreezeDraft, toNewFreezeWindow, validateFreezeWindow } from '../lib/freezeWindowForm';

export interface FreezeWindowDialogProps {
  opened: boolean;
  onClose: () => void;
  /** After the window was added */
  onCreated?: (window: FreezeWindow) => void;
  /** Where the dates start when the dialog opens (the calendar's day) */
  initialDay?: Date;
}

/**
 * "Add freeze window" (administrators): a name, from and to (local time), whether it blocks
 * changes from being implemented or only flags them as in conflict, and the services it covers
 * (none: every service). The server's error shows at the field it names.
 */
export function FreezeWindowDialog({ opened, onClose, onCreated, initialDay }: FreezeWindowDialogProps) {
  const [draft, setDraft] = useState<FreezeDraft>(() => emptyFreezeDraft(initialDay));
  const [errors, setErrors] = useState<FreezeErrors>({});
  const create = useCreateFreezeWindow();
  const services = useServices();
  // Each opening starts afresh on the calendar's current day.
  const startDay = initialDay ? initialDay.getTime() : undefined;
  useEffect(() => {
    if (opened) setDraft(emptyFreezeDraft(startDay === undefined ? undefined : new Date(startDay)));
  }, [opened, startDay]);

  const set = <K extends keyof FreezeDraft>(name: K, value: FreezeDraft[K]) => {
    setDraft((d) => ({ ...d, [name]: value }));
    setErrors((e) => ({ ...e, [name]: undefined, form: undefined }));
  };
  const close = () => {
    setErrors({});
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateFreezeWindow(draft);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(toNewFreezeWindow(draft), {
      onSuccess: (created) => {
        onCreated?.(created);
        close();
      },
      onError: (error) => {
        const field = isApiError(error) ? error.field : undefined;
        const known: FreezeField[] = ['name', 'start', 'end', 'mode', 'services'];
        const at = known.find((f) => field === f || field?.startsWith(`${f}[`));
        setErrors(at ? { [at]: errorMessage(error) } : { form: errorMessage(error) });
      },
    });
  };

  return (
    <Modal opened={opened} onClose={close} title="Add freeze window" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          {errors.form && (
            <Alert color="red" variant="light" role="alert">
              {errors.form}
            </Alert>
          )}
          <TextInput
            label="Name"
            placeholder="Year-end freeze"
            required
            data-autofocus
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
            maxLength={200}
          />
          <Group grow align="flex-start">
            <TextInput
              label="From"
              type="datetime-local"
              required
              value={draft.start}
              onChange={(e) => set('start', e.currentTarget.value)}
              error={errors.start}
            />
            <TextInput
              label="To"
              type="datetime-local"
              required
              value={draft.end}
              onChange={(e) => set('end', e.currentTarget.value)}
              error={errors.end}
            />
          </Group>
          <Radio.Group
            label="During the freeze"
            value={draft.mode}
            onChange={(v) => set('mode', v === 'flag' ? 'flag' : 'block')}
            error={errors.mode}
          >
            <Stack gap={6} mt={6}>
              <Radio value="block" label="Block: changes cannot move into implementation" />
              <Radio value="flag" label="Flag: changes may go ahead but are marked in conflict" />
            </Stack>
          </Radio.Group>
          <MultiSelect
            label="Services"
            description="Leave empty to freeze every service."
            placeholder={draft.services.length === 0 ? 'All services' : undefined}
            data={(services.data ?? []).map((s) => ({ value: s.key, label: s.label }))}
            value={draft.services}
            onChange={(v) => set('services', v)}
            searchable
            clearable
            hidePickedOptions
            nothingFoundMessage={services.isPending ? 'Loading…' : 'No matching services'}
            error={errors.services}
            comboboxProps={{ withinPortal: true }}
          />
          <Text size="xs" c="dimmed">
            Times are in your time zone.
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Add freeze window
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
