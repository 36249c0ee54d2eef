import { Group, Paper, Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { RelativeTime } from '@/components/RelativeTime';
import { UserAvatar } from '@/components/UserAvatar';
import type { RequestActivityItem } from '../api/types';
import classes from './portal.module.css';

/**
 * Replies and status changes, oldest first. Comment bodies are plain text rendered by React
 * (escaped): markup in a body shows as the characters typed, never as HTML.
 */
export function RequestActivity({ items }: { items: readonly RequestActivityItem[] }) {
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No replies yet.
      </Text>
    );
  }
  return (
    <Timeline bulletSize={30} lineWidth={2}>
      {items.map((item) =>
        item.type === 'comment' ? (
          <Timeline.Item
            key={`c${item.id}`}
            bullet={<UserAvatar user={item.author} size={30} decorative />}
          >
            <Group gap={6} wrap="wrap">
              <Text size="sm" fw={600}>
                {item.author?.displayName ?? 'Someone'}
              </Text>
              <Text size="xs" c="dimmed">
                <RelativeTime value={item.created} />
              </Text>
            </Group>
            <Paper withBorder radius="md" p="sm" mt={6} bg="gray.0">
              <Text size="sm" className={classes.activityBody}>
                {item.body}
              </Text>
            </Paper>
          </Timeline.Item>
        ) : (
          <Timeline.Item
            key={`s${item.id}`}
            bullet={
              <ThemeIcon size={30} radius="xl" variant="light" color="gray" aria-hidden>
                <IconArrowsExchange size={16} />
              </ThemeIcon>
            }
          >
            <Stack gap={2}>
              <Text size="sm">{statusChangeText(item.from, item.to)}</Text>
              <Text size="xs" c="dimmed">
                {item.author ? `${item.author.displayName} · ` : ''}
                <RelativeTime value={item.created} />
              </Text>
            </Stack>
          </Timeline.Item>
        ),
      )}
    </Timeline>
  );
}

export function statusChangeText(from: string | null, to: string | null): string {
  if (from && to) return `Status changed from ${from} to ${to}`;
  if (to) return `Status changed to ${to}`;
  if (from) return `Status changed from ${from}`;
  return 'Status changed';
}
