import { ActionIcon, Alert, Button, Menu, Tooltip } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import {
  IconChevronDown,
  IconLayoutList,
  IconLayoutSidebarLeftCollapse,
  IconLayoutSidebarLeftExpand,
  IconStarFilled,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { errorMessage } from '@/components/PageError';
import { paths } from '@/lib/paths';
import { formatQueueCount, groupQueues, useQueues } from '../api/queues';
import { QueueNav, QueueNavSkeleton } from './QueueNav';
import classes from './Queues.module.css';

export interface QueueWorkspaceProps {
  projectKey: string;
  activeId?: number | undefined;
  children: ReactNode;
}

/**
 * The queues page layout: the project's queue list on the left (with live counts), the selected
 * queue on the right. Below the `md` breakpoint the list folds into a "Queues" menu above the
 * queue, so the table gets the whole width.
 */
export function QueueWorkspace({ projectKey, activeId, children }: QueueWorkspaceProps) {
  const queues = useQueues(projectKey);
  const [collapsed, setCollapsed] = useLocalStorage({
    key: 'steward.queues.listHidden',
    defaultValue: false,
    getInitialValueInEffect: false,
  });
  return (
    <div className={classes.workspace}>
      <aside className={classes.sidebar} data-collapsed={collapsed || undefined}>
        <Tooltip label={collapsed ? 'Show the queue list' : 'Hide the queue list'} position="right" withArrow>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            className={classes.collapse}
            aria-label={collapsed ? 'Show queue list' : 'Hide queue list'}
            aria-expanded={!collapsed}
            onClick={() => setCollapsed(!collapsed)}
          >
            {collapsed ? <IconLayoutSidebarLeftExpand size={16} /> : <IconLayoutSidebarLeftCollapse size={16} />}
          </ActionIcon>
        </Tooltip>
        {collapsed ? null : queues.isPending ? (
          <QueueNavSkeleton />
        ) : queues.isError ? (
          <Alert color="red" variant="light" title="Queues unavailable" role="alert">
            {errorMessage(queues.error)}
          </Alert>
        ) : (
          <QueueNav projectKey={projectKey} queues={queues.data} activeId={activeId} />
        )}
      </aside>
      <div className={classes.content}>
        {queues.data && queues.data.length > 0 && (
          <div className={classes.switcher}>
            <QueueSwitcher projectKey={projectKey} activeId={activeId} />
          </div>
        )}
        {children}
      </div>
    </div>
  );
}

/** Narrow screens: the queue list as a menu. */
function QueueSwitcher({ projectKey, activeId }: { projectKey: string; activeId?: number | undefined }) {
  const queues = useQueues(projectKey);
  const list = queues.data ?? [];
  return (
    <Menu position="bottom-start" width={280} withinPortal shadow="md">
      <Menu.Target>
        <Button
          variant="default"
          size="xs"
          mb="sm"
          leftSection={<IconLayoutList size={14} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
        >
          All queues
        </Button>
      </Menu.Target>
      <Menu.Dropdown mah="70dvh" style={{ overflowY: 'auto' }}>
        {groupQueues(list).map((group) => [
          <Menu.Label key={`label-${group.label}`}>{group.label}</Menu.Label>,
          ...group.queues.map((queue) => (
            <Menu.Item
              key={queue.id}
              component={Link}
              to={paths.queue(projectKey, queue.id)}
              leftSection={queue.starred ? <IconStarFilled size={12} color="var(--mantine-color-yellow-6)" aria-hidden /> : null}
              rightSection={<span className={classes.count}>{formatQueueCount(queue)}</span>}
              aria-current={queue.id === activeId ? 'page' : undefined}
              fw={queue.id === activeId ? 600 : undefined}
            >
              {queue.name}
            </Menu.Item>
          )),
        ])}
      </Menu.Dropdown>
    </Menu>
  );
}
