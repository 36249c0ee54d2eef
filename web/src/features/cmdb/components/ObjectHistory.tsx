import { Group, Skeleton, Stack, Text } from '@mantine/core';
import { PageError } from '@/components/PageError';
import { RelativeTime } from '@/components/RelativeTime';
import { UserAvatar } from '@/components/UserAvatar';
import { useObjectHistory } from '../api/objects';
import type { CmdbHistoryEntry } from '../api/types';

/** The object's changes, newest first: who changed which attribute from what to what, when. */
export function ObjectHistory({ objectKey }: { objectKey: string }) {
  const history = useObjectHistory(objectKey);
  if (history.isPending) {
    return (
      <Stack gap="sm" role="status" aria-label="Loading the history">
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} height={36} />
        ))}
      </Stack>
    );
  }
  if (history.isError) return <PageError error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No changes recorded.
      </Text>
    );
  }
  return (
    <Stack gap="md" component="ol" m={0} p={0} style={{ listStyle: 'none' }} aria-label="History">
      {history.data.map((entry) => (
        <li key={entry.id}>
          <HistoryLine entry={entry} />
        </li>
      ))}
    </Stack>
  );
}

function HistoryLine({ entry }: { entry: CmdbHistoryEntry }) {
  const who = entry.author?.displayName ?? 'Steward';
  const created = entry.attribute === 'object' && entry.to === 'created';
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <UserAvatar user={entry.author} size={28} decorative />
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Text size="sm">
          <Text span fw={600}>
            {who}
          </Text>{' '}
          {created ? (
            'created the object'
          ) : (
            <>
              changed{' '}
              <Text span fw={600}>
                {entry.attribute}
              </Text>
            </>
          )}{' '}
          <Text span size="xs" c="dimmed">
            <RelativeTime value={entry.created} />
          </Text>
        </Text>
        {!created && (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <Text span c="dimmed" td={entry.from ? 'line-through' : undefined}>
              {entry.from || 'None'}
            </Text>
            {' → '}
            <Text span>{entry.to || 'None'}</Text>
          </Text>
        )}
      </Stack>
    </Group>
  );
}
