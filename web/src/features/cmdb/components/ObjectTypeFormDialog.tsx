import { Alert, Button, Checkbox, Group, Modal, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { isApiError } from '@/api/client';
import { errorMessage } from '@/components/PageError';
import { useCreateObjectType } from '../api/schemaAdmin';
import type { CmdbObjectType, CmdbTypeNode } from '../api/types';
import type { FormErrors, ObjectTypeForm } from '../lib/schemaForms';
import { emptyObjectTypeForm, formFieldOfError, objectTypePayload, validateObjectType } from '../lib/schemaForms';
import { flattenTypes } from '../lib/typeTree';

const FIELDS: readonly (keyof ObjectTypeForm)[] = ['name', 'description', 'parentId', 'icon', 'abstract', 'inheritAttributes'];

export interface ObjectTypeFormDialogProps {
  opened: boolean;
  onClose: () => void;
  schemaKey: string;
  /** The schema's type tree (the parent choices) */
  types: readonly CmdbTypeNode[];
  /** Called with the new type once it is created */
  onCreated?: (type: CmdbObjectType) => void;
}

/** Administrators: a new object type in a schema (POST /api/v1/cmdb/schemas/{key}/objecttypes). */
export function ObjectTypeFormDialog({ opened, onClose, schemaKey, types, onCreated }: ObjectTypeFormDialogProps) {
  const create = useCreateObjectType(schemaKey);
  const [form, setForm] = useState<ObjectTypeForm>(emptyObjectTypeForm);
  const [errors, setErrors] = useState<FormErrors<keyof ObjectTypeForm>>({});
  const [formError, setFormError] = useState<string | null>(null);
  useEffect(() => {
    if (opened) {
      setForm(emptyObjectTypeForm());
      setErrors({});
      setFormError(null);
    }
  }, [opened]);

  const set = <K extends keyof ObjectTypeForm>(key: K, value: ObjectTypeForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _gone, ...rest }) => rest as FormErrors<keyof ObjectTypeForm>);
  };

  const submit = () => {
    const found = validateObjectType(form);
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    create.mutate(objectTypePayload(form), {
      onSuccess: (type) => {
        notifications.show({ color: 'green', message: `Object type ${type.name} created` });
        onClose();
        onCreated?.(type);
      },
      onError: (error) => {
        const field = isApiError(error) ? formFieldOfError(error.field, FIELDS) : undefined;
        if (field) setErrors({ [field]: errorMessage(error) });
        else setFormError(errorMessage(error));
      },
    });
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
  const pending = create.isPending;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="New object type"
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
              title="The object type was not created"
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
          <Textarea
            label="Description"
            autosize
            minRows={2}
            value={form.description}
            onChange={(e) => set('description', e.currentTarget.value)}
            error={errors.description}
            disabled={pending}
          />
          <NativeSelect
            label="Parent type"
            value={form.parentId}
            onChange={(e) => set('parentId', e.currentTarget.value)}
            error={errors.parentId}
            disabled={pending}
            data={[
              { value: '', label: '(none: a top-level type)' },
              ...parents.map((t) => ({ value: String(t.id), label: `${'\u00a0\u00a0'.repeat(depth(t))}${t.name}` })),
            ]}
          />
          <TextInput
            label="Icon"
            description="Optional; the name of an icon"
            value={form.icon}
            onChange={(e) => set('icon', e.currentTarget.value)}
            error={errors.icon}
            disabled={pending}
            maxLength={64}
          />
          <Checkbox
            label="Abstract (no objects of its own, only sub-types)"
            checked={form.abstract}
            onChange={(e) => set('abstract', e.currentTarget.checked)}
            error={errors.abstract}
            disabled={pending}
          />
          <Checkbox
            label="Allow children to inherit its attributes"
            checked={form.inheritAttributes}
            onChange={(e) => set('inheritAttributes', e.currentTarget.checked)}
            error={errors.inheritAttributes}
            disabled={pending}
          />
          <Group justify="flex-end" gap="sm" pb="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Create
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
