import { Checkbox, Modal, NativeSelect, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useCreateAttribute, useUpdateAttribute } from '../api/schemaAdmin';
import type { CmdbAttribute, CmdbTypeNode } from '../api/types';
import type { AttributeForm } from '../lib/schemaForms';
import {
  ATTRIBUTE_TYPES,
  attributeForm,
  attributePayload,
  attributeUpdatePayload,
  emptyAttributeForm,
  hasOptions,
  validateAttribute,
} from '../lib/schemaForms';
import { flattenTypes } from '../lib/typeTree';
import { FormDialogShell, formModalProps, useDialogForm } from './FormDialogShell';

const FIELDS: readonly (keyof AttributeForm)[] = [
  'name',
  'type',
  'description',
  'required',
  'unique',
  'options',
  'referenceObjectTypeId',
  'referenceKind',
  'multiple',
];

export interface AttributeFormDialogProps {
  opened: boolean;
  onClose: () => void;
  typeId: number;
  typeName: string;
  /** The schema's type tree (reference targets) */
  types: readonly CmdbTypeNode[];
  /** Edit mode: the attribute to change (prefilled; its type is fixed) */
  attribute?: CmdbAttribute;
}

/**
 * Administrators: a new attribute of an object type (POST /api/v1/cmdb/objecttypes/{id}/attributes),
 * or with `attribute` a change to one (PUT /api/v1/cmdb/attributes/{id}).
 */
export function AttributeFormDialog({ opened, onClose, typeId, typeName, types, attribute }: AttributeFormDialogProps) {
  const create = useCreateAttribute(typeId);
  const update = useUpdateAttribute(attribute?.id ?? 0);
  const initial = useCallback(() => (attribute ? attributeForm(attribute) : emptyAttributeForm()), [attribute]);
  const { form, formError, validate, showError, text, check } = useDialogForm(opened, initial, FIELDS);

  const submit = () => {
    if (!validate(validateAttribute(form))) return;
    const done = (saved: CmdbAttribute) => {
      notifications.show({
        color: 'green',
        message: attribute ? `Attribute ${saved.name} saved` : `Attribute ${saved.name} added to ${typeName}`,
      });
      onClose();
    };
    if (attribute) update.mutate(attributeUpdatePayload(form, initial()), { onSuccess: done, onError: showError });
    else create.mutate(attributePayload(form), { onSuccess: done, onError: showError });
  };

  const pending = create.isPending || update.isPending;
  const targets = flattenTypes(types);

  return (
    <Modal opened={opened} onClose={onClose} title={attribute ? `Edit attribute ${attribute.name}` : `Add attribute to ${typeName}`} {...formModalProps}>
      <FormDialogShell
        onSubmit={submit}
        onCancel={onClose}
        formError={formError}
        errorTitle={attribute ? 'The attribute was not saved' : 'The attribute was not added'}
        submitLabel={attribute ? 'Save' : 'Add attribute'}
        pending={pending}
      >
        <TextInput label="Name" required data-autofocus {...text('name')} disabled={pending} maxLength={255} />
        <NativeSelect
          label="Type"
          description={attribute ? "An attribute's type cannot change" : undefined}
          {...text('type')}
          disabled={pending || attribute !== undefined}
          data={ATTRIBUTE_TYPES.map((t) => ({ value: t, label: t }))}
        />
        <Textarea label="Description" autosize minRows={1} {...text('description')} disabled={pending} />
        {hasOptions(form.type) && (
          <Textarea
            label="Options"
            description="One a line, in order"
            required
            autosize
            minRows={3}
            {...text('options')}
            disabled={pending}
          />
        )}
        {form.type === 'reference' && (
          <>
            <NativeSelect
              label="Target object type"
              required
              {...text('referenceObjectTypeId')}
              disabled={pending}
              data={[
                { value: '', label: 'Choose a type' },
                ...targets.map((t) => ({ value: String(t.id), label: t.name })),
              ]}
            />
            <TextInput
              label="Reference kind"
              description='How it relates, e.g. "depends on"'
              {...text('referenceKind')}
              disabled={pending}
              maxLength={64}
            />
            <Checkbox label="Multiple values" {...check('multiple')} disabled={pending} />
          </>
        )}
        <Checkbox label="Required" {...check('required')} disabled={pending} />
        <Checkbox label="Unique" {...check('unique')} disabled={pending} />
      </FormDialogShell>
    </Modal>
  );
}
