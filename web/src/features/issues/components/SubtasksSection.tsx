import { ActionIcon, Anchor, Group, Paper, Progress, Text, Tooltip } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import type { Issue } from '@/api/types';
import { StatusBadge } from '@/components/StatusBadge';
import { paths } from '@/lib/paths';
import classes from './IssuePage.module.css';
import { IssueTypeIcon } from '@/components/IssueTypeIcon';
import { Section } from './Section';

/** Sub-tasks with a "N% Done" progress bar (Issue.subtaskProgress) and their statuses. */
export function SubtasksSection({
  issue,
  canEdit,
  onCreate,
}: {
  issue: Issue;
  canEdit: boolean;
  onCreate: () => void;
}) {
  const { done, total, percent } = issue.subtaskProgress;
  return (
    <Section
      title="Sub-tasks"
      actions={
        canEdit && (
          <Tooltip label="Create sub-task">
            <ActionIcon variant="subtle" color="gray" aria-label="Create sub-task" onClick={onCreate}>
              <IconPlus size={18} />
            </ActionIcon>
          </Tooltip>
        )
      }
    >
      <Group gap="sm" wrap="nowrap" mb="xs">
        <Progress
          value={percent}
          color="green"
          size="md"
          radius="xl"
          style={{ flex: 1 }}
          aria-label={`Sub-tasks: ${done} of ${total} done`}
        />
        <Text size="sm" fw={600} c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {percent}% Done
        </Text>
      </Group>
      <Paper withBorder radius="sm">
        <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label="Sub-tasks">
          {issue.subtasks.map((sub) => (
            <li key={sub.key} className={classes.linkRow}>
              <IssueTypeIcon name="Sub-task" size={18} />
              <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
                <Anchor component={Link} to={paths.issue(sub.key)} size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                  {sub.key}
                </Anchor>
                <Text size="sm" truncate>
                  {sub.summary}
                </Text>
              </Group>
              <StatusBadge status={sub.status} size="xs" />
              <span />
            </li>
          ))}
        </ul>
      </Paper>
    </Section>
  );
}
