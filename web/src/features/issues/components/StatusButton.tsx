import { Button, Group, Loader, Menu, Text } from '@mantine/core';
import { IconArrowRight, IconChevronDown } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiError } from '@/api/client';
import type { AvailableTransition, Issue } from '@/api/types';
import { errorMessage } from '@/components/PageError';
import { StatusBadge, statusColor } from '@/components/StatusBadge';
import { useTransitionIssue, useTransitions } from '../api/transitions';
import { TransitionDialog } from './TransitionDialog';

export interface StatusButtonProps {
  issue: Issue;
  /** Agents and administrators of the project may move the issue */
  canTransition: boolean;
  /** A failed transition's message (null clears it) */
  onError: (error: { transition: string; message: string } | null) => void;
}

interface DialogState {
  transition: AvailableTransition;
  /** A field a validator asked for that the transition did not announce */
  extraFields: string[];
  error?: unknown;
}

/**
 * The status as a button coloured by its category; it opens the transitions available now
 * (GET .../transitions). One without required fields runs at once; one with a validator's
 * required fields (or whose POST answers 422 for a field) opens a small dialog for them.
 */
export function StatusButton({ issue, canTransition, onError }: StatusButtonProps) {
  const transitions = useTransitions(issue.key, canTransition);
  const transition = useTransitionIssue(issue.key);
  const [dialog, setDialog] = useState<DialogState | null>(null);
  const status = issue.status;
  const name = status?.name ?? 'No status';

  const run = (t: AvailableTransition) => {
    onError(null);
    if (t.requiredFields.length > 0) {
      setDialog({ transition: t, extraFields: [] });
      return;
    }
    transition.mutate(
      { id: t.id },
      {
        onError: (error) => {
          if (isApiError(error) && error.status === 422 && error.field) {
            setDialog({ transition: t, extraFields: [error.field], error });
          } else {
            onError({ transition: t.name, message: errorMessage(error) });
          }
        },
      },
    );
  };

  const list = transitions.data ?? [];
  return (
    <>
      <Menu position="bottom-start" shadow="md" width={280} withinPortal>
        <Menu.Target>
          <Button
            aria-label={`Status: ${name}`}
            color={status?.category === 'todo' || !status ? 'gray.3' : statusColor(status.category)}
            autoContrast
            variant="filled"
            rightSection={transition.isPending ? <Loader size={14} color="currentColor" /> : <IconChevronDown size={16} />}
            disabled={transition.isPending}
            style={{ textTransform: 'none' }}
          >
            {name}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Transitions</Menu.Label>
          {transitions.isPending && canTransition ? (
            <Menu.Item disabled leftSection={<Loader size={14} />}>
              Loading transitions…
            </Menu.Item>
          ) : transitions.isError ? (
            <Menu.Item disabled>{errorMessage(transitions.error)}</Menu.Item>
          ) : list.length === 0 ? (
            <Menu.Item disabled>No transitions available</Menu.Item>
          ) : (
            list.map((t) => (
              // A transition a guard would refuse now (a pending approval, a freeze window) is
              // shown disabled with the server's reason.
              <Menu.Item
                key={t.id}
                aria-label={t.name}
                onClick={() => run(t)}
                disabled={Boolean(t.blocked)}
                title={t.blocked?.message}
              >
                <Group gap={8} wrap="nowrap" justify="space-between">
                  <Text size="sm" fw={500}>
                    {t.name}
                  </Text>
                  <Group gap={4} wrap="nowrap">
                    <IconArrowRight size={14} aria-hidden color="var(--mantine-color-gray-6)" />
                    <StatusBadge status={t.to} size="xs" />
                  </Group>
                </Group>
                {t.blocked && (
                  <Text size="xs" c="dimmed" mt={2}>
                    {t.blocked.message}
                  </Text>
                )}
              </Menu.Item>
            ))
          )}
        </Menu.Dropdown>
      </Menu>
      {dialog && (
        <TransitionDialog
          issue={issue}
          transition={dialog.transition}
          extraFields={dialog.extraFields}
          initialError={dialog.error}
          onClose={() => setDialog(null)}
        />
      )}
    </>
  );
}
