import { Button, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEye, IconEyeCheck } from '@tabler/icons-react';
import type { Issue, User } from '@/api/types';
import { errorMessage } from '@/components/PageError';
import { useSetWatching, useWatchers } from '../api/watchers';

/** Watch / stop watching, with the number of watchers; the tooltip names them. */
export function WatchButton({ issue, me }: { issue: Issue; me: User }) {
  const watchers = useWatchers(issue.key);
  const setWatching = useSetWatching(issue.key, me.username);
  const watching = watchers.data?.isWatching ?? false;
  const count = watchers.data && watchers.data.values.length > 0 ? watchers.data.values.length : issue.watcherCount;
  const names = watchers.data?.values.map((w) => w.displayName) ?? [];
  const label = watching ? 'Stop watching' : 'Watch';
  const countText = `${count} ${count === 1 ? 'watcher' : 'watchers'}`;

  return (
    <Tooltip
      label={names.length > 0 ? `Watching: ${names.join(', ')}` : countText}
      openDelay={300}
      multiline
      maw={280}
    >
      <Button
        variant={watching ? 'light' : 'default'}
        leftSection={watching ? <IconEyeCheck size={18} /> : <IconEye size={18} />}
        aria-label={label}
        aria-pressed={watching}
        aria-description={countText}
        loading={setWatching.isPending}
        disabled={watchers.isPending}
        onClick={() =>
          setWatching.mutate(!watching, {
            onError: (error) =>
              notifications.show({ color: 'red', title: `Could not ${label.toLowerCase()}`, message: errorMessage(error) }),
          })
        }
      >
        {count}
      </Button>
    </Tooltip>
  );
}
