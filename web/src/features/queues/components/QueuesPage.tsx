import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { EmptyState } from '@/components/EmptyState';
import { IssueTableSkeleton } from '@/components/IssueTable';
import { PageError } from '@/components/PageError';
import { usePageTitle } from '@/lib/usePageTitle';
import { defaultQueue, useQueues } from '../api/queues';
import { QueueHeaderSkeleton, QueueView } from './QueueView';
import { QueueWorkspace } from './QueueWorkspace';

/**
 * /projects/:projectKey/queues — the queue list beside the project's default queue (the first
 * starred one, else "All open tickets", else the first), as Jira Service Management opens it.
 * The default is chosen once: starring another queue while here does not switch the view.
 */
export function QueuesPage() {
  const { projectKey = '' } = useParams();
  const queues = useQueues(projectKey);
  const [chosen, setChosen] = useState<number | undefined>(undefined);
  const fallback = queues.data ? defaultQueue(queues.data)?.id : undefined;
  if (chosen === undefined && fallback !== undefined) setChosen(fallback);
  const id = chosen ?? fallback;
  // The queue view names the page once a queue is shown.
  usePageTitle(id === undefined ? `Queues · ${projectKey}` : undefined);

  if (queues.isError) return <PageError error={queues.error} onRetry={() => void queues.refetch()} />;

  return (
    <QueueWorkspace projectKey={projectKey} activeId={id}>
      {id !== undefined ? (
        <QueueView key={id} projectKey={projectKey} id={id} />
      ) : queues.isPending ? (
        <>
          <QueueHeaderSkeleton />
          <IssueTableSkeleton label="Loading queue" />
        </>
      ) : (
        <EmptyState title="No queues yet" description="A project administrator can create queues for the team." />
      )}
    </QueueWorkspace>
  );
}
