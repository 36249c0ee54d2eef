import { Checkbox, Modal, NativeSelect, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useCreateObjectType, useUpdateObjectType } from '../api/schemaAdmin';
import type { CmdbObjectType, CmdbTypeNode } from '../api/types';
import type { ObjectTypeFields, ObjectTypeForm } from '../lib/schemaForms';
import {
  emptyObjectTypeForm,
  objectTypeForm,
  objectTypePayload,
  objectTypeUpdatePayload,
  validateObjectType,
} from '../lib/schemaForms';
import { flattenTypes } from '../lib/typeTree';
import { FormDialogShell, formModalProps, useDialogForm } from './FormDialogShell';

const FIELDS: readonly (keyof ObjectTypeForm)[] = ['name', 'description', 'parentId', 'icon', 'abstract', 'inheritAttributes'];

export interface ObjectTypeFormDialogProps {
  opened: boolean;
  onClose: () => void;
  schemaKey: string;
  /** The schema's type tree (the parent choices) */
  types: readonly CmdbTypeNode[];
  /** Edit mode: the type to change (prefilled; its parent is fixed) */
  type?: ObjectTypeFields;
  /** Called with the new type once it is created */
  onCreated?: (type: CmdbObjectType) => void;
}

/**
 * Administrators: a new object type in a schema (POST /api/v1/cmdb/schemas/{key}/objecttypes), or
 * with `type` a change to one (PUT /api/v1/cmdb/objecttypes/{id}).
 */
export function ObjectTypeFormDialog({ opened, onClose, schemaKey, types, type, onCreated }: ObjectTypeFormDialogProps) {
  const create = useCreateObjectType(schemaKey);
  const update = useUpdateObjectType(type?.id ?? 0);
  const initial = useCallback(() => (type ? objectTypeForm(type) : emptyObjectTypeForm()), [type]);
  const { form, formError, validate, showError, text, check } = useDialogForm(opened, initial, FIELDS);

  const submit = () => {
    if (!validate(validateObjectType(form))) return;
    const done = (saved: CmdbObjectType) => {
      notifications.show({ color: 'green', message: `Object type ${saved.name} ${type ? 'saved' : 'created'}` });
      onClose();
      if (!type) onCreated?.(saved);
    };
    if (type) update.mutate(objectTypeUpdatePayload(form), { onSuccess: done, onError: showError });
    else create.mutate(objectTypePayload(form), { onSuccess: done, onError: showError });
  };

  const parents = flattenTypes(types);
  const depth = (t: CmdbTypeNode): number => {
    let d = 0;
    let p = t.parentId;
    while (p !== null && d < 32) {
      d += 1;
      p = parents.find((x) => x.id === p)?.parentId ?? null;
    }
    return d;
  };
  const pending = create.isPending || update.isPending;

  return (
    <Modal opened={opened} onClose={onClose} title={type ? `Edit ${type.name}` : 'New object type'} {...formModalProps}>
      <FormDialogShell
        onSubmit={submit}
        onCancel={onClose}
        formError={formError}
        errorTitle={type ? 'The object type was not saved' : 'The object type was not created'}
        submitLabel={type ? 'Save' : 'Create'}
        pending={pending}
      >
        <TextInput label="Name" required data-autofocus {...text('name')} disabled={pending} maxLength={255} />
        <Textarea label="Description" autosize minRows={2} {...text('description')} disabled={pending} />
        <NativeSelect
          label="Parent type"
          description={type ? 'The parent of an existing type cannot change' : undefined}
          {...text('parentId')}
          disabled={pending || type !== undefined}
          data={[
            { value: '', label: '(none: a top-level type)' },
            ...parents.map((t) => ({ value: String(t.id), label: `${'\u00a0\u00a0'.repeat(depth(t))}${t.name}` })),
          ]}
        />
        <TextInput
          label="Icon"
          description="Optional; the name of an icon"
          {...text('icon')}
          disabled={pending}
          maxLength={64}
        />
        <Checkbox label="Abstract (no objects of its own, only sub-types)" {...check('abstract')} disabled={pending} />
        <Checkbox label="Allow children to inherit its attributes" {...check('inheritAttributes')} disabled={pending} />
      </FormDialogShell>
    </Modal>
  );
}
