import { Alert, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconSend } from '@tabler/icons-react';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '@/api/client';
import { useCurrentUser } from '@/api/session';
import { PageError, errorMessage } from '@/components/PageError';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { usePortal, useRequestType } from '../api/portals';
import { useCreateRequest } from '../api/requests';
import type { RequestCreate, RequestType } from '../api/types';
import {
  ON_BEHALF_FIELD,
  formKeyOfError,
  initialValues,
  objectContextValues,
  toApiValues,
  validateRequired,
} from '../lib/requestForm';
import { encodeObjectContext } from '@/lib/objectValues';
import type { FormErrors, FormValue, FormValues } from '../lib/requestForm';
import { ON_BEHALF_LABEL, OnBehalfInput } from './OnBehalfInput';
import { PortalBreadcrumbs } from './PortalBreadcrumbs';
import { RequestFieldInput } from './RequestFieldInput';
import { RequestTypeIcon } from './RequestTypeIcon';

/** /portal/:portalId/create/:requestTypeId — a request type's form. */
export function CreateRequestPage() {
  const params = useParams();
  const portalId = Number(params.portalId);
  const typeId = Number(params.requestTypeId);
  const portal = usePortal(portalId);
  const type = useRequestType(portalId, typeId);
  usePageTitle(type.data?.name ?? 'Raise a request');
  const portalRef = portal.data ? { id: portal.data.id, name: portal.data.name } : null;

  if (type.isPending) return <FormSkeleton />;
  if (type.isError) {
    return (
      <Stack gap="md">
        <PortalBreadcrumbs portal={portalRef} />
        <PageError error={type.error} onRetry={() => void type.refetch()} />
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <PortalBreadcrumbs portal={portalRef} current={type.data.name} />
      {/* Keyed by the request type so another type's form starts empty. */}
      <RequestForm key={type.data.id} type={type.data} />
    </Stack>
  );
}

function RequestForm({ type }: { type: RequestType }) {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const create = useCreateRequest();
  const formId = useId();
  const [values, setValues] = useState<FormValues>(() => initialValues(type.fields));
  const [onBehalf, setOnBehalf] = useState(user.username);
  const [errors, setErrors] = useState<FormErrors>({});
  const [formError, setFormError] = useState<unknown>(null);

  const inputId = (key: string) => `${formId}-${key}`;
  const labels = Object.fromEntries(type.fields.map((f) => [f.name, f.label]));
  const focusField = (key: string | undefined) => {
    if (!key) return;
    // After React has rendered the error, so screen readers read it with the field.
    window.setTimeout(() => document.getElementById(inputId(key))?.focus(), 0);
  };

  const setValue = (key: string, value: FormValue) => {
    setValues((current) => ({ ...current, [key]: value }));
    if (errors[key]) setErrors(({ [key]: _removed, ...rest }) => rest);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending) return;
    const found = validateRequired(type.fields, values);
    if (type.canRaiseOnBehalf && !onBehalf.trim()) found[ON_BEHALF_FIELD] = `${ON_BEHALF_LABEL} is required`;
    setErrors(found);
    setFormError(null);
    const order = [...type.fields.map((f) => f.field), ON_BEHALF_FIELD];
    const first = order.find((k) => found[k]);
    if (first) {
      focusField(first);
      return;
    }
    const body: RequestCreate = { requestTypeId: type.id, values: toApiValues(type.fields, values) };
    const behalf = onBehalf.trim();
    if (type.canRaiseOnBehalf && behalf && behalf.toLowerCase() !== user.username.toLowerCase()) {
      body.raiseOnBehalfOf = behalf;
    }
    create.mutate(body, {
      onSuccess: (created) => navigate(paths.request(created.key)),
      onError: (error) => {
        const key = isApiError(error) ? formKeyOfError(error.field, type.fields) : undefined;
        if (key && (key !== ON_BEHALF_FIELD || type.canRaiseOnBehalf)) {
          setErrors({ [key]: errorMessage(error) });
          focusField(key);
        } else {
          setFormError(error);
        }
      },
    });
  };

  return (
    <Paper withBorder radius="md" p={{ base: 'md', sm: 'xl' }}>
      <form onSubmit={onSubmit} noValidate aria-labelledby={`${formId}-title`}>
        <Stack gap="lg">
          <Group gap="md" wrap="nowrap" align="flex-start">
            <RequestTypeIcon icon={type.icon} size={44} />
            <Stack gap={4} style={{ minWidth: 0 }}>
              <Title order={1} size="h3" id={`${formId}-title`}>
                {type.name}
              </Title>
              {type.description && (
                <Text size="sm" c="dimmed">
                  {type.description}
                </Text>
              )}
            </Stack>
          </Group>
          {type.helpText && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {type.helpText}
            </Text>
          )}
          {formError !== null && (
            <Alert
              color="red"
              variant="light"
              title="The request was not sent"
              icon={<IconAlertTriangle aria-hidden />}
            >
              {errorMessage(formError)}
            </Alert>
          )}
          <Text size="xs" c="dimmed">
            Required fields are marked with an asterisk *
          </Text>
          {type.fields.map((field) => (
            <RequestFieldInput
              key={field.field}
              id={inputId(field.field)}
              field={field}
              value={values[field.field]}
              onChange={(v) => setValue(field.field, v)}
              error={errors[field.field]}
              disabled={create.isPending}
              context={
                field.type === 'object'
                  ? encodeObjectContext(objectContextValues(type.fields, values), field.name, field.dependsOn)
                  : undefined
              }
              fieldLabels={field.type === 'object' ? labels : undefined}
            />
          ))}
          {type.canRaiseOnBehalf && (
            <OnBehalfInput
              id={inputId(ON_BEHALF_FIELD)}
              value={onBehalf}
              onChange={(v) => {
                setOnBehalf(v);
                if (errors[ON_BEHALF_FIELD]) setErrors(({ [ON_BEHALF_FIELD]: _removed, ...rest }) => rest);
              }}
              error={errors[ON_BEHALF_FIELD]}
              disabled={create.isPending}
            />
          )}
          <Group gap="sm" justify="flex-end">
            <Button variant="subtle" color="gray" component={Link} to={paths.portalHome(type.portalId)}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} leftSection={<IconSend size={16} aria-hidden />}>
              Send
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function FormSkeleton() {
  return (
    <Stack gap="md" role="status" aria-label="Loading the form">
      <Skeleton height={14} width={260} />
      <Paper withBorder radius="md" p="xl">
        <Group gap="md" mb="lg">
          <Skeleton height={44} width={44} radius="md" />
          <Skeleton height={24} width="50%" />
        </Group>
        {[0, 1, 2, 3].map((i) => (
          <Stack key={i} gap={6} mb="lg">
            <Skeleton height={12} width={180} />
            <Skeleton height={36} />
          </Stack>
        ))}
      </Paper>
    </Stack>
  );
}
