import { Alert, Badge, Box, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useState } from 'react';
import type { Comment, User } from '@/api/types';
import { ConfirmPopover } from '@/components/ConfirmPopover';
import { errorMessage } from '@/components/PageError';
import { RelativeTime } from '@/components/RelativeTime';
import { UserAvatar } from '@/components/UserAvatar';
import { useDeleteComment, useEditComment } from '../api/comments';
import classes from './IssuePage.module.css';
import { PlainText } from './PlainText';

/** One comment: author, time, "Internal note" badge, body; its author may edit or delete it. */
export function CommentItem({ comment, issueKey, me }: { comment: Comment; issueKey: string; me: User }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.body);
  const edit = useEditComment(issueKey);
  const remove = useDeleteComment(issueKey);
  const own = comment.author.username === me.username;
  const edited = comment.updated !== comment.created;

  const save = () => {
    if (!draft.trim()) return;
    edit.mutate({ id: comment.id, body: draft }, { onSuccess: () => setEditing(false) });
  };

  return (
    <Group
      gap="sm"
      align="flex-start"
      wrap="nowrap"
      component="article"
      aria-label={`${comment.internal ? 'Internal note' : 'Reply'} by ${comment.author.displayName}`}
    >
      <UserAvatar user={comment.author} size="md" decorative />
      <Box
        style={{ flex: 1, minWidth: 0 }}
        className={`${classes.comment} ${comment.internal ? classes.internalComment : classes.publicComment}`}
      >
        <Group gap={8} mb={4} wrap="wrap">
          <Text size="sm" fw={600}>
            {comment.author.displayName}
          </Text>
          {comment.internal && (
            <Badge color="yellow" variant="light" size="sm" radius="sm" leftSection={<IconLock size={11} aria-hidden />}>
              Internal note
            </Badge>
          )}
          <Text size="xs" c="dimmed">
            <RelativeTime value={comment.created} />
            {edited && (
              <>
                {' · '}
                <span title={`Edited ${new Date(comment.updated).toLocaleString()}`}>edited</span>
              </>
            )}
          </Text>
        </Group>
        {editing ? (
          <Stack gap="xs">
            <Textarea
              aria-label="Edit comment"
              autosize
              minRows={2}
              maxRows={16}
              autoFocus
              value={draft}
              onChange={(e) => setDraft(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') setEditing(false);
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) save();
              }}
            />
            {edit.isError && (
              <Alert color="red" variant="light" role="alert">
                {errorMessage(edit.error)}
              </Alert>
            )}
            <Group gap="xs">
              <Button size="xs" onClick={save} loading={edit.isPending} disabled={!draft.trim()}>
                Update
              </Button>
              <Button size="xs" variant="subtle" color="gray" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            </Group>
          </Stack>
        ) : (
          <PlainText text={comment.body} />
        )}
        {remove.isError && (
          <Alert color="red" variant="light" role="alert" mt="xs">
            {errorMessage(remove.error)}
          </Alert>
        )}
        {own && !editing && (
          <Group gap={4} mt={4}>
            <Button
              variant="subtle"
              color="gray"
              size="compact-xs"
              aria-label="Edit comment"
              onClick={() => {
                setDraft(comment.body);
                edit.reset();
                setEditing(true);
              }}
            >
              Edit
            </Button>
            <ConfirmPopover message="Delete this comment?" confirmLabel="Delete" onConfirm={() => remove.mutate(comment.id)}>
              <Button variant="subtle" color="gray" size="compact-xs" aria-label="Delete comment" loading={remove.isPending}>
                Delete
              </Button>
            </ConfirmPopover>
          </Group>
        )}
      </Box>
    </Group>
  );
}
