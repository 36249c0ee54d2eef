import {
  Alert,
  Anchor,
  Box,
  Button,
  Checkbox,
  Divider,
  Group,
  Modal,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { ComboboxItem, ComboboxLikeRenderOptionInput } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '@/api/client';
import { defaultProject, useProjects } from '@/api/projects';
import { useCurrentUser } from '@/api/session';
import type { IssueCreate, Project, User, UserRef } from '@/api/types';
import { errorMessage } from '@/components/PageError';
import { PriorityIcon } from '@/components/PriorityIcon';
import type { CreateIssueDialogProps, CreateIssueRequest } from '@/lib/createIssue';
import { paths } from '@/lib/paths';
import { fieldsForType, findCustomField, useCustomFields, useIssueTypes, usePriorities } from '../api/config';
import { useCreateIssueMutation } from '../api/createIssue';
import type { CustomField, IssueType } from '../api/types';
import type { EditorDef, FieldFormValue } from '../lib/fieldValues';

import { customFieldDef, emptyFormValue, isEmptyFormValue, objectContextValues, toApiInput } from '../lib/fieldValues';
import { encodeObjectContext } from '@/lib/objectValues';
import { FieldInput } from './FieldInput';
import { IssueTypeIcon } from '@/components/IssueTypeIcon';
import { UserPicker } from '@/components/UserPicker';
import { COMBOBOX_PROPS } from '@/lib/comboboxProps';

/** The create-issue dialog that app/ mounts (lazily) in the CreateIssueProvider. */
export function CreateIssueDialog({ opened, request, onClose }: CreateIssueDialogProps) {
  const phone = useMediaQuery('(max-width: 48em)');
  // A fresh form each time the dialog opens (the request may differ: a sub-task, a project).
  const [session, setSession] = useState(0);
  useEffect(() => {
    if (opened) setSession((s) => s + 1);
  }, [opened]);

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Create issue"
      size="xl"
      fullScreen={phone}
      closeOnClickOutside={false}
      styles={{ title: { fontWeight: 600, fontSize: 'var(--mantine-font-size-lg)' }, body: { paddingBottom: 0 } }}
    >
      <CreateIssueForm key={session} request={request} onClose={onClose} />
    </Modal>
  );
}

/** Projects the user may create issues in from the workspace: agent or administrator roles. */
function creatableProjects(projects: readonly Project[], me: User): Project[] {
  if (me.kind === 'admin') return [...projects];
  return projects.filter((p) => !p.myRoles || p.myRoles.includes('agent') || p.myRoles.includes('administrator'));
}

const SYSTEM_FIELDS = ['project', 'issueType', 'summary', 'description', 'priority', 'assignee', 'labels', 'components', 'dueDate'] as const;
type SystemField = (typeof SYSTEM_FIELDS)[number];

const fieldId = (name: string) => `create-issue-${name.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`;

