import { Anchor, Breadcrumbs, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { PageError } from '@/components/PageError';
import { PageLoader } from '@/components/PageLoader';
import { RelativeTime } from '@/components/RelativeTime';
import { StatusBadge } from '@/components/StatusBadge';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { useRequest } from '../api/requests';

/** /portal/requests/:issueKey — one request as its customer sees it (placeholder view). */
export function RequestPage() {
  const { issueKey = '' } = useParams();
  const request = useRequest(issueKey);
  usePageTitle(request.data?.summary ?? issueKey.toUpperCase());
  if (request.isPending) return <PageLoader variant="skeleton" label={`Loading ${issueKey}`} />;
  if (request.isError) return <PageError error={request.error} onRetry={() => void request.refetch()} />;
  const data = request.data;
  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to={paths.myRequests()} size="sm">
          My requests
        </Anchor>
        <Text size="sm">{data.key}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Title order={1} size="h2">
          {data.summary}
        </Title>
        <StatusBadge status={data.status} size="md" />
      </Group>
      <Text size="sm" c="dimmed">
        Raised by {data.reporter?.displayName ?? 'someone'} <RelativeTime value={data.created} />
      </Text>
      <Paper withBorder p="md">
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={data.description ? undefined : 'dimmed'}>
          {data.description || 'No description.'}
        </Text>
      </Paper>
    </Stack>
  );
}
