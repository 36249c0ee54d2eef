import { ActionIcon, Group, Stack, TextInput, Title, rem } from '@mantine/core';
import { IconCheck, IconPencil, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import type { Issue } from '@/api/types';
import { errorMessage } from '@/components/PageError';
import { useUpdateIssue } from '../api/issue';
import classes from './IssuePage.module.css';

/** The summary as the page heading; agents click it (or the pencil) to edit it in place. */
export function SummaryTitle({ issue, canEdit }: { issue: Issue; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(issue.summary);
  const [error, setError] = useState<string | null>(null);
  const update = useUpdateIssue(issue.key);

  const start = () => {
    setDraft(issue.summary);
    setError(null);
    setEditing(true);
  };
  const save = async () => {
    const summary = draft.trim();
    if (!summary) {
      setError('Summary is required');
      return;
    }
    if (summary === issue.summary) {
      setEditing(false);
      return;
    }
    try {
      await update.mutateAsync({ summary });
      setEditing(false);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  if (editing) {
    return (
      <Stack gap={4}>
        <TextInput
          aria-label="Summary"
          size="md"
          value={draft}
          maxLength={255}
          autoFocus
          error={error}
          disabled={update.isPending}
          onChange={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              void save();
            } else if (e.key === 'Escape') {
              setEditing(false);
            }
          }}
          styles={{ input: { fontSize: 'var(--mantine-h3-font-size)', fontWeight: 600 } }}
        />
        <Group gap={4} justify="flex-end">
          <ActionIcon variant="filled" aria-label="Confirm summary" onClick={() => void save()} loading={update.isPending}>
            <IconCheck size={16} />
          </ActionIcon>
          <ActionIcon variant="default" aria-label="Cancel editing summary" onClick={() => setEditing(false)}>
            <IconX size={16} />
          </ActionIcon>
        </Group>
      </Stack>
    );
  }

  return (
    <div className={classes.titleRow}>
      <Title
        order={1}
        fz={{ base: rem(20), sm: rem(24) }}
        className={`${classes.title} ${canEdit ? classes.titleEditable : ''}`}
        onClick={canEdit ? start : undefined}
      >
        {issue.summary}
      </Title>
      {canEdit && (
        <ActionIcon className={classes.editButton} variant="subtle" color="gray" aria-label="Edit summary" onClick={start} mt={4}>
          <IconPencil size={16} />
        </ActionIcon>
      )}
    </div>
  );
}
