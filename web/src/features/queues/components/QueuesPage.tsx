import { Badge, Group, NavLink, Paper, Stack, Text, Title } from '@mantine/core';
import { IconStar, IconStack2 } from '@tabler/icons-react';
import { Link, useParams } from 'react-router-dom';
import type { Queue } from '@/api/types';
import { EmptyState } from '@/components/EmptyState';
import { PageError } from '@/components/PageError';
import { PageLoader } from '@/components/PageLoader';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { formatQueueCount, useQueues } from '../api/queues';

/** /projects/:projectKey/queues — the project's queues with live counts (placeholder view). */
export function QueuesPage() {
  const { projectKey = '' } = useParams();
  usePageTitle(`Queues · ${projectKey}`);
  const queues = useQueues(projectKey);

  if (queues.isPending) return <PageLoader variant="skeleton" label="Loading queues" />;
  if (queues.isError) return <PageError error={queues.error} onRetry={() => void queues.refetch()} />;

  const starred = queues.data.filter((q) => q.starred);
  const groups: [string, Queue[]][] = [
    ['Starred', starred],
    ['Team priority', queues.data.filter((q) => q.group === 'Team priority')],
    ['Other', queues.data.filter((q) => q.group === 'Other')],
  ];

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Queues
      </Title>
      {queues.data.length === 0 ? (
        <EmptyState title="No queues yet" description="A project administrator can create queues." />
      ) : (
        groups
          .filter(([, list]) => list.length > 0)
          .map(([group, list]) => (
            <Paper key={group} withBorder p="xs" component="section" aria-label={group}>
              <Text fw={600} size="sm" px="xs" pb={4}>
                {group}
              </Text>
              {list.map((queue) => (
                <NavLink
                  key={queue.id}
                  component={Link}
                  to={paths.queue(projectKey, queue.id)}
                  label={queue.name}
                  leftSection={queue.starred ? <IconStar size={16} aria-label="Starred" /> : <IconStack2 size={16} aria-hidden />}
                  rightSection={
                    <Group gap={4}>
                      <Badge variant="light" color="gray" aria-label={`${formatQueueCount(queue)} issues`}>
                        {formatQueueCount(queue)}
                      </Badge>
                    </Group>
                  }
                />
              ))}
            </Paper>
          ))
      )}
    </Stack>
  );
}
