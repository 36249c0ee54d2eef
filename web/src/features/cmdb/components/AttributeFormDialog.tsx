import { Group, Modal, NativeSelect, NumberInput, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useCreateAttribute, useUpdateAttribute } from '../api/schemaAdmin';
import type { CmdbAttribute, CmdbAttributeType, CmdbTypeNode } from '../api/types';
import type { AttributeForm } from '../lib/schemaForms';
import {
  ATTRIBUTE_TYPES,
  attributeForm,
  attributePayload,
  attributeUpdatePayload,
  canBeLabel,
  emptyAttributeForm,
  formCardinality,
  hasCardinality,
  hasOptions,
  validateAttribute,
} from '../lib/schemaForms';
import { flattenTypes } from '../lib/typeTree';
import { FormCheckbox, FormDialogShell, formModalProps, useDialogForm } from './FormDialogShell';

const FIELDS: readonly (keyof AttributeForm)[] = [
  'name',
  'type',
  'description',
  'required',
  'unique',
  'label',
  'options',
  'referenceObjectTypeId',
  'referenceKind',
  'minCardinality',
  'maxCardinality',
];

export interface AttributeFormDialogProps {
  opened: boolean;
  onClose: () => void;
  typeId: number;
  typeName: string;
  /** The schema's type tree (reference targets) */
  types: readonly CmdbTypeNode[];
  /** The type's attributes, own and inherited (which one is the label) */
  attributes?: readonly CmdbAttribute[];
  /** Edit mode: the attribute to change (prefilled; its type is fixed) */
  attribute?: CmdbAttribute;
}

/**
 * Administrators: a new attribute of an object type (POST /api/v1/cmdb/objecttypes/{id}/attributes),
 * or with `attribute` a change to one (PUT /api/v1/cmdb/attributes/{id}).
 *
 * The label: one attribute per type, of a type whose values are text; making another attribute
 * the label takes the flag from the old one (the server does that), so the current label cannot be
 * unticked here, and a type that inherits its label changes it on the type that declares it. The
 * label always needs a value, so it is required. "Required" and a minimum of at least one value go
 * together.
 */
export function AttributeFormDialog({
  opened,
  onClose,
  typeId,
  typeName,
  types,
  attributes = [],
  attribute,
}: AttributeFormDialogProps) {
  const create = useCreateAttribute(typeId);
  const update = useUpdateAttribute(attribute?.id ?? 0);
  const initial = useCallback(() => (attribute ? attributeForm(attribute) : emptyAttributeForm()), [attribute]);
  const { form, errors, formError, set, validate, showError, text, check } = useDialogForm(opened, initial, FIELDS);

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

  // The label now: inherited (changed on its type), this attribute, or another own attribute.
  const currentLabel = attributes.find((a) => a.label && a.id !== attribute?.id);
  const inheritedLabel = currentLabel?.inheritedFrom ? currentLabel : undefined;
  const isLabel = attribute?.label === true;
  const labelLocked = isLabel || inheritedLabel !== undefined || !canBeLabel(form.type);
  const labelDescription = isLabel
    ? "Its value is the object's label. To change the label, make another attribute the label"
    : inheritedLabel
      ? `The label, ${inheritedLabel.name}, is inherited from ${inheritedLabel.inheritedFrom ?? ''}: change it there`
      : !canBeLabel(form.type)
        ? 'Only a text, long text, URL, e-mail, select or status attribute can be the label'
        : form.label && currentLabel
          ? `Its value becomes the object's label, instead of ${currentLabel.name}`
          : "Its value is the object's label";

  const setType = (type: CmdbAttributeType) => {
    set('type', type);
    if (!canBeLabel(type) && form.label) set('label', false);
  };
  const setLabel = (label: boolean) => {
    set('label', label);
    if (label) setRequired(true);
  };
  const setRequired = (required: boolean) => {
    set('required', required);
    const { min } = formCardinality(form);
    if (required && !(min >= 1)) set('minCardinality', '1');
    if (!required) set('minCardinality', '0');
  };
  const setMin = (value: string | number) => {
    set('minCardinality', String(value));
    const min = Number(value);
    if (String(value).trim() === '' || !Number.isInteger(min)) return;
    if (min >= 1 && !form.required) set('required', true);
    if (min === 0 && form.required && !form.label) set('required', false);
  };

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
          onChange={(e) => setType(e.currentTarget.value as CmdbAttributeType)}
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
          </>
        )}
        {hasCardinality(form.type) && (
          <Group gap="md" align="flex-start" grow>
            <NumberInput
              label="Minimum values"
              description="0 when it may be empty"
              value={form.minCardinality}
              onChange={setMin}
              error={errors.minCardinality}
              allowDecimal={false}
              allowNegative={false}
              disabled={pending}
            />
            <NumberInput
              label="Maximum values"
              description="Empty (or -1) for any number"
              value={form.maxCardinality}
              onChange={(v) => set('maxCardinality', String(v))}
              error={errors.maxCardinality}
              allowDecimal={false}
              disabled={pending}
            />
          </Group>
        )}
        <FormCheckbox
          label="Required"
          description={form.label ? 'The label always needs a value' : 'At least one value'}
          {...check('required')}
          onChange={(e) => setRequired(e.currentTarget.checked)}
          disabled={pending || form.label}
        />
        <FormCheckbox label="Unique" {...check('unique')} disabled={pending} />
        <FormCheckbox
          label="Label"
          description={labelDescription}
          {...check('label')}
          onChange={(e) => setLabel(e.currentTarget.checked)}
          disabled={pending || labelLocked}
        />
      </FormDialogShell>
    </Modal>
  );
}
