import { Alert, Button, Group, Modal, Stack, TagsInput, Text } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { errorMessage } from '@/components/PageError';
import { useShareRequest } from '../api/requests';
import type { ShareChange } from '../api/requests';
import type { CustomerRequest } from '../api/types';

export interface ShareRequestDialogProps {
  request: CustomerRequest;
  opened: boolean;
  onClose: () => void;
}

/**
 * Shares a request with more people (usernames) or organizations. Customers may share only within
 * their own organizations; the server says so when they try otherwise, and its message is shown.
 */
export function ShareRequestDialog({ request, opened, onClose }: ShareRequestDialogProps) {
  const [people, setPeople] = useState<string[]>([]);
  const [organizations, setOrganizations] = useState<string[]>([]);
  const share = useShareRequest(request.key);
  const [hint, setHint] = useState<string | null>(null);
  const nothing = people.length === 0 && organizations.length === 0;

  const close = () => {
    setPeople([]);
    setOrganizations([]);
    setHint(null);
    share.reset();
    onClose();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (share.isPending) return;
    if (nothing) {
      setHint('Enter a username or an organization to share with.');
      return;
    }
    const change: ShareChange = {};
    if (people.length > 0) {
      change.requestParticipants = union(
        request.requestParticipants.map((p) => p.username),
        people,
      );
    }
    if (organizations.length > 0) change.organizations = union(request.organizations, organizations);
    share.mutate(change, { onSuccess: close });
  };

  return (
    <Modal opened={opened} onClose={close} title="Share this request" centered>
      <form onSubmit={onSubmit}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            People you share {request.key} with can see it, follow its progress and reply.
          </Text>
          <TagsInput
            label="People"
            description="Usernames; press Enter after each"
            placeholder={people.length === 0 ? 'e.g. jordan.patel' : undefined}
            value={people}
            onChange={(v) => {
              setPeople(v);
              setHint(null);
              share.reset();
            }}
            splitChars={[',', ' ']}
            clearable
            data-autofocus
          />
          <TagsInput
            label="Organizations"
            description="Organization names; press Enter after each"
            placeholder={organizations.length === 0 ? 'e.g. Retail Division' : undefined}
            value={organizations}
            onChange={(v) => {
              setOrganizations(v);
              setHint(null);
              share.reset();
            }}
            splitChars={[',']}
            clearable
          />
          {hint && (
            <Text size="sm" c="red.7" role="alert">
              {hint}
            </Text>
          )}
          {share.isError && (
            <Alert color="red" variant="light" title="Not shared">
              {errorMessage(share.error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="subtle" color="gray" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={share.isPending}>
              Share
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The existing entries followed by the new ones, without case-insensitive duplicates. */
function union(existing: readonly string[], added: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of [...existing, ...added]) {
    const t = v.trim();
    if (t && !seen.has(t.toLowerCase())) {
      seen.add(t.toLowerCase());
      out.push(t);
    }
  }
  return out;
}
