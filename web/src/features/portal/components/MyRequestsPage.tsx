import {
  Anchor,
  Group,
  NativeSelect,
  Pagination,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedCallback, useMediaQuery } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState } from '@/components/EmptyState';
import { PageError } from '@/components/PageError';
import { RelativeTime } from '@/components/RelativeTime';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { useRequests } from '../api/requests';
import type { RequestFilter, RequestStatusFilter } from '../api/requests';
import type { RequestSummary } from '../api/types';
import { CustomerStatusBadge } from './CustomerStatusBadge';
import { PortalBreadcrumbs } from './PortalBreadcrumbs';
import { RequestTypeIcon } from './RequestTypeIcon';
import { REQUESTS_PAGE_SIZE, toListParams, useRequestListParams } from './useRequestListParams';

const STATUS_OPTIONS: { value: RequestStatusFilter; label: string }[] = [
  { value: 'open', label: 'Open requests' },
  { value: 'closed', label: 'Closed requests' },
  { value: 'all', label: 'Any status' },
];

const FILTER_OPTIONS: { value: RequestFilter; label: string }[] = [
  { value: 'all', label: 'All my requests' },
  { value: 'mine', label: 'Created by me' },
  { value: 'participated', label: 'Shared with me' },
  { value: 'organization', label: 'Shared with my organization' },
];

/** /portal/requests — "My requests": the caller's requests with filters, search and pages. */
export function MyRequestsPage() {
  usePageTitle('My requests');
  const [state, update] = useRequestListParams();
  const params = toListParams(state);
  const requests = useRequests(params);

  // The search box types freely; the URL (and the query) follow 300 ms after the last key. The
  // box follows the URL only when something else changed it (back, a link): our own commit
  // arriving must not undo the keys typed since it was sent.
  const [text, setText] = useState(state.q);
  const committed = useRef(state.q);
  useEffect(() => {
    if (state.q !== committed.current) {
      committed.current = state.q;
      setText(state.q);
    }
  }, [state.q]);
  const commitText = useDebouncedCallback((q: string) => {
    committed.current = q;
    update({ q }, { replace: true });
  }, 300);

  const total = requests.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / REQUESTS_PAGE_SIZE));
  const filtered = state.q.trim() !== '' || state.filter !== 'all' || state.status !== 'open';

  return (
    <Stack gap="md">
      <PortalBreadcrumbs current="My requests" />
      <Title order={1} size="h2">
        My requests
      </Title>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <TextInput
          type="search"
          label="Search"
          placeholder="Summary or request key"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            commitText(e.currentTarget.value);
          }}
          style={{ flex: '1 1 220px' }}
          autoComplete="off"
        />
        <NativeSelect
          label="Status"
          data={STATUS_OPTIONS}
          value={state.status}
          onChange={(e) => update({ status: e.currentTarget.value as RequestStatusFilter })}
          style={{ flex: '1 1 160px' }}
        />
        <NativeSelect
          label="Requests"
          data={FILTER_OPTIONS}
          value={state.filter}
          onChange={(e) => update({ filter: e.currentTarget.value as RequestFilter })}
          style={{ flex: '1 1 200px' }}
        />
      </Group>

      {requests.isPending ? (
        <RequestsSkeleton />
      ) : requests.isError ? (
        <PageError error={requests.error} onRetry={() => void requests.refetch()} />
      ) : requests.data.values.length === 0 ? (
        <Paper withBorder radius="md">
          {filtered ? (
            <EmptyState
              title="No requests found"
              description="No request matches these filters. Try another status, or clear the search."
            />
          ) : (
            <EmptyState
              title="No open requests"
              description="Requests you raise, and requests shared with you, show up here."
              action={
                <Anchor component={Link} to={paths.portal()}>
                  Raise a request in the help center
                </Anchor>
              }
            />
          )}
        </Paper>
      ) : (
        <Stack gap="sm" style={{ opacity: requests.isPlaceholderData ? 0.6 : 1 }} aria-busy={requests.isFetching}>
          <RequestsTable requests={requests.data.values} />
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Text size="sm" c="dimmed" aria-live="polite">
              {rangeText(requests.data.start, requests.data.values.length, total)}
            </Text>
            {pages > 1 && (
              <Pagination
                total={pages}
                value={Math.min(state.page, pages)}
                onChange={(page) => update({ ...state, page })}
                size="sm"
                getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
                aria-label="Pages"
              />
            )}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

function rangeText(start: number, count: number, total: number): string {
  if (total === 0) return 'No requests';
  return `${start + 1}–${start + count} of ${total} ${total === 1 ? 'request' : 'requests'}`;
}

/** A table on wide screens; stacked cards on phones. */
function RequestsTable({ requests }: { requests: readonly RequestSummary[] }) {
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  if (!wide) {
    return (
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Requests">
        {requests.map((r) => (
          <Paper key={r.key} component="li" withBorder radius="md" p="sm">
            <Stack gap={6}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
                  {r.requestType && <RequestTypeIcon icon={r.requestType.icon} size="sm" />}
                  <Anchor component={Link} to={paths.request(r.key)} size="sm" fw={600}>
                    {r.key}
                  </Anchor>
                </Group>
                <CustomerStatusBadge status={r.status} size="xs" />
              </Group>
              <Text fw={500} size="sm" style={{ overflowWrap: 'anywhere' }}>
                {r.summary}
              </Text>
              <Text size="xs" c="dimmed">
                {r.requestType?.name ?? 'Request'} · {r.reporter.displayName} · <RelativeTime value={r.created} />
              </Text>
            </Stack>
          </Paper>
        ))}
      </Stack>
    );
  }
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
      <Table.ScrollContainer minWidth={720} type="native">
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
          <Table.Thead bg="gray.0">
            <Table.Tr>
              <Table.Th w="17%">Type</Table.Th>
              <Table.Th w="10%">Reference</Table.Th>
              <Table.Th>Summary</Table.Th>
              <Table.Th w="1%">Status</Table.Th>
              <Table.Th w="14%">Requester</Table.Th>
              <Table.Th w="1%">Created</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {requests.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Td>
                  <Group gap={8} wrap="nowrap">
                    <RequestTypeIcon icon={r.requestType?.icon} size="sm" />
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {r.requestType?.name ?? '—'}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor component={Link} to={paths.request(r.key)} size="sm" fw={500}>
                    {r.key}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
                    {r.summary}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <CustomerStatusBadge status={r.status} size="xs" />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.reporter.displayName}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" c="dimmed">
                    <RelativeTime value={r.created} />
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function RequestsSkeleton() {
  return (
    <Paper withBorder radius="md" p="md" role="status" aria-label="Loading your requests">
      <Stack gap="sm">
        {Array.from({ length: 6 }, (_, i) => (
          <Group key={i} gap="md" wrap="nowrap">
            <Skeleton height={24} width={24} radius="sm" />
            <Skeleton height={14} width={70} />
            <Skeleton height={14} style={{ flex: 1 }} />
            <Skeleton height={18} width={90} radius="sm" />
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
