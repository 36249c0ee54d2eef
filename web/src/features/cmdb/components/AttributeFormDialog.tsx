import { Checkbox, Modal, NativeSelect, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCreateAttribute } from '../api/schemaAdmin';
import type { CmdbTypeNode } from '../api/types';
import type { AttributeForm } from '../lib/schemaForms';
import { ATTRIBUTE_TYPES, attributePayload, emptyAttributeForm, hasOptions, validateAttribute } from '../lib/schemaForms';
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
}

/** Administrators: a new attribute of an object type (POST /api/v1/cmdb/objecttypes/{id}/attributes). */
export function AttributeFormDialog({ opened, onClose, typeId, typeName, types }: AttributeFormDialogProps) {
  const create = useCreateAttribute(typeId);
  const { form, formError, validate, showError, text, check } = useDialogForm(opened, emptyAttributeForm, FIELDS);

  const submit = () => {
    if (!validate(validateAttribute(form))) return;
    create.mutate(attributePayload(form), {
      onSuccess: (attribute) => {
        notifications.show({ color: 'green', message: `Attribute ${attribute.name} added to ${typeName}` });
        onClose();
      },
      onError: showError,
    });
  };

  const pending = create.isPending;
  const targets = flattenTypes(types);

  return (
    <Modal opened={opened} onClose={onClose} title={`Add attribute to ${typeName}`} {...formModalProps}>
      <FormDialogShell
        onSubmit={submit}
        onCancel={onClose}
        formError={formError}
        errorTitle="The attribute was not added"
        submitLabel="Add attribute"
        pending={pending}
      >
        <TextInput label="Name" required data-autofocus {...text('name')} disabled={pending} maxLength={255} />
        <NativeSelect
          label="Type"
          {...text('type')}
          disabled={pending}
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
