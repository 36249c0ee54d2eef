import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { EmptyState } from '@/components/EmptyState';
import { IssueTable } from '@/components/IssueTable';
import { PageError } from '@/components/PageError';
import { PageLoader } from '@/components/PageLoader';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { formatQueueCount, useQueue, useQueueIssues } from '../api/queues';

/** /projects/:projectKey/queues/:queueId — one queue's issues (placeholder view). */
export function QueuePage() {
  const { projectKey = '', queueId = '' } = useParams();
  const id = Number(queueId);
  if (!Number.isInteger(id) || id <= 0) {
    return <PageError error={new Error(`"${queueId}" is not a queue id.`)} title="Not found" />;
  }
  return <QueueView projectKey={projectKey} id={id} />;
}

function QueueView({ projectKey, id }: { projectKey: string; id: number }) {
  const queue = useQueue(id);
  const issues = useQueueIssues(id, { limit: 50 });
  usePageTitle(queue.data?.name);

  if (queue.isPending) return <PageLoader variant="skeleton" label="Loading queue" />;
  if (queue.isError) return <PageError error={queue.error} onRetry={() => void queue.refetch()} />;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="baseline">
        <Title order={1} size="h2">
          {queue.data.name}
        </Title>
        <Anchor component={Link} to={paths.queues(projectKey)} size="sm">
          All queues
        </Anchor>
      </Group>
      <Text size="sm" c="dimmed" ff="monospace">
        {queue.data.jql}
      </Text>
      {issues.isPending ? (
        <PageLoader variant="skeleton" label="Loading issues" />
      ) : issues.isError ? (
        <PageError error={issues.error} onRetry={() => void issues.refetch()} />
      ) : issues.data.issues.length === 0 ? (
        <EmptyState title="Nothing in this queue" description="Issues that match the queue's query show up here." />
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {formatQueueCount(queue.data)} issues
          </Text>
          <IssueTable issues={issues.data.issues} columns={queue.data.columns} label={queue.data.name} />
        </>
      )}
    </Stack>
  );
}
