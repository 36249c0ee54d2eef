import { useParams } from 'react-router-dom';
import { PageError } from '@/components/PageError';
import { QueueView } from './QueueView';
import { QueueWorkspace } from './QueueWorkspace';

/** /projects/:projectKey/queues/:queueId — the queue list beside one queue's issues. */
export function QueuePage() {
  const { projectKey = '', queueId = '' } = useParams();
  const id = Number(queueId);
  if (!Number.isInteger(id) || id <= 0) {
    return <PageError error={new Error(`"${queueId}" is not a queue id.`)} title="Not found" />;
  }
  return (
    <QueueWorkspace projectKey={projectKey} activeId={id}>
      {/* A new queue is a new view: its sort, paging and focus start afresh. */}
      <QueueView key={id} projectKey={projectKey} id={id} />
    </QueueWorkspace>
  );
}
