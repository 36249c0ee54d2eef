import { Box, Group, Stack, Text } from '@mantine/core';
import { IconArrowRight, IconRobot } from '@tabler/icons-react';
import type { HistoryGroup } from '@/api/types';
import { RelativeTime } from '@/components/RelativeTime';
import { UserAvatar } from '@/components/UserAvatar';
import type { HistoryItem } from '../api/types';
import { fieldLabel } from '../lib/fieldValues';
import classes from './IssuePage.module.css';

/** "added a Link", "removed the Attachment", "changed the Priority". */
export function describeChange(item: HistoryItem): string {
  const label = fieldLabel(item.field);
  const from = item.fromString ?? item.from;
  const to = item.toString ?? item.to;
  if (!from && to) {
    if (!['comment', 'link', 'attachment', 'watcher'].includes(item.field)) return `set the ${label}`;
    return `added ${/^[aeiou]/i.test(label) ? 'an' : 'a'} ${label}`;
  }
  if (from && !to) return `removed the ${label}`;
  return `changed the ${label}`;
}

function Value({ text, old }: { text: string | null | undefined; old?: boolean }) {
  if (!text) {
    return (
      <Text span size="sm" c="dimmed" fs="italic">
        None
      </Text>
    );
  }
  return (
    <Text span size="sm" className={old ? classes.strike : undefined} lineClamp={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {text}
    </Text>
  );
}

/** One change of the issue: who, when, and each field's old → new value. */
export function HistoryEntry({ group }: { group: HistoryGroup }) {
  const author = group.author?.displayName ?? 'Steward';
  const single = group.items.length === 1 ? group.items[0] : undefined;
  return (
    <Group gap="sm" align="flex-start" wrap="nowrap" component="article" aria-label={`Change by ${author}`}>
      {group.author ? (
        <UserAvatar user={group.author} size="md" decorative />
      ) : (
        <Box w={38} style={{ display: 'flex', justifyContent: 'center' }}>
          <IconRobot size={24} aria-hidden />
        </Box>
      )}
      <Box style={{ flex: 1, minWidth: 0 }} py={4}>
        <Text size="sm">
          <Text span fw={600} inherit>
            {author}
          </Text>{' '}
          {single ? describeChange(single) : 'made changes'}{' '}
          <Text span size="xs" c="dimmed">
            <RelativeTime value={group.created} />
          </Text>
        </Text>
        <Stack gap={4} mt={4}>
          {group.items.map((item, i) => (
            <Group key={i} gap={6} wrap="wrap" align="center">
              {!single && (
                <Text span size="sm" c="dimmed" fw={500}>
                  {fieldLabel(item.field)}:
                </Text>
              )}
              <Value text={item.fromString ?? item.from} old />
              <IconArrowRight size={14} className={classes.historyArrow} aria-label="to" role="img" />
              <Value text={item.toString ?? item.to} />
            </Group>
          ))}
        </Stack>
      </Box>
    </Group>
  );
}
