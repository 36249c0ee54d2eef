import { Alert, Checkbox, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { isApiError } from '@/api/client';
import { errorMessage } from '@/components/PageError';
import { useDeleteObject } from '../api/objects';
import type { CmdbObjectDetail } from '../api/types';
import { DeleteButtons } from './ConfirmDeleteDialog';

export interface DeleteObjectDialogProps {
  object: CmdbObjectDetail;
  opened: boolean;
  onClose: () => void;
  onDeleted: () => void;
}

/**
 * Deleting an object. The server refuses while other objects refer to it (409 cmdb.referenced):
 * its message is shown, and the user may choose to remove those references too (cascade).
 */
export function DeleteObjectDialog({ object, opened, onClose, onDeleted }: DeleteObjectDialogProps) {
  const remove = useDeleteObject(object.key);
  const [cascade, setCascade] = useState(false);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (opened) {
      setCascade(false);
      setError(null);
    }
  }, [opened]);

  const inbound = object.references.inbound.length;
  const referenced = isApiError(error) && error.status === 409;
  const confirm = () => {
    setError(null);
    remove.mutate({ cascade }, { onSuccess: onDeleted, onError: setError });
  };

  return (
    <Modal opened={opened} onClose={onClose} title={`Delete ${object.label}?`} styles={{ title: { fontWeight: 600 } }}>
      <Stack gap="md">
        <Text size="sm">
          {object.key} and its history will be deleted. Issues that hold it in an object field lose it. This cannot be
          undone.
        </Text>
        {error !== null && (
          <Alert
            color={referenced ? 'yellow' : 'red'}
            variant="light"
            role="alert"
            icon={<IconAlertTriangle size={18} aria-hidden />}
            title={referenced ? 'Other objects refer to it' : 'The object was not deleted'}
          >
            {errorMessage(error)}
          </Alert>
        )}
        {(inbound > 0 || referenced) && (
          <Checkbox
            label="Also remove the references other objects hold to it"
            description={
              inbound > 0
                ? `${inbound} ${inbound === 1 ? 'reference' : 'references'} from other objects will be removed.`
                : undefined
            }
            checked={cascade}
            onChange={(e) => setCascade(e.currentTarget.checked)}
          />
        )}
        <DeleteButtons onCancel={onClose} onDelete={confirm} pending={remove.isPending} />
      </Stack>
    </Modal>
  );
}
