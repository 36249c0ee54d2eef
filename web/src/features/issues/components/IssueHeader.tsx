import { Alert, Anchor, Badge, Box, Breadcrumbs, Button, Group, Stack, Text } from '@mantine/core';
import { IconFlame, IconLink, IconPaperclip, IconSubtask } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Issue, User } from '@/api/types';
import { paths } from '@/lib/paths';
import { AutomationMenu } from './AutomationMenu';
import { IssueActionsMenu } from './IssueActionsMenu';
import { IssueTypeIcon } from '@/components/IssueTypeIcon';
import { StatusButton } from './StatusButton';
import { SummaryTitle } from './SummaryTitle';
import { WatchButton } from './WatchButton';

export interface IssueHeaderProps {
  issue: Issue;
  me: User;
  canEdit: boolean;
  inPortal: boolean;
  onAttach: () => void;
  onLink: () => void;
  onCreateSubtask: () => void;
}

/** Breadcrumbs, the summary, and the action bar (status, attach, link, sub-task, automation, watch, more). */
export function IssueHeader({ issue, me, canEdit, inPortal, onAttach, onLink, onCreateSubtask }: IssueHeaderProps) {
  const [transitionError, setTransitionError] = useState<{ transition: string; message: string } | null>(null);

  return (
    <Stack gap="xs">
      <Box component="nav" aria-label="Breadcrumbs">
      <Breadcrumbs separator="/" separatorMargin={6}>
        <Anchor component={Link} to={paths.queues(issue.project.key)} size="sm">
          {issue.project.name}
        </Anchor>
        {issue.parent && (
          <Anchor component={Link} to={paths.issue(issue.parent.key)} size="sm" title={issue.parent.summary}>
            {issue.parent.key}
          </Anchor>
        )}
        <Group gap={6} wrap="nowrap">
          <IssueTypeIcon name={issue.issueType?.name} size={18} />
          <Anchor component={Link} to={paths.issue(issue.key)} size="sm" c="dimmed" aria-current="page">
            {issue.key}
          </Anchor>
        </Group>
      </Breadcrumbs>
      </Box>

      {issue.fields['Major incident'] === true && (
        <Group gap={6}>
          <Badge color="red" variant="filled" radius="sm" leftSection={<IconFlame size={12} aria-hidden />}>
            Major incident
          </Badge>
        </Group>
      )}
      <SummaryTitle issue={issue} canEdit={canEdit} />

      <Group justify="space-between" gap="xs" wrap="wrap">
        <Group gap="xs" wrap="wrap">
          <StatusButton issue={issue} canTransition={canEdit} onError={setTransitionError} />
          <Button variant="default" leftSection={<IconPaperclip size={16} />} onClick={onAttach} visibleFrom="sm">
            Attach
          </Button>
          {canEdit && (
            <Button variant="default" leftSection={<IconLink size={16} />} onClick={onLink} visibleFrom="sm">
              Link issue
            </Button>
          )}
          {canEdit && !issue.issueType?.subtask && (
            <Button variant="default" leftSection={<IconSubtask size={16} />} onClick={onCreateSubtask} visibleFrom="md">
              Create sub-task
            </Button>
          )}
        </Group>
        <Group gap="xs" wrap="nowrap">
          <AutomationMenu issueKey={issue.key} />
          <WatchButton issue={issue} me={me} />
          <IssueActionsMenu
            issue={issue}
            canEdit={canEdit}
            inPortal={inPortal}
            onAttach={onAttach}
            onLink={onLink}
            onCreateSubtask={onCreateSubtask}
          />
        </Group>
      </Group>

      {transitionError && (
        <Alert
          color="red"
          variant="light"
          role="alert"
          title={`Could not ${transitionError.transition.toLowerCase()} ${issue.key}`}
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setTransitionError(null)}
        >
          <Text size="sm">{transitionError.message}</Text>
        </Alert>
      )}
    </Stack>
  );
}
