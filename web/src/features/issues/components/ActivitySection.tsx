import { Alert, Button, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { Comment, HistoryGroup, User } from '@/api/types';
import { errorMessage } from '@/components/PageError';
import { useComments } from '../api/comments';
import { useHistory } from '../api/history';
import { CommentEditor } from './CommentEditor';
import { CommentItem } from './CommentItem';
import { HistoryEntry } from './HistoryEntry';
import { Section } from './Section';

type Tab = 'all' | 'comments' | 'history';
type Entry = { kind: 'comment'; at: string; comment: Comment } | { kind: 'history'; at: string; group: HistoryGroup };

export interface ActivitySectionProps {
  issueKey: string;
  me: User;
  canComment: boolean;
  canReply: boolean;
}

/** Activity: All / Comments / History tabs, the comment box, newest or oldest first. */
export function ActivitySection({ issueKey, me, canComment, canReply }: ActivitySectionProps) {
  const comments = useComments(issueKey);
  const history = useHistory(issueKey);
  const [tab, setTab] = useState<Tab>('all');
  const [newestFirst, setNewestFirst] = useLocalStorage<boolean>({
    key: 'steward.issue.newestFirst',
    defaultValue: true,
  });

  const order = (entries: Entry[]) =>
    entries.sort((a, b) => (newestFirst ? b.at.localeCompare(a.at) : a.at.localeCompare(b.at)));
  const commentEntries: Entry[] = (comments.data ?? []).map((c) => ({ kind: 'comment', at: c.created, comment: c }));
  const historyEntries: Entry[] = (history.data ?? []).map((g) => ({ kind: 'history', at: g.created, group: g }));

  const render = (entries: Entry[], loading: boolean, error: unknown, empty: string): ReactNode => {
    if (loading) {
      return (
        <Stack gap="sm" aria-label="Loading activity" role="status">
          <Skeleton height={54} />
          <Skeleton height={54} />
        </Stack>
      );
    }
    if (error) {
      return (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(error)}
        </Alert>
      );
    }
    if (entries.length === 0) {
      return (
        <Text size="sm" c="dimmed" py="sm">
          {empty}
        </Text>
      );
    }
    return (
      <Stack gap="md">
        {order(entries).map((e) =>
          e.kind === 'comment' ? (
            <CommentItem key={`c${e.comment.id}`} comment={e.comment} issueKey={issueKey} me={me} />
          ) : (
            <HistoryEntry key={`h${e.group.id}`} group={e.group} />
          ),
        )}
      </Stack>
    );
  };

  return (
    <Section
      title="Activity"
      actions={
        <Button
          variant="subtle"
          color="gray"
          size="compact-sm"
          leftSection={newestFirst ? <IconSortDescending size={16} /> : <IconSortAscending size={16} />}
          onClick={() => setNewestFirst(!newestFirst)}
          title="Change the order"
        >
          {newestFirst ? 'Newest first' : 'Oldest first'}
        </Button>
      }
    >
      <Tabs value={tab} onChange={(v) => setTab((v as Tab | null) ?? 'all')} keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="all">All</Tabs.Tab>
          <Tabs.Tab value="comments">Comments</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        {canComment && tab !== 'history' && (
          <Stack mb="md">
            <CommentEditor issueKey={issueKey} me={me} canReply={canReply} />
          </Stack>
        )}
        <Tabs.Panel value="all">
          {render(
            [...commentEntries, ...historyEntries],
            comments.isPending || history.isPending,
            comments.error ?? history.error,
            'No activity yet.',
          )}
        </Tabs.Panel>
        <Tabs.Panel value="comments">
          {render(commentEntries, comments.isPending, comments.error, 'No comments yet.')}
        </Tabs.Panel>
        <Tabs.Panel value="history">
          {render(historyEntries, history.isPending, history.error, 'No changes yet.')}
        </Tabs.Panel>
      </Tabs>
    </Section>
  );
}
