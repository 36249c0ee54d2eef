import { Anchor, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '@/api/session';
import { ComingLater } from '@/components/ComingLater';
import { PageError } from '@/components/PageError';
import { PageLoader } from '@/components/PageLoader';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { useMyRequests } from '../api/requests';
import { RequestList } from './RequestList';

/** /portal — the help center's front page (placeholder: greeting and recent requests). */
export function PortalHomePage() {
  usePageTitle('Help center');
  const user = useCurrentUser();
  const requests = useMyRequests({ limit: 5 });
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Welcome to the help center, {user.displayName}
        </Title>
        <Text c="dimmed">Raise a request or follow the ones you have raised.</Text>
      </div>
      <ComingLater
        title="Raising requests"
        capability="the help center's portals and request types"
        spec="S10.2"
      />
      <section aria-labelledby="recent-requests">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4" id="recent-requests">
            Your recent requests
          </Title>
          <Anchor component={Link} to={paths.myRequests()} size="sm">
            All my requests
          </Anchor>
        </Group>
        {requests.isPending ? (
          <PageLoader variant="skeleton" label="Loading your requests" />
        ) : requests.isError ? (
          <PageError error={requests.error} onRetry={() => void requests.refetch()} />
        ) : requests.data.issues.length === 0 ? (
          <Text c="dimmed">You have not raised any requests yet.</Text>
        ) : (
          <RequestList requests={requests.data.issues} />
        )}
      </section>
    </Stack>
  );
}
