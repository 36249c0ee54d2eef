import { Group, Skeleton, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { PageError } from '@/components/PageError';
import { RelativeTime } from '@/components/RelativeTime';
import { UserAvatar } from '@/components/UserAvatar';
import { useObjectHistory } from '../api/objects';
import type { CmdbHistoryEntry } from '../api/types';

/**
 * The object's changes, newest first: who changed which attribute from what to what, or attached
 * or removed which file, when.
 */
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

/** What an entry says after who: "created the object", "attached a.txt", "changed Risk". */
function summary(entry: CmdbHistoryEntry): { text: ReactNode; showValues: boolean } {
  if (entry.attribute === 'object' && entry.to === 'created') return { text: 'created the object', showValues: false };
  // Attachments are recorded as attribute "attachment" with the file name added (to) or removed (from).
  if (entry.attribute === 'attachment' && (entry.from === null) !== (entry.to === null)) {
    const filename = (
      <Text span fw={600} style={{ overflowWrap: 'anywhere' }}>
        {entry.to ?? entry.from}
      </Text>
    );
    return {
      text: entry.to !== null ? <>attached {filename}</> : <>removed the attachment {filename}</>,
      showValues: false,
    };
  }
  return {
    text: (
      <>
        changed{' '}
        <Text span fw={600}>
          {entry.attribute}
        </Text>
      </>
    ),
    showValues: true,
  };
}

function HistoryLine({ entry }: { entry: CmdbHistoryEntry }) {
  const who = entry.author?.displayName ?? 'Steward';
  const { text, showValues } = summary(entry);
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <UserAvatar user={entry.author} size={28} decorative />
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Text size="sm">
          <Text span fw={600}>
            {who}
          </Text>{' '}
          {text}{' '}
          <Text span size="xs" c="dimmed">
            <RelativeTime value={entry.created} />
          </Text>
        </Text>
        {showValues && (
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
