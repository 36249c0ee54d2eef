import { ActionIcon, Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '@/components/PageError';
import { useDeleteAttribute, useMoveAttribute } from '../api/schemaAdmin';
import type { CmdbAttribute, CmdbObjectType, CmdbTypeNode } from '../api/types';
import { attributeMoves } from '../lib/attributeOrder';
import { cardinalityText } from '../lib/schemaForms';
import { AttributeFormDialog } from './AttributeFormDialog';
import { ConfirmDeleteDialog } from './ConfirmDeleteDialog';

export interface TypeAttributesProps {
  type: CmdbObjectType;
  /** The schema's type tree (reference targets) */
  types: readonly CmdbTypeNode[];
}

/**
 * Administrators: an object type's attributes (own and inherited), "Add attribute", and "Move up",
 * "Move down", "Edit" and "Delete" for its own ones (inherited attributes are changed on the type
 * that declares them, and always come first).
 */
export function TypeAttributes({ type, types }: TypeAttributesProps) {
  // The attribute a dialog is about, as it was when it opened (undefined: a new attribute).
  const [attribute, setAttribute] = useState<CmdbAttribute>();
  const [dialog, setDialog] = useState<'form' | 'delete' | null>(null);
  const remove = useDeleteAttribute(attribute?.id ?? 0);
  const move = useMoveAttribute();
  const open = (kind: 'form' | 'delete', a?: CmdbAttribute) => {
    setAttribute(a);
    setDialog(kind);
  };
  const close = () => setDialog(null);
  const own = type.attributes.filter((a) => !a.inheritedFrom);
  const moveAttribute = (a: CmdbAttribute, direction: 'up' | 'down') => {
    const moves = attributeMoves(own, a.id, direction);
    if (moves.length > 0) move.mutate(moves);
  };

  return (
    <section aria-label={`Attributes of ${type.name}`}>
      <Stack gap={6}>
        <Group gap={6} wrap="wrap" align="center">
          <Text size="sm" fw={500}>
            Attributes:
          </Text>
          <ul role="list" style={{ display: 'contents', listStyle: 'none' }}>
            {type.attributes.map((a) => {
              const index = own.indexOf(a);
              const cardinality = cardinalityText(a);
              return (
                <li key={a.id} style={{ display: 'inline-flex', alignItems: 'center', gap: 2 }}>
                  <Badge
                    variant="light"
                    color={a.inheritedFrom ? 'gray' : 'blue'}
                    tt="none"
                    title={a.inheritedFrom ? `inherited from ${a.inheritedFrom}` : undefined}
                  >
                    {a.name} · {a.type}
                    {cardinality ? ` · ${cardinality}` : ''}
                    {a.label ? ' · label' : ''}
                    {a.required ? ' *' : ''}
                  </Badge>
                  {index >= 0 && (
                    <>
                      <ActionIcon
                        size="xs"
                        variant="subtle"
                        aria-label={`Move attribute ${a.name} up`}
                        disabled={index === 0 || move.isPending}
                        onClick={() => moveAttribute(a, 'up')}
                      >
                        <IconArrowUp size={12} aria-hidden />
                      </ActionIcon>
                      <ActionIcon
                        size="xs"
                        variant="subtle"
                        aria-label={`Move attribute ${a.name} down`}
                        disabled={index === own.length - 1 || move.isPending}
                        onClick={() => moveAttribute(a, 'down')}
                      >
                        <IconArrowDown size={12} aria-hidden />
                      </ActionIcon>
                      <ActionIcon size="xs" variant="subtle" aria-label={`Edit attribute ${a.name}`} onClick={() => open('form', a)}>
                        <IconPencil size={12} aria-hidden />
                      </ActionIcon>
                      <ActionIcon
                        size="xs"
                        variant="subtle"
                        color="red"
                        aria-label={`Delete attribute ${a.name}`}
                        onClick={() => open('delete', a)}
                      >
                        <IconTrash size={12} aria-hidden />
                      </ActionIcon>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
          <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} aria-hidden />} onClick={() => open('form')}>
            Add attribute
          </Button>
        </Group>
        {move.isError && (
          <Alert
            color="red"
            variant="light"
            role="alert"
            icon={<IconAlertTriangle size={18} aria-hidden />}
            title="The attribute was not moved"
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={() => move.reset()}
          >
            {errorMessage(move.error)}
          </Alert>
        )}
      </Stack>
      <AttributeFormDialog
        opened={dialog === 'form'}
        onClose={close}
        typeId={type.id}
        typeName={type.name}
        types={types}
        attributes={type.attributes}
        attribute={attribute}
      />
      <ConfirmDeleteDialog
        opened={dialog === 'delete'}
        onClose={close}
        title={`Delete the attribute ${attribute?.name ?? ''}?`}
        errorTitle="The attribute was not deleted"
        remove={remove}
        onDeleted={() => {
          notifications.show({ color: 'green', message: `Attribute ${attribute?.name ?? ''} deleted` });
          close();
        }}
      >
        The attribute and its values on every {type.name} object will be deleted. This cannot be undone.
      </ConfirmDeleteDialog>
    </section>
  );
}
