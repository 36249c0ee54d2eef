import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useDeleteObjectType } from '../api/schemaAdmin';
import type { CmdbTypeNode } from '../api/types';
import { ConfirmDeleteDialog } from './ConfirmDeleteDialog';
import { ObjectTypeFormDialog } from './ObjectTypeFormDialog';

export interface TypeAdminControlsProps {
  schemaKey: string;
  /** The chosen type */
  type: CmdbTypeNode;
  /** The schema's type tree */
  types: readonly CmdbTypeNode[];
  /** Called once the type is deleted (choose another) */
  onDeleted: () => void;
}

/** Administrators: "Edit" and "Delete" for the chosen object type, with their dialogs. */
export function TypeAdminControls({ schemaKey, type, types, onDeleted }: TypeAdminControlsProps) {
  // The type as it was when a dialog opened (a refetch does not reset the form).
  const [editing, setEditing] = useState<CmdbTypeNode>();
  const [deleting, setDeleting] = useState<CmdbTypeNode>();
  const [dialog, setDialog] = useState<'edit' | 'delete' | null>(null);
  const remove = useDeleteObjectType(schemaKey, deleting?.id ?? 0);
  const close = () => setDialog(null);

  return (
    <>
      <Group gap={4} grow mb="xs">
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPencil size={12} aria-hidden />}
          aria-label={`Edit object type ${type.name}`}
          onClick={() => {
            setEditing(type);
            setDialog('edit');
          }}
        >
          Edit type
        </Button>
        <Button
          size="compact-xs"
          variant="subtle"
          color="red"
          leftSection={<IconTrash size={12} aria-hidden />}
          aria-label={`Delete object type ${type.name}`}
          onClick={() => {
            setDeleting(type);
            setDialog('delete');
          }}
        >
          Delete type
        </Button>
      </Group>
      <ObjectTypeFormDialog opened={dialog === 'edit'} onClose={close} schemaKey={schemaKey} types={types} type={editing} />
      <ConfirmDeleteDialog
        opened={dialog === 'delete'}
        onClose={close}
        title={`Delete the object type ${deleting?.name ?? ''}?`}
        errorTitle="The object type was not deleted"
        remove={remove}
        onDeleted={() => {
          notifications.show({ color: 'green', message: `Object type ${deleting?.name ?? ''} deleted` });
          close();
          onDeleted();
        }}
      >
        The type and its attributes will be deleted. A type that still has objects or sub-types, or that other
        attributes refer to, cannot be deleted.
      </ConfirmDeleteDialog>
    </>
  );
}
