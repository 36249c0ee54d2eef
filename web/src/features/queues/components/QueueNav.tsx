import { ActionIcon, Group, Skeleton, Stack, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconStar, IconStarFilled } from '@tabler/icons-react';
import { useId } from 'react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { Queue } from '@/api/types';
import { paths } from '@/lib/paths';
import { formatQueueCount, groupQueues, useStarQueue } from '../api/queues';
import classes from './Queues.module.css';

export interface QueueNavProps {
  projectKey: string;
  queues: readonly Queue[];
  /** The queue on screen */
  activeId?: number | undefined;
}

/**
 * The queue list of a project: a navigation landmark "Queues" with sections (Starred, Team
 * priority, Other queues); each link is named by the queue and its live count ("Open incidents
 * 7"); the star beside it stars or unstars the queue.
 */
export function QueueNav({ projectKey, queues, activeId }: QueueNavProps) {
  const star = useStarQueue(projectKey);
  return (
    <nav aria-label="Queues">
      <Text fw={700} size="sm" px="xs" pb={4}>
        Queues
      </Text>
      {groupQueues(queues).map((group) => (
        <QueueGroupSection key={group.label} label={group.label}>
          {group.queues.map((queue) => {
            const active = queue.id === activeId;
            return (
              <li key={queue.id} className={classes.item} data-active={active || undefined}>
                <Link
                  to={paths.queue(projectKey, queue.id)}
                  className={classes.link}
                  aria-current={active ? 'page' : undefined}
                >
                  <span className={classes.name} title={queue.name}>
                    {queue.name}
                  </span>{' '}
                  <span className={classes.count}>{formatQueueCount(queue)}</span>
                  <VisuallyHidden>issues</VisuallyHidden>
                </Link>
                <Tooltip label={queue.starred ? 'Unstar' : 'Star'} openDelay={400} withArrow>
                  <ActionIcon
                    variant="subtle"
                    color={queue.starred ? 'yellow' : 'gray'}
                    size="sm"
                    className={classes.star}
                    data-starred={queue.starred || undefined}
                    aria-label={`${queue.starred ? 'Unstar' : 'Star'} ${queue.name}`}
                    aria-pressed={queue.starred}
                    onClick={() => star.mutate({ id: queue.id, starred: !queue.starred })}
                  >
                    {queue.starred ? <IconStarFilled size={14} /> : <IconStar size={14} />}
                  </ActionIcon>
                </Tooltip>
              </li>
            );
          })}
        </QueueGroupSection>
      ))}
    </nav>
  );
}

function QueueGroupSection({ label, children }: { label: string; children: ReactNode }) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={id}>
      <span id={id} className={classes.groupLabel}>
        {label}
      </span>
      <ul className={classes.list}>{children}</ul>
    </div>
  );
}

/** The queue list's shape while the queues load. */
export function QueueNavSkeleton() {
  return (
    <Stack gap={10} px="xs" role="status" aria-label="Loading queues">
      <Skeleton height={14} width="40%" />
      {Array.from({ length: 8 }, (_, i) => (
        <Group key={i} justify="space-between" wrap="nowrap">
          <Skeleton height={12} width={`${55 + ((i * 23) % 35)}%`} />
          <Skeleton height={16} width={28} radius="xl" />
        </Group>
      ))}
    </Stack>
  );
}
