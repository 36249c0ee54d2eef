import { Anchor, Divider, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCalendarDue, IconTicket } from '@tabler/icons-react';
import type { Issue, IssuePatch, User } from '@/api/types';
import { useProject } from '@/api/projects';
import { PriorityIcon } from '@/components/PriorityIcon';
import { RelativeTime } from '@/components/RelativeTime';
import { StatusBadge } from '@/components/StatusBadge';
import { findCustomField, useCustomFields, useOrganizations, usePriorities } from '../api/config';
import { useUpdateIssue } from '../api/issue';
import { useIssueRequest } from '../api/request';
import type { EditorDef } from '../lib/fieldValues';
import { isDetailField } from '../lib/changeFields';
import { customFieldDef, formatDate, isPastDate, objectContextValues, toFormValue } from '../lib/fieldValues';
import { encodeObjectContext } from '@/lib/objectValues';
import type { DetailEditor } from './DetailRow';
import { DetailRow } from './DetailRow';
import { BadgeList, FieldValue, None, UserLine, UserList } from './FieldValue';

export interface DetailsPanelProps {
  issue: Issue;
  canEdit: boolean;
  me: User;
}

/**
 * The right column: every field of the issue, editable in place for agents (a change's plans
 * are in the main column instead).
 */
export function DetailsPanel({ issue, canEdit, me }: DetailsPanelProps) {
  const update = useUpdateIssue(issue.key);
  const customFields = useCustomFields();
  const priorities = usePriorities();
  const project = useProject(issue.project.key);
  const request = useIssueRequest(issue.key);
  const organizations = useOrganizations(canEdit);

  const save = (patch: IssuePatch) => update.mutateAsync(patch);
  /** An editor for agents, nothing for everyone else. */
  const edit = (def: EditorDef, value: unknown, onSave: (v: unknown) => Promise<unknown>): DetailEditor | undefined =>
    canEdit ? { def, initial: toFormValue(def.type, value), onSave } : undefined;

  const priorityOptions = (priorities.data ?? []).map((p) => ({ value: p.name }));
  const componentOptions = (project.data?.components ?? []).map((c) => ({ value: c.name }));
  const organizationOptions = (organizations.data ?? []).map((o) => ({ value: o.name }));
  const requestType = request.data?.requestType;
  const isChange = issue.issueType?.name === 'Change';

  return (
    <Paper component="aside" role="complementary" aria-label="Details" withBorder radius="md">
      <Group px="md" py="sm" justify="space-between">
        <Title order={2} size="h5">
          Details
        </Title>
      </Group>
      <Divider />
      <Stack gap={0} p={6}>
        <DetailRow label="Status">
          <Group gap={6}>
            <StatusBadge status={issue.status} />
            {issue.resolution && (
              <Text size="xs" c="dimmed">
                Resolution: {issue.resolution.name}
              </Text>
            )}
          </Group>
        </DetailRow>
        <DetailRow
          label="Assignee"
          editor={edit({ label: 'Assignee', type: 'user', assignable: true }, issue.assignee, (v) =>
            save({ assignee: (v as string | null) ?? null }),
          )}
          footer={
            canEdit && issue.assignee?.username !== me.username ? (
              <Anchor
                component="button"
                type="button"
                size="xs"
                onClick={() => void update.mutateAsync({ assignee: me.username }).catch(() => {})}
                disabled={update.isPending}
              >
                Assign to me
              </Anchor>
            ) : undefined
          }
        >
          <UserLine user={issue.assignee} fallback="Unassigned" />
        </DetailRow>
        <DetailRow
          label="Reporter"
          editor={edit({ label: 'Reporter', type: 'user', required: true }, issue.reporter, (v) =>
            save({ reporter: v as string }),
          )}
        >
          <UserLine user={issue.reporter} />
        </DetailRow>
        {requestType && (
          <DetailRow label="Request type">
            <Group gap={6} wrap="nowrap">
              <ThemeIcon size="sm" variant="light" radius="sm" aria-hidden>
                <IconTicket size={14} />
              </ThemeIcon>
              <Text size="sm">{requestType.name}</Text>
            </Group>
          </DetailRow>
        )}
        <DetailRow
          label="Priority"
          editor={edit({ label: 'Priority', type: 'select', options: priorityOptions, required: true }, issue.priority, (v) =>
            save({ priority: (v as string | null) ?? null }),
          )}
        >
          <Group gap={6} wrap="nowrap">
            <PriorityIcon priority={issue.priority} />
            <Text size="sm">{issue.priority?.name ?? 'None'}</Text>
          </Group>
        </DetailRow>
        <DetailRow
          label="Request participants"
          editor={edit({ label: 'Request participants', type: 'multiuser' }, issue.requestParticipants, (v) =>
            save({ requestParticipants: v as string[] }),
          )}
        >
          <UserList users={issue.requestParticipants} />
        </DetailRow>
        <DetailRow
          label="Organizations"
          editor={edit(
            { label: 'Organizations', type: 'multiselect', options: organizationOptions },
            issue.organizations,
            (v) => save({ organizations: v as string[] }),
          )}
        >
          <BadgeList values={issue.organizations} />
        </DetailRow>
        {(isChange || issue.approvers.length > 0) && (
          <DetailRow
            label="Approvers"
            editor={edit({ label: 'Approvers', type: 'multiuser' }, issue.approvers, (v) =>
              save({ approvers: v as string[] }),
            )}
          >
            <UserList users={issue.approvers} />
          </DetailRow>
        )}
        <DetailRow
          label="Labels"
          editor={edit({ label: 'Labels', type: 'labels' }, issue.labels, (v) => save({ labels: v as string[] }))}
        >
          <BadgeList values={issue.labels} />
        </DetailRow>
        <DetailRow
          label="Components"
          editor={edit({ label: 'Components', type: 'multiselect', options: componentOptions }, issue.components, (v) =>
            save({ components: v as string[] }),
          )}
        >
          <BadgeList values={issue.components} />
        </DetailRow>
        <DetailRow
          label="Due date"
          editor={edit({ label: 'Due date', type: 'date' }, issue.dueDate, (v) => save({ dueDate: (v as string | null) ?? null }))}
        >
          {issue.dueDate ? (
            <Group gap={6} wrap="nowrap">
              <IconCalendarDue size={16} aria-hidden />
              <Text
                size="sm"
                component="time"
                dateTime={issue.dueDate}
                c={isPastDate(issue.dueDate) && issue.status?.category !== 'done' ? 'red.7' : undefined}
              >
                {formatDate(issue.dueDate)}
              </Text>
            </Group>
          ) : (
            <None />
          )}
        </DetailRow>

        {Object.entries(issue.fields)
          .filter(([name]) => isDetailField(issue, name))
          .map(([name, value]) => {
            const field = customFields.data ? findCustomField(customFields.data, name) : undefined;
            const def = field ? customFieldDef(field) : undefined;
            if (def?.object && customFields.data) {
              // An object field's choices may depend on the issue's other fields.
              def.object.context = encodeObjectContext(
                objectContextValues(customFields.data, issue.fields, false),
                name,
                def.object.dependsOn,
              );
            }
            return (
              <DetailRow
                key={name}
                label={name}
                editor={def ? edit(def, value, (v) => save({ fields: { [name]: v } })) : undefined}
              >
                <FieldValue type={def?.type} value={value} />
              </DetailRow>
            );
          })}
      </Stack>
      <Divider />
      <Stack gap={2} px="md" py="sm">
        <TimeLine label="Created" value={issue.created} />
        <TimeLine label="Updated" value={issue.updated} />
        {issue.resolved && <TimeLine label="Resolved" value={issue.resolved} />}
      </Stack>
    </Paper>
  );
}

function TimeLine({ label, value }: { label: string; value: string }) {
  return (
    <Text size="xs" c="dimmed">
      {label} <RelativeTime value={value} />
    </Text>
  );
}
