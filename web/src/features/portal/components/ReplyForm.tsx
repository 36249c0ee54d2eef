import { Alert, Button, Group, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { errorMessage } from '@/components/PageError';
import { useAddReply } from '../api/requests';

/** The reply box of a request: a public comment (never an internal note). */
export function ReplyForm({ requestKey }: { requestKey: string }) {
  const [body, setBody] = useState('');
  const reply = useAddReply(requestKey);
  const empty = body.trim() === '';

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (empty || reply.isPending) return;
    reply.mutate(body, { onSuccess: () => setBody('') });
  };

  return (
    <form onSubmit={onSubmit} aria-label="Reply to this request">
      <Stack gap="xs">
        <Textarea
          label="Reply"
          placeholder="Add a reply…"
          autosize
          minRows={3}
          maxRows={12}
          value={body}
          onChange={(e) => {
            setBody(e.currentTarget.value);
            if (reply.isError) reply.reset();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit();
          }}
          disabled={reply.isPending}
        />
        {reply.isError && (
          <Alert color="red" variant="light" title="Your reply was not added">
            {errorMessage(reply.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={reply.isPending} disabled={empty}>
            Add reply
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
