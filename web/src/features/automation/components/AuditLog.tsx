import { ActionIcon, Anchor, Button, Group, List, Skeleton, Stack, Switch, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconHistory } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { Link } from 'react-router-dom';
import { EmptyState } from '@/components/EmptyState';
import { PageError } from '@/components/PageError';
import { RelativeTime } from '@/components/RelativeTime';
import { paths } from '@/lib/paths';
import { formatDateTime } from '@/lib/time';
import { AUDIT_REFRESH_MS, useAudit } from '../api/audit';
import type { AutomationAuditEntry } from '../api/types';
import { formatDuration, topicLabel } from '../lib/outcomes';
import tableClasses from '@/components/DataTable.module.css';
import classes from './Automation.module.css';
import { OutcomeBadge } from './OutcomeBadge';

export interface AuditLogProps {
  ruleId: number;
  /** Shown: refresh every few seconds (paused while another tab is open) */
  active: boolean;
}

/**
 * A rule's executions, newest first: outcome, issue, trigger, start and duration; each expands to
 * the items it changed and its messages. "Load more" pages back; it refreshes itself.
 */
export function AuditLog({ ruleId, active }: AuditLogProps) {
  const [live, setLive] = useState(true);
  const audit = useAudit(ruleId, { autoRefresh: active && live });
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setExpanded((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  if (audit.isPending) {
    return (
      <Stack gap="xs" role="status" aria-label="Loading the audit log">
        {Array.from({ length: 5 }, (_, i) => (
          <Skeleton key={i} height={34} />
        ))}
      </Stack>
    );
  }
  if (audit.isError) return <PageError error={audit.error} onRetry={() => void audit.refetch()} />;
  const entries = audit.data.pages.flatMap((p) => p.values);

  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="sm">
        <Text size="sm" c="dimmed">
          Each time the rule runs: what started it, on which issue, and what it did.
        </Text>
        <Switch
          size="sm"
          label={`Refresh every ${AUDIT_REFRESH_MS / 1000} seconds`}
          checked={live}
          onChange={(e) => setLive(e.currentTarget.checked)}
        />
      </Group>
      {entries.length === 0 ? (
        <EmptyState
          icon={<IconHistory size={30} />}
          title="No executions yet"
          description="When the rule's trigger fires, each run shows here with its outcome."
        />
      ) : (
        <div className={tableClasses.frame}>
          <Table className={tableClasses.table} aria-label="Audit log" verticalSpacing="xs" miw={640}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>
                  <VisuallyHidden>Details</VisuallyHidden>
                </Table.Th>
                <Table.Th>Outcome</Table.Th>
                <Table.Th>Issue</Table.Th>
                <Table.Th>Trigger</Table.Th>
                <Table.Th>Started</Table.Th>
                <Table.Th>Duration</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((entry) => (
                <Fragment key={entry.id}>
                  <AuditRow entry={entry} open={expanded.has(entry.id)} onToggle={() => toggle(entry.id)} />
                  {expanded.has(entry.id) && (
                    <Table.Tr className={classes.details}>
                      <Table.Td />
                      <Table.Td colSpan={5} id={`audit-details-${entry.id}`}>
                        <AuditDetails entry={entry} />
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
      {audit.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void audit.fetchNextPage()} loading={audit.isFetchingNextPage}>
            Load more
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function AuditRow({ entry, open, onToggle }: { entry: AutomationAuditEntry; open: boolean; onToggle: () => void }) {
  const notes = entry.items.length + entry.messages.length;
  return (
    <Table.Tr data-outcome={entry.outcome}>
      <Table.Td>
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={`Details of run ${entry.id}`}
          aria-expanded={open}
          aria-controls={open ? `audit-details-${entry.id}` : undefined}
          onClick={onToggle}
        >
          {open ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
        </ActionIcon>
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <OutcomeBadge outcome={entry.outcome} size="xs" />
          {notes > 0 && (
            <Text size="xs" c="dimmed">
              {entry.items.length > 0 && `${entry.items.length} changed`}
              {entry.items.length > 0 && entry.messages.length > 0 && ' · '}
              {entry.messages.length > 0 && `${entry.messages.length} ${entry.messages.length === 1 ? 'message' : 'messages'}`}
            </Text>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        {entry.issue ? (
          <Anchor component={Link} to={paths.issue(entry.issue)} size="sm">
            {entry.issue}
          </Anchor>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" title={entry.trigger}>
          {topicLabel(entry.trigger)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          <RelativeTime value={entry.startedAt} />
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDuration(entry.durationMs)}</Text>
      </Table.Td>
    </Table.Tr>
  );
}

function AuditDetails({ entry }: { entry: AutomationAuditEntry }) {
  return (
    <Stack gap="xs">
      <div>
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          Changed
        </Text>
        {entry.items.length === 0 ? (
          <Text size="sm">Nothing</Text>
        ) : (
          <List size="sm" spacing={2} aria-label="Changed">
            {entry.items.map((item, i) => (
              <List.Item key={`${item.key}-${i}`}>
                <Anchor component={Link} to={paths.issue(item.key)} size="sm">
                  {item.key}
                </Anchor>{' '}
                {item.change}
              </List.Item>
            ))}
          </List>
        )}
      </div>
      <div>
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          Messages
        </Text>
        {entry.messages.length === 0 ? (
          <Text size="sm">None</Text>
        ) : (
          <List size="sm" spacing={2} aria-label="Messages">
            {entry.messages.map((m, i) => (
              <List.Item key={i} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {m}
              </List.Item>
            ))}
          </List>
        )}
      </div>
      <Text size="xs" c="dimmed">
        Event {entry.eventId ?? '—'} at {formatDateTime(new Date(entry.eventAt))} · started{' '}
        {formatDateTime(new Date(entry.startedAt))} · rule depth {entry.depth}
      </Text>
    </Stack>
  );
}
