import { Alert, Button, Checkbox, Group, Modal, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { isApiError } from '@/api/client';
import { errorMessage } from '@/components/PageError';
import { useCreateAttribute } from '../api/schemaAdmin';
import type { CmdbTypeNode } from '../api/types';
import type { AttributeForm, FormErrors } from '../lib/schemaForms';
import {
  ATTRIBUTE_TYPES,
  attributePayload,
  emptyAttributeForm,
  formFieldOfError,
  hasOptions,
  validateAttribute,
} from '../lib/schemaForms';
import { flattenTypes } from '../lib/typeTree';

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
  const [form, setForm] = useState<AttributeForm>(emptyAttributeForm);
  const [errors, setErrors] = useState<FormErrors<keyof AttributeForm>>({});
  const [formError, setFormError] = useState<string | null>(null);
  useEffect(() => {
    if (opened) {
      setForm(emptyAttributeForm());
      setErrors({});
      setFormError(null);
    }
  }, [opened]);

  const set = <K extends keyof AttributeForm>(key: K, value: AttributeForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _gone, ...rest }) => rest as FormErrors<keyof AttributeForm>);
  };

  const submit = () => {
    const found = validateAttribute(form);
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    create.mutate(attributePayload(form), {
      onSuccess: (attribute) => {
        notifications.show({ color: 'green', message: `Attribute ${attribute.name} added to ${typeName}` });
        onClose();
      },
      onError: (error) => {
        const field = isApiError(error) ? formFieldOfError(error.field, FIELDS) : undefined;
        if (field) setErrors({ [field]: errorMessage(error) });
        else setFormError(errorMessage(error));
      },
    });
  };

  const pending = create.isPending;
  const targets = flattenTypes(types);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Add attribute to ${typeName}`}
      size="lg"
      closeOnClickOutside={false}
      styles={{ title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } }}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          {formError && (
            <Alert
              color="red"
              variant="light"
              role="alert"
              icon={<IconAlertTriangle size={18} aria-hidden />}
              title="The attribute was not added"
            >
              {formError}
            </Alert>
          )}
          <TextInput
            label="Name"
            required
            data-autofocus
            value={form.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
            disabled={pending}
            maxLength={255}
          />
          <NativeSelect
            label="Type"
            value={form.type}
            onChange={(e) => set('type', e.currentTarget.value as AttributeForm['type'])}
            error={errors.type}
            disabled={pending}
            data={ATTRIBUTE_TYPES.map((t) => ({ value: t, label: t }))}
          />
          <Textarea
            label="Description"
            autosize
            minRows={1}
            value={form.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={errors.description}
            disabled={pending}
          />
          {hasOptions(form.type) && (
            <Textarea
              label="Options"
              description="One a line, in order"
              required
              autosize
              minRows={3}
              value={form.options}
              onChange={(e) => set('options', e.currentTarget.value)}
              error={errors.options}
              disabled={pending}
            />
          )}
          {form.type === 'reference' && (
            <>
              <NativeSelect
                label="Target object type"
                required
                value={form.referenceObjectTypeId}
                onChange={(e) => set('referenceObjectTypeId', e.currentTarget.value)}
                error={errors.referenceObjectTypeId}
                disabled={pending}
                data={[
                  { value: '', label: 'Choose a type' },
                  ...targets.map((t) => ({ value: String(t.id), label: t.name })),
                ]}
              />
              <TextInput
                label="Reference kind"
                description='How it relates, e.g. "depends on"'
                value={form.referenceKind}
                onChange={(e) => set('referenceKind', e.currentTarget.value)}
                error={errors.referenceKind}
                disabled={pending}
                maxLength={64}
              />
              <Checkbox
                label="Multiple values"
                checked={form.multiple}
                onChange={(e) => set('multiple', e.currentTarget.checked)}
                error={errors.multiple}
                disabled={pending}
              />
            </>
          )}
          <Checkbox
            label="Required"
            checked={form.required}
            onChange={(e) => set('required', e.currentTarget.checked)}
            error={errors.required}
            disabled={pending}
          />
          <Checkbox
            label="Unique"
            checked={form.unique}
            onChange={(e) => set('unique', e.currentTarget.checked)}
            error={errors.unique}
            disabled={pending}
          />
          <Group justify="flex-end" gap="sm" pb="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Add attribute
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
