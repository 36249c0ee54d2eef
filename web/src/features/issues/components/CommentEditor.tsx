import { Alert, Box, Button, Group, Paper, SegmentedControl, Text, Textarea, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLock, IconWorld } from '@tabler/icons-react';
import { useId, useRef, useState } from 'react';
import type { User } from '@/api/types';
import { errorMessage } from '@/components/PageError';
import { UserAvatar } from '@/components/UserAvatar';
import { useAddComment } from '../api/comments';
import { useUserSearch } from '@/api/users';
import classes from './IssuePage.module.css';

export type CommentMode = 'internal' | 'public';

export interface CommentEditorProps {
  issueKey: string;
  me: User;
  /** Agents may reply to customers; collaborators write internal notes only */
  canReply: boolean;
}

/** The @word being typed at the caret, if any. */
export function mentionAt(text: string, caret: number): { start: number; query: string } | null {
  const m = text.slice(0, caret).match(/(?:^|\s)@([\w.-]{0,30})$/);
  if (!m) return null;
  return { start: caret - m[1]!.length - 1, query: m[1]! };
}

/**
 * Add an internal note (internal: true) or reply to the customer (internal: false). Typing @
 * suggests people to mention (`@username`; the server makes them watchers). Ctrl+Enter saves.
 */
export function CommentEditor({ issueKey, me, canReply }: CommentEditorProps) {
  const [mode, setMode] = useState<CommentMode>('internal');
  const [body, setBody] = useState('');
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const add = useAddComment(issueKey);
  const listId = useId();

  const mention = mentionAt(body, caret);
  const [mentionQuery] = useDebouncedValue(mention?.query ?? '', 150);
  const users = useUserSearch(mentionQuery, mention !== null);
  const suggestions = mention && dismissed !== mention.start ? (users.data ?? []).slice(0, 6) : [];
  const open = suggestions.length > 0;

  const insert = (username: string) => {
    if (!mention) return;
    const before = body.slice(0, mention.start);
    const after = body.slice(caret);
    const next = `${before}@${username} ${after}`;
    const position = before.length + username.length + 2;
    setBody(next);
    setCaret(position);
    setActive(0);
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(position, position);
    });
  };

  const submit = () => {
    if (!body.trim() || add.isPending) return;
    add.mutate(
      { body, internal: mode === 'internal' },
      {
        onSuccess: () => {
          setBody('');
          setCaret(0);
        },
      },
    );
  };

  const internal = mode === 'internal';
  return (
    <Paper withBorder p="sm" radius="md" className={internal ? classes.internalComment : undefined}>
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <Box visibleFrom="sm">
          <UserAvatar user={me} size="md" decorative />
        </Box>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <SegmentedControl
            size="xs"
            mb="xs"
            aria-label="Comment visibility"
            value={mode}
            onChange={(v) => setMode(v as CommentMode)}
            data={[
              { label: 'Internal note', value: 'internal' },
              { label: 'Reply to customer', value: 'public', disabled: !canReply },
            ]}
            color={internal ? 'yellow' : 'blue'}
          />
          <Box pos="relative">
            <Textarea
              ref={textarea}
              aria-label="Comment"
              placeholder={internal ? 'Add an internal note… Type @ to mention someone' : 'Reply to the customer…'}
              autosize
              minRows={3}
              maxRows={16}
              value={body}
              onChange={(e) => {
                setBody(e.currentTarget.value);
                setCaret(e.currentTarget.selectionStart);
                setActive(0);
              }}
              onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
              onKeyDown={(e) => {
                if (open) {
                  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                    e.preventDefault();
                    const step = e.key === 'ArrowDown' ? 1 : -1;
                    setActive((a) => (a + step + suggestions.length) % suggestions.length);
                    return;
                  }
                  if (e.key === 'Enter' || e.key === 'Tab') {
                    const user = suggestions[active];
                    if (user) {
                      e.preventDefault();
                      insert(user.username);
                      return;
                    }
                  }
                  if (e.key === 'Escape') {
                    e.preventDefault();
                    setDismissed(mention?.start ?? null);
                    return;
                  }
                }
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                  e.preventDefault();
                  submit();
                }
              }}
              aria-autocomplete="list"
              aria-expanded={open}
              aria-controls={open ? listId : undefined}
              aria-activedescendant={open ? `${listId}-${active}` : undefined}
              disabled={add.isPending}
            />
            {open && (
              <Paper
                withBorder
                shadow="md"
                radius="sm"
                p={4}
                pos="absolute"
                style={{ zIndex: 20, left: 0, right: 0, maxWidth: 320 }}
              >
                <div role="listbox" id={listId} aria-label="People to mention">
                  {suggestions.map((u, i) => (
                    <UnstyledButton
                      key={u.username}
                      id={`${listId}-${i}`}
                      role="option"
                      aria-selected={i === active}
                      tabIndex={-1}
                      onMouseDown={(e) => e.preventDefault()}
                      onClick={() => insert(u.username)}
                      w="100%"
                      px={8}
                      py={4}
                      style={{
                        borderRadius: 4,
                        display: 'flex',
                        gap: 8,
                        alignItems: 'center',
                        background: i === active ? 'var(--mantine-color-blue-0)' : undefined,
                      }}
                    >
                      <UserAvatar user={u} size={22} decorative />
                      <Text size="sm">{u.displayName}</Text>
                      <Text size="xs" c="dimmed">
                        @{u.username}
                      </Text>
                    </UnstyledButton>
                  ))}
                </div>
              </Paper>
            )}
          </Box>
          {add.isError && (
            <Alert color="red" variant="light" role="alert" mt="xs" withCloseButton onClose={() => add.reset()}>
              {errorMessage(add.error)}
            </Alert>
          )}
          <Group justify="space-between" mt="xs" gap="xs">
            <Group gap={4} wrap="nowrap">
              {internal ? (
                <IconLock size={14} aria-hidden color="var(--mantine-color-yellow-8)" />
              ) : (
                <IconWorld size={14} aria-hidden color="var(--mantine-color-blue-7)" />
              )}
              <Text size="xs" c={internal ? 'yellow.9' : 'blue.8'}>
                {internal ? 'Only your team sees internal notes' : 'The customer and request participants will see this'}
              </Text>
            </Group>
            <Group gap="xs">
              {body && (
                <Button variant="subtle" color="gray" size="xs" onClick={() => setBody('')}>
                  Cancel
                </Button>
              )}
              <Button size="xs" onClick={submit} loading={add.isPending} disabled={!body.trim()}>
                Save
              </Button>
            </Group>
          </Group>
        </Box>
      </Group>
    </Paper>
  );
}
