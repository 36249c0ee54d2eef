import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconArrowRight } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { isApiError } from '@/api/client';
import type { AvailableTransition, Issue, IssuePatch } from '@/api/types';
import { useProject } from '@/api/projects';
import { errorMessage } from '@/components/PageError';
import { StatusBadge } from '@/components/StatusBadge';
import { findCustomField, useCustomFields, usePriorities, useResolutions } from '../api/config';
import { updateIssue } from '../api/issue';
import { useTransitionIssue } from '../api/transitions';
import type { EditorDef, FieldFormValue } from '../lib/fieldValues';
import { customFieldDef, fieldLabel, isEmptyFormValue, toApiInput, toFormValue } from '../lib/fieldValues';
import { FieldInput } from './FieldInput';

/** Where a field of the transition screen goes in the requests. */
type Target = { kind: 'custom'; name: string } | { kind: 'resolution' } | { kind: 'system'; patchKey: keyof IssuePatch };

interface ScreenField {
  id: string;
  def: EditorDef;
  target: Target;
  initial: FieldFormValue;
}

export interface TransitionDialogProps {
  issue: Issue;
  transition: AvailableTransition;
  extraFields?: readonly string[];
  initialError?: unknown;
  onClose: () => void;
}

/**
 * The fields a transition's validators require (AvailableTransition.requiredFields), filled in
 * before the transition runs. Custom fields and the resolution travel with the transition
 * (TransitionRequest.fields / .resolution); system fields are saved by a PATCH first, since the
 * transition request does not take them.
 */
