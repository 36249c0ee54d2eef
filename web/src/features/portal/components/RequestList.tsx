import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { SearchHit, Status } from '@/api/types';
import { RelativeTime } from '@/components/RelativeTime';
import { StatusBadge } from '@/components/StatusBadge';
import { paths } from '@/lib/paths';

/** Requests as cards: key, summary, status, when raised. Reads well on a phone. */
export function RequestList({ requests }: { requests: readonly SearchHit[] }) {
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {requests.map((hit) => {
        const summary = typeof hit.fields.summary === 'string' ? hit.fields.summary : hit.key;
        const status = hit.fields.status as Status | null | undefined;
        const created = typeof hit.fields.created === 'string' ? hit.fields.created : null;
        return (
          <Paper key={hit.id} component="li" withBorder p="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2}>
                <Anchor component={Link} to={paths.request(hit.key)} fw={500}>
                  {summary}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {hit.key} · raised <RelativeTime value={created} />
                </Text>
              </Stack>
              <StatusBadge status={status} />
            </Group>
          </Paper>
        );
      })}
    </Stack>
  );
}
