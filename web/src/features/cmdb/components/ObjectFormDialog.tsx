import { Modal, Skeleton, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useId, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '@/api/client';
import { PageError, errorMessage } from '@/components/PageError';
import { paths } from '@/lib/paths';
import { useCreateObject, useUpdateObject } from '../api/objects';
import { useObjectType } from '../api/objectTypes';
import type { CmdbAttribute, CmdbObject, CmdbObjectType } from '../api/types';
import type { AttrFormValue } from '../lib/attributeValues';
import {
  attributeOfError,
  changedAttributes,
  emptyAttrValue,
  isEmptyAttrValue,
  missingRequired,
  toAttrFormValue,
  toAttrInput,
} from '../lib/attributeValues';
import { AttributeInput } from './AttributeInput';
import { FormDialogShell, formModalProps } from './FormDialogShell';

export type ObjectFormMode = { kind: 'create'; typeId: number } | { kind: 'edit'; object: CmdbObject };

export interface ObjectFormDialogProps {
  opened: boolean;
  onClose: () => void;
  mode: ObjectFormMode;
}

/**
 * Creating an object of a type, or editing one: a form built from the type's attributes (own and
 * inherited), each with the input for its type. A new object opens its page; an edit sends only
 * the attributes that changed (PATCH).
 */
export function ObjectFormDialog({ opened, onClose, mode }: ObjectFormDialogProps) {
  const phone = useMediaQuery('(max-width: 48em)');
  const typeId = mode.kind === 'create' ? mode.typeId : mode.object.objectType.id;
  const type = useObjectType(opened ? typeId : undefined);
  // A fresh form each time the dialog opens.
  const [session, setSession] = useState(0);
  useEffect(() => {
    if (opened) setSession((s) => s + 1);
  }, [opened]);
  const title =
    mode.kind === 'create'
      ? `Create ${type.data ? type.data.name : 'object'}`
      : `Edit ${mode.object.label} (${mode.object.key})`;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      {...formModalProps}
      fullScreen={phone}
    >
      {type.isPending ? (
        <Stack gap="md" role="status" aria-label="Loading the form">
          {[0, 1, 2].map((i) => (
            <Stack key={i} gap={6}>
              <Skeleton height={12} width={160} />
              <Skeleton height={36} />
            </Stack>
          ))}
        </Stack>
      ) : type.isError ? (
        <PageError error={type.error} onRetry={() => void type.refetch()} />
      ) : (
        <ObjectForm key={session} type={type.data} mode={mode} onClose={onClose} />
      )}
    </Modal>
  );
}

function initialForm(attrs: readonly CmdbAttribute[], object: CmdbObject | undefined): Record<string, AttrFormValue> {
  return Object.fromEntries(
    attrs.map((a) => [a.name, object ? toAttrFormValue(a, object.attributes[a.name]) : emptyAttrValue(a)]),
  );
}

function ObjectForm({ type, mode, onClose }: { type: CmdbObjectType; mode: ObjectFormMode; onClose: () => void }) {
  const navigate = useNavigate();
  const formId = useId();
  const editing = mode.kind === 'edit' ? mode.object : undefined;
  const create = useCreateObject();
  const update = useUpdateObject(editing?.key ?? '');
  const pending = create.isPending || update.isPending;
  const attrs = type.attributes;
  const [form, setForm] = useState<Record<string, AttrFormValue>>(() => initialForm(attrs, editing));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const inputId = (name: string) => `${formId}-${attrs.findIndex((a) => a.name === name)}`;
  const focus = (name: string) => window.setTimeout(() => document.getElementById(inputId(name))?.focus(), 0);

  const showError = (error: unknown) => {
    const name = isApiError(error) ? attributeOfError(error.field, attrs) : undefined;
    if (name) {
      setErrors({ [name]: errorMessage(error) });
      focus(name);
    } else {
      setFormError(errorMessage(error));
    }
  };

  const submit = () => {
    const missing = missingRequired(attrs, form);
    setErrors(missing);
    setFormError(null);
    const first = attrs.find((a) => missing[a.name]);
    if (first) {
      focus(first.name);
      return;
    }
    if (editing) {
      const changes = changedAttributes(attrs, editing.attributes, form);
      if (Object.keys(changes).length === 0) {
        onClose();
        return;
      }
      update.mutate(
        { attributes: changes },
        {
          onSuccess: (object) => {
            notifications.show({ color: 'green', message: `${object.key} saved` });
            onClose();
          },
          onError: showError,
        },
      );
      return;
    }
    const values: Record<string, unknown> = {};
    for (const a of attrs) {
      if (!isEmptyAttrValue(form[a.name])) values[a.name] = toAttrInput(a, form[a.name]);
    }
    create.mutate(
      { objectTypeId: type.id, attributes: values },
      {
        onSuccess: (object) => {
          notifications.show({ color: 'green', title: `${object.key} created`, message: object.label });
          onClose();
          navigate(paths.cmdbObject(object.key));
        },
        onError: showError,
      },
    );
  };

  return (
    <FormDialogShell
      onSubmit={submit}
      onCancel={onClose}
      formError={formError}
      errorTitle={editing ? 'The object was not saved' : 'The object was not created'}
      submitLabel={editing ? 'Save' : 'Create'}
      pending={pending}
    >
      {attrs.length === 0 ? (
        <Text size="sm" c="dimmed">
          This object type has no attributes yet.
        </Text>
      ) : (
        <Text size="xs" c="dimmed">
          Required attributes are marked with an asterisk <Text span c="red">*</Text>
        </Text>
      )}
      {attrs.map((a) => (
        <AttributeInput
          key={a.id}
          id={inputId(a.name)}
          attribute={a}
          value={form[a.name] ?? emptyAttrValue(a)}
          onChange={(v) => {
            setForm((f) => ({ ...f, [a.name]: v }));
            if (errors[a.name]) setErrors(({ [a.name]: _gone, ...rest }) => rest);
          }}
          error={errors[a.name]}
          disabled={pending}
        />
      ))}
    </FormDialogShell>
  );
}