function CreateIssueForm({ request, onClose }: { request: CreateIssueRequest; onClose: () => void }) {
  const me = useCurrentUser();
  const navigate = useNavigate();
  const projects = useProjects();
  const issueTypes = useIssueTypes();
  const priorities = usePriorities();
  const customFields = useCustomFields();
  const create = useCreateIssueMutation();
  const summaryRef = useRef<HTMLInputElement>(null);

  const allowedProjects = useMemo(() => creatableProjects(projects.data ?? [], me), [projects.data, me]);
  const typeOptions = useMemo(
    () => (issueTypes.data ?? []).filter((t) => (request.parentKey ? t.subtask : !t.subtask)),
    [issueTypes.data, request.parentKey],
  );

  const [projectKey, setProjectKey] = useState<string | null>(request.projectKey?.toUpperCase() ?? null);
  const [typeName, setTypeName] = useState<string | null>(request.issueType ?? null);
  const [summary, setSummary] = useState(request.summary ?? '');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState<string | null>('Medium');
  const [assignee, setAssignee] = useState<UserRef | null>(null);
  const [labels, setLabels] = useState<FieldFormValue>([]);
  const [components, setComponents] = useState<FieldFormValue>([]);
  const [dueDate, setDueDate] = useState<FieldFormValue>('');
  const [custom, setCustom] = useState<Record<string, FieldFormValue>>({});
  const [errors, setErrors] = useState<Partial<Record<SystemField, string>>>({});
  const [customErrors, setCustomErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [createAnother, setCreateAnother] = useState(false);

  // Defaults once the lists are there: the requested (or usual) project and type.
  const project = allowedProjects.find((p) => p.key === projectKey);
  useEffect(() => {
    if (!projects.data) return;
    if (!projectKey || !allowedProjects.some((p) => p.key === projectKey)) {
      setProjectKey(defaultProject(allowedProjects)?.key ?? null);
    }
  }, [projects.data, allowedProjects, projectKey]);
  const issueType: IssueType | undefined = typeOptions.find((t) => t.name.toLowerCase() === (typeName ?? '').toLowerCase());
  useEffect(() => {
    if (!issueTypes.data) return;
    if (!issueType) setTypeName(typeOptions[0]?.name ?? null);
  }, [issueTypes.data, issueType, typeOptions]);

  const typeFields: CustomField[] = useMemo(
    () => fieldsForType(customFields.data ?? [], issueType?.name),
    [customFields.data, issueType?.name],
  );

  const resetForAnother = () => {
    setSummary('');
    setDescription('');
    setCustom({});
    setLabels([]);
    setDueDate('');
    setErrors({});
    setCustomErrors({});
    setFormError(null);
    summaryRef.current?.focus();
  };

  const showError = (error: unknown) => {
    const field = isApiError(error) ? error.field?.replace(/\[\d+\]$/, '') : undefined;
    const message = errorMessage(error);
    if (field) {
      const system = SYSTEM_FIELDS.find((f) => f.toLowerCase() === field.toLowerCase());
      if (system) {
        setErrors({ [system]: message });
        focusLater(fieldId(system));
        return;
      }
      const cf = findCustomField(typeFields, field);
      if (cf) {
        setCustomErrors({ [cf.name]: message });
        focusLater(fieldId(`cf-${cf.id}`));
        return;
      }
    }
    setFormError(message);
  };

  const submit = () => {
    const missing: Partial<Record<SystemField, string>> = {};
    if (!projectKey) missing.project = 'Choose a project';
    if (!issueType) missing.issueType = 'Choose an issue type';
    if (!summary.trim()) missing.summary = 'Summary is required';
    setErrors(missing);
    setCustomErrors({});
    setFormError(null);
    if (!projectKey || !issueType || missing.summary) {
      if (missing.summary) summaryRef.current?.focus();
      return;
    }

    const body: IssueCreate = { project: projectKey, issueType: issueType.name, summary: summary.trim() };
    if (description.trim()) body.description = description;
    if (priority) body.priority = priority;
    if (assignee) body.assignee = assignee.username;
    if (Array.isArray(labels) && labels.length > 0) body.labels = labels as string[];
    if (Array.isArray(components) && components.length > 0) body.components = components as string[];
    if (typeof dueDate === 'string' && dueDate) body.dueDate = dueDate;
    if (request.parentKey) body.parent = request.parentKey.toUpperCase();
    const fields: Record<string, unknown> = {};
    for (const f of typeFields) {
      const value = custom[f.name];
      if (value !== undefined && !isEmptyFormValue(value)) {
        fields[f.name] = toApiInput(f.type, value, { multiple: f.multiple ?? false });
      }
    }
    if (Object.keys(fields).length > 0) body.fields = fields;

    create.mutate(body, {
      onSuccess: (issue) => {
        const id = `created-${issue.key}`;
        notifications.show({
          id,
          color: 'green',
          title: `${issue.key} created`,
          message: (
            <Anchor
              href={paths.issue(issue.key)}
              size="sm"
              onClick={(e) => {
                e.preventDefault();
                notifications.hide(id);
                navigate(paths.issue(issue.key));
              }}
            >
              {issue.key} {issue.summary}
            </Anchor>
          ),
        });
        if (createAnother) {
          resetForAnother();
        } else {
          onClose();
          navigate(paths.issue(issue.key));
        }
      },
      onError: showError,
    });
  };

  const loading = projects.isPending || issueTypes.isPending;
  const loadError = projects.error ?? issueTypes.error;

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="md" pb="md">
        {loadError && (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} />}>
            {errorMessage(loadError)}
          </Alert>
        )}
        {formError && (
          <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} />} title="The issue was not created">
            {formError}
          </Alert>
        )}
        <Text size="sm" c="dimmed">
          Required fields are marked with an asterisk <Text span c="red">*</Text>
        </Text>
        <Group grow align="flex-start" gap="md" wrap="wrap" preventGrowOverflow={false}>
          <Select
            id={fieldId('project')}
            label="Project"
            withAsterisk
            data={allowedProjects.map((p) => ({ value: p.key, label: `${p.name} (${p.key})` }))}
            value={projectKey}
            onChange={(v) => {
              setProjectKey(v);
              setComponents([]);
            }}
            allowDeselect={false}
            disabled={!!request.parentKey}
            placeholder={loading ? 'Loading…' : 'Choose a project'}
            error={errors.project}
            style={{ flex: '1 1 220px' }}
            comboboxProps={COMBOBOX_PROPS}
          />
          <Select
            id={fieldId('issueType')}
            label="Issue type"
            withAsterisk
            data={typeOptions.map((t) => ({ value: t.name, label: t.name }))}
            value={issueType?.name ?? null}
            onChange={(v) => {
              setTypeName(v);
              setCustomErrors({});
            }}
            allowDeselect={false}
            leftSection={issueType ? <IssueTypeIcon name={issueType.name} size={18} /> : undefined}
            renderOption={({ option }: ComboboxLikeRenderOptionInput<ComboboxItem>) => {
              const t = typeOptions.find((x) => x.name === option.value);
              return (
                <Group gap="xs" wrap="nowrap">
                  <IssueTypeIcon name={option.value} size={18} />
                  <div>
                    <Text size="sm">{option.label}</Text>
                    {t?.description && (
                      <Text size="xs" c="dimmed">
                        {t.description}
                      </Text>
                    )}
                  </div>
                </Group>
              );
            }}
            placeholder={loading ? 'Loading…' : 'Choose a type'}
            error={errors.issueType}
            style={{ flex: '1 1 220px' }}
            comboboxProps={COMBOBOX_PROPS}
          />
        </Group>
        {request.parentKey && (
          <Text size="sm">
            Sub-task of <strong>{request.parentKey.toUpperCase()}</strong>
          </Text>
        )}
        {issueType?.description && (
          <Text size="xs" c="dimmed" mt={-8}>
            {issueType.description}
          </Text>
        )}
        <Divider />
        <TextInput
          ref={summaryRef}
          id={fieldId('summary')}
          label="Summary"
          withAsterisk
          maxLength={255}
          value={summary}
          onChange={(e) => {
            setSummary(e.currentTarget.value);
            if (errors.summary) setErrors((x) => ({ ...x, summary: undefined }));
          }}
          error={errors.summary}
          data-autofocus
        />
        <Textarea
          id={fieldId('description')}
          label="Description"
          autosize
          minRows={4}
          maxRows={14}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
          error={errors.description}
        />
        <Group grow align="flex-start" gap="md" wrap="wrap" preventGrowOverflow={false}>
          <Select
            id={fieldId('priority')}
            label="Priority"
            data={(priorities.data ?? []).map((p) => p.name)}
            value={priority}
            onChange={setPriority}
            leftSection={priority ? <PriorityIcon priority={{ name: priority }} size={16} /> : undefined}
            renderOption={({ option }: ComboboxLikeRenderOptionInput<ComboboxItem>) => (
              <Group gap="xs" wrap="nowrap">
                <PriorityIcon priority={{ name: option.value }} size={16} />
                <Text size="sm">{option.label}</Text>
              </Group>
            )}
            error={errors.priority}
            style={{ flex: '1 1 200px' }}
            comboboxProps={COMBOBOX_PROPS}
          />
          <Box style={{ flex: '1 1 200px' }}>
            <UserPicker
              id={fieldId('assignee')}
              label="Assignee"
              assignable
              value={assignee}
              onChange={setAssignee}
              placeholder="Unassigned"
              error={errors.assignee}
            />
            {assignee?.username !== me.username && (
              <Anchor component="button" type="button" size="xs" onClick={() => setAssignee(me)}>
                Assign to me
              </Anchor>
            )}
          </Box>
        </Group>
        <Group grow align="flex-start" gap="md" wrap="wrap" preventGrowOverflow={false}>
          <Box style={{ flex: '1 1 200px' }}>
            <FieldInput
              id={fieldId('labels')}
              def={{ label: 'Labels', type: 'labels' }}
              value={labels}
              onChange={setLabels}
              error={errors.labels}
            />
          </Box>
          <Box style={{ flex: '1 1 200px' }}>
            <FieldInput
              id={fieldId('components')}
              def={{
                label: 'Components',
                type: 'multiselect',
                options: (project?.components ?? []).map((c) => ({ value: c.name })),
              }}
              value={components}
              onChange={setComponents}
              error={errors.components}
            />
          </Box>
        </Group>
        <Box maw={260}>
          <FieldInput
            id={fieldId('dueDate')}
            def={{ label: 'Due date', type: 'date' }}
            value={dueDate}
            onChange={setDueDate}
            error={errors.dueDate}
          />
        </Box>

        {typeFields.length > 0 && (
          <>
            <Divider label={`${issueType?.name ?? ''} fields`} labelPosition="left" />
            {typeFields.map((f) => (
              <FieldInput
                key={f.id}
                id={fieldId(`cf-${f.id}`)}
                def={withFormContext(customFieldDef(f), typeFields, custom)}
                value={custom[f.name] ?? emptyFormValue(f.type)}
                onChange={(v) => {
                  setCustom((c) => ({ ...c, [f.name]: v }));
                  if (customErrors[f.name]) setCustomErrors((x) => ({ ...x, [f.name]: '' }));
                }}
                error={customErrors[f.name] || undefined}
                withDescription
              />
            ))}
          </>
        )}
      </Stack>
      <Group
        justify="space-between"
        gap="sm"
        py="sm"
        style={{
          position: 'sticky',
          bottom: 0,
          background: 'var(--mantine-color-body)',
          borderTop: '1px solid var(--mantine-color-gray-3)',
          zIndex: 2,
        }}
      >
        <Checkbox
          label="Create another"
          checked={createAnother}
          onChange={(e) => setCreateAnother(e.currentTarget.checked)}
        />
        <Group gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending} disabled={loading}>
            Create
          </Button>
        </Group>
      </Group>
    </form>
  );
}

/** An object field's picker gets the form's other answers (its scope may depend on them). */
function withFormContext(def: EditorDef, fields: readonly CustomField[], values: Record<string, FieldFormValue>): EditorDef {
  if (!def.object) return def;
  const context = encodeObjectContext(objectContextValues(fields, values, true), def.label, def.object.dependsOn);
  return { ...def, object: { ...def.object, context } };
}

function focusLater(id: string) {
  requestAnimationFrame(() => {
    const el = document.getElementById(id);
    el?.focus();
    el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  });
}
