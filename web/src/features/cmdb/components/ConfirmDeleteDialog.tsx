import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useEffect, useState } from 'react';
import { errorMessage } from '@/components/PageError';

export interface ConfirmDeleteDialogProps {
  opened: boolean;
  onClose: () => void;
  /** e.g. "Delete the object type Racks?" */
  title: string;
  /** What deleting it means */
  children: ReactNode;
  /** The title of a refusal, e.g. "The object type was not deleted" */
  errorTitle: string;
  /** A delete mutation (no variables) */
  remove: { mutate: (v: void, o: { onSuccess: () => void; onError: (e: unknown) => void }) => void; isPending: boolean };
  onDeleted: () => void;
}

/** Administrators: confirming a schema deletion; the server's refusal (e.g. 409) is shown in the dialog. */
export function ConfirmDeleteDialog({ opened, onClose, title, children, errorTitle, remove, onDeleted }: ConfirmDeleteDialogProps) {
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (opened) setError(null);
  }, [opened]);

  const confirm = () => {
    setError(null);
    remove.mutate(undefined, { onSuccess: onDeleted, onError: setError });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={title} styles={{ title: { fontWeight: 600 } }}>
      <Stack gap="md">
        <Text size="sm">{children}</Text>
        {error !== null && (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} aria-hidden />} title={errorTitle}>
            {errorMessage(error)}
          </Alert>
        )}
        <DeleteButtons onCancel={onClose} onDelete={confirm} pending={remove.isPending} />
      </Stack>
    </Modal>
  );
}

/** A delete dialog's Cancel and (red) Delete. */
export function DeleteButtons({ onCancel, onDelete, pending }: { onCancel: () => void; onDelete: () => void; pending: boolean }) {
  return (
    <Group justify="flex-end" gap="sm">
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
      <Button color="red" onClick={onDelete} loading={pending}>
        Delete
      </Button>
    </Group>
  );
}
