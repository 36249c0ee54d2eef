import { Stack, Title } from '@mantine/core';
import { EmptyState } from '@/components/EmptyState';
import { PageError } from '@/components/PageError';
import { PageLoader } from '@/components/PageLoader';
import { usePageTitle } from '@/lib/usePageTitle';
import { useMyRequests } from '../api/requests';
import { RequestList } from './RequestList';

/** /portal/requests — "My requests". */
export function MyRequestsPage() {
  usePageTitle('My requests');
  const requests = useMyRequests({ limit: 50 });
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        My requests
      </Title>
      {requests.isPending ? (
        <PageLoader variant="skeleton" label="Loading your requests" />
      ) : requests.isError ? (
        <PageError error={requests.error} onRetry={() => void requests.refetch()} />
      ) : requests.data.issues.length === 0 ? (
        <EmptyState title="No requests yet" description="Requests you raise show up here." />
      ) : (
        <RequestList requests={requests.data.issues} />
      )}
    </Stack>
  );
}