export function TransitionDialog({ issue, transition, extraFields = [], initialError, onClose }: TransitionDialogProps) {
  const customFields = useCustomFields();
  const priorities = usePriorities();
  const resolutions = useResolutions();
  const project = useProject(issue.project.key);
  const run = useTransitionIssue(issue.key);

  const screen = useMemo<ScreenField[]>(() => {
    const names = [...new Set([...transition.requiredFields, ...extraFields].map((n) => n.replace(/^fields\./, '')))];
    return names.map((name, i) => screenField(name, i));

    function screenField(name: string, i: number): ScreenField {
      const id = `transition-field-${i}`;
      const lower = name.toLowerCase();
      const custom = customFields.data ? findCustomField(customFields.data, name) : undefined;
      if (custom) {
        const current = Object.entries(issue.fields).find(([n]) => n.toLowerCase() === custom.name.toLowerCase())?.[1];
        const def = { ...customFieldDef(custom), required: true };
        return { id, def, target: { kind: 'custom', name: custom.name }, initial: toFormValue(def.type, current) };
      }
      const system = (def: Omit<EditorDef, 'label' | 'required'>, patchKey: keyof IssuePatch, value: unknown): ScreenField => {
        const full: EditorDef = { ...def, label: fieldLabel(name), required: true };
        return { id, def: full, target: { kind: 'system', patchKey }, initial: toFormValue(full.type, value) };
      };
      switch (lower) {
        case 'resolution':
          return {
            id,
            def: {
              label: 'Resolution',
              type: 'select',
              required: true,
              options: (resolutions.data ?? []).map((r) => ({ value: r.name })),
            },
            target: { kind: 'resolution' },
            initial: issue.resolution?.name ?? '',
          };
        case 'assignee':
          return system({ type: 'user' }, 'assignee', issue.assignee);
        case 'reporter':
          return system({ type: 'user' }, 'reporter', issue.reporter);
        case 'priority':
          return system({ type: 'select', options: (priorities.data ?? []).map((p) => ({ value: p.name })) }, 'priority', issue.priority);
        case 'duedate':
          return system({ type: 'date' }, 'dueDate', issue.dueDate);
        case 'labels':
          return system({ type: 'labels' }, 'labels', issue.labels);
        case 'components':
          return system(
            { type: 'multiselect', options: (project.data?.components ?? []).map((c) => ({ value: c.name })) },
            'components',
            issue.components,
          );
        case 'description':
          return system({ type: 'paragraph' }, 'description', issue.description);
        case 'summary':
          return system({ type: 'text' }, 'summary', issue.summary);
        case 'requestparticipants':
          return system({ type: 'multiuser' }, 'requestParticipants', issue.requestParticipants);
        case 'approvers':
          return system({ type: 'multiuser' }, 'approvers', issue.approvers);
        case 'organizations':
          return system({ type: 'labels' }, 'organizations', issue.organizations);
        default:
          return { id, def: { label: name, type: 'text', required: true }, target: { kind: 'custom', name }, initial: '' };
      }
    }
  }, [transition, extraFields, customFields.data, priorities.data, resolutions.data, project.data, issue]);

  const [values, setValues] = useState<Record<string, FieldFormValue>>({});
  const [comment, setComment] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>(() => initialFieldError(initialError, screen));
  const [formError, setFormError] = useState<string | null>(() =>
    initialError && Object.keys(initialFieldError(initialError, screen)).length === 0 ? errorMessage(initialError) : null,
  );
  const [saving, setSaving] = useState(false);
  const valueOf = (f: ScreenField) => (f.id in values ? (values[f.id] ?? null) : f.initial);

  const submit = async () => {
    const missing: Record<string, string> = {};
    for (const f of screen) if (isEmptyFormValue(valueOf(f))) missing[f.id] = `${f.def.label} is required`;
    setFieldErrors(missing);
    setFormError(null);
    if (Object.keys(missing).length > 0) return;

    const patch: Record<string, unknown> = {};
    const fields: Record<string, unknown> = {};
    let resolution: string | undefined;
    for (const f of screen) {
      const input = toApiInput(f.def.type, valueOf(f));
      if (f.target.kind === 'custom') fields[f.target.name] = input;
      else if (f.target.kind === 'resolution') resolution = String(input);
      else patch[f.target.patchKey] = input;
    }
    setSaving(true);
    try {
      if (Object.keys(patch).length > 0) await updateIssue(issue.key, patch as IssuePatch);
      await run.mutateAsync({
        id: transition.id,
        ...(Object.keys(fields).length > 0 ? { fields } : {}),
        ...(resolution ? { resolution } : {}),
        ...(comment.trim() ? { comment: { body: comment, internal: true } } : {}),
      });
      onClose();
    } catch (error) {
      const mapped = initialFieldError(error, screen);
      if (Object.keys(mapped).length > 0) setFieldErrors(mapped);
      else setFormError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={transition.name} size="md" centered>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <Group gap={6}>
            <Text size="sm" c="dimmed">
              {issue.key}
            </Text>
            <StatusBadge status={issue.status} size="xs" />
            <IconArrowRight size={14} aria-hidden />
            <StatusBadge status={transition.to} size="xs" />
          </Group>
          {formError && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
              {formError}
            </Alert>
          )}
          {screen.map((f) => (
            <FieldInput
              key={f.id}
              id={f.id}
              def={f.def}
              value={valueOf(f)}
              onChange={(v) => setValues((prev) => ({ ...prev, [f.id]: v }))}
              error={fieldErrors[f.id]}
              withDescription
            />
          ))}
          <Textarea
            label="Internal note (optional)"
            autosize
            minRows={2}
            maxRows={8}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              {transition.name}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A validator's 422 (or a 400 for a field) shown on the field it names. */
function initialFieldError(error: unknown, screen: readonly ScreenField[]): Record<string, string> {
  if (!isApiError(error) || !error.field) return {};
  const name = error.field.replace(/^fields\./, '').toLowerCase();
  const field = screen.find(
    (f) =>
      f.def.label.toLowerCase() === name ||
      (f.target.kind === 'system' && f.target.patchKey.toLowerCase() === name) ||
      (f.target.kind === 'custom' && f.target.name.toLowerCase() === name) ||
      (f.target.kind === 'resolution' && name === 'resolution'),
  );
  return field ? { [field.id]: error.message } : {};
}
