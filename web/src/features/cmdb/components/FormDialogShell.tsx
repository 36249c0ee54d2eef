import { Alert, Button, Checkbox, Group, Stack } from '@mantine/core';
import type { CheckboxProps } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ChangeEvent, ReactNode } from 'react';
import { useEffect, useId, useState } from 'react';
import { isApiError } from '@/api/client';
import { errorMessage } from '@/components/PageError';
import type { FormErrors } from '../lib/schemaForms';
import { formFieldOfError } from '../lib/schemaForms';

/** The Modal props the CMDB form dialogs share. */
export const formModalProps = {
  size: 'lg',
  closeOnClickOutside: false,
  styles: { title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' } },
} as const;

export interface FormDialogShellProps {
  onSubmit: () => void;
  onCancel: () => void;
  /** A server error not tied to one field, shown above the fields */
  formError: string | null;
  /** The title of that error, e.g. "The object was not created" */
  errorTitle: string;
  submitLabel: ReactNode;
  pending: boolean;
  children: ReactNode;
}

/** A dialog's form: the form-wide error on top, the fields, then Cancel and submit. */
export function FormDialogShell({
  onSubmit,
  onCancel,
  formError,
  errorTitle,
  submitLabel,
  pending,
  children,
}: FormDialogShellProps) {
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Stack gap="md">
        {formError && (
          <Alert
            color="red"
            variant="light"
            role="alert"
            icon={<IconAlertTriangle size={18} aria-hidden />}
            title={errorTitle}
          >
            {formError}
          </Alert>
        )}
        {children}
        <Group justify="flex-end" gap="sm" pb="xs">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * A checkbox whose description and error are announced with it (Mantine's Checkbox shows them but
 * does not link them to the input).
 */
export function FormCheckbox({ description, error, ...props }: CheckboxProps) {
  const id = useId();
  const hasError = Boolean(error) && typeof error !== 'boolean';
  const describedBy = [description ? `${id}-description` : '', hasError ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <Checkbox
      {...props}
      aria-describedby={describedBy || undefined}
      description={description ? <span id={`${id}-description`}>{description}</span> : undefined}
      error={hasError ? <span id={`${id}-error`}>{error}</span> : error}
    />
  );
}

type KeysOf<F, V> = { [K in keyof F]: F[K] extends V ? K : never }[keyof F] & string;

/**
 * A schema-admin form's state: the values (fresh each time the dialog opens), per-field errors and
 * a form-wide error, plus props for text-like inputs and checkboxes.
 */
export function useDialogForm<F extends object>(
  opened: boolean,
  empty: () => F,
  fields: readonly (keyof F & string)[],
) {
  type Key = keyof F & string;
  const [form, setForm] = useState<F>(empty);
  const [errors, setErrors] = useState<FormErrors<Key>>({});
  const [formError, setFormError] = useState<string | null>(null);
  useEffect(() => {
    if (opened) {
      setForm(empty());
      setErrors({});
      setFormError(null);
    }
  }, [opened, empty]);

  const set = <K extends Key>(key: K, value: F[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _gone, ...rest }) => rest as FormErrors<Key>);
  };

  /** Shows the client-side errors found; true when there are none. */
  const validate = (found: FormErrors<Key>) => {
    setErrors(found);
    setFormError(null);
    return Object.keys(found).length === 0;
  };

  /** A server error: on its field when it names one of the form's, else above the fields. */
  const showError = (error: unknown) => {
    const field = isApiError(error) ? formFieldOfError(error.field, fields) : undefined;
    if (field) setErrors({ [field]: errorMessage(error) } as FormErrors<Key>);
    else setFormError(errorMessage(error));
  };

  const text = <K extends KeysOf<F, string>>(key: K) => ({
    value: form[key] as string,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) =>
      set(key, e.currentTarget.value as F[K]),
    error: errors[key],
  });

  const check = <K extends KeysOf<F, boolean>>(key: K) => ({
    checked: form[key] as boolean,
    onChange: (e: ChangeEvent<HTMLInputElement>) => set(key, e.currentTarget.checked as F[K]),
    error: errors[key],
  });

  return { form, errors, formError, set, validate, showError, text, check };
}
