import { Anchor, Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconSnowflake } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { RiskBadge } from '@/components/RiskBadge';
import { StatusBadge } from '@/components/StatusBadge';
import { paths } from '@/lib/paths';
import { formatWindow } from '../lib/calendar';
import type { ChangeSpan } from '../lib/calendarItems';
import tableClasses from '@/components/DataTable.module.css';
import classes from './Changes.module.css';

/**
 * The changes of the calendar's period as a table: key and summary, type, risk, status, planned
 * window, services, and the changes each conflicts with (the row is tinted red) or a freeze it
 * falls in.
 */
export function ChangeTable({ changes }: { changes: readonly ChangeSpan[] }) {
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No changes are planned in this period.
      </Text>
    );
  }
  return (
    <div className={tableClasses.frame}>
      <Table className={tableClasses.table} aria-label="Changes in this period" verticalSpacing={6} miw={880}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Change</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Risk</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Planned</Table.Th>
            <Table.Th>Services</Table.Th>
            <Table.Th>Conflicts</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((span) => {
            const { change } = span;
            const conflict = change.conflicts.length > 0;
            return (
              <Table.Tr key={change.key} className={conflict ? classes.conflictRow : undefined} data-conflict={conflict}>
                <Table.Td maw={320}>
                  <Group gap={6} wrap="nowrap">
                    <Anchor component={Link} to={paths.issue(change.key)} fw={500} style={{ whiteSpace: 'nowrap' }}>
                      {change.key}
                    </Anchor>
                    <Text size="sm" truncate>
                      {change.summary}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>{change.changeType ?? '—'}</Table.Td>
                <Table.Td>{change.risk ? <RiskBadge level={change.risk} size="xs" /> : '—'}</Table.Td>
                <Table.Td>
                  <StatusBadge status={change.status} size="xs" />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <time dateTime={change.plannedStart}>{formatWindow(span.start, span.end)}</time>
                  <Text size="xs" c="dimmed">
                    {span.start.toLocaleDateString()}
                  </Text>
                </Table.Td>
                <Table.Td maw={200}>
                  <Text size="sm" lineClamp={2}>
                    {change.services.map((s) => s.label).join(', ') || '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    {conflict && (
                      <Group gap={4} wrap="wrap" c="red.8">
                        <IconAlertTriangle size={14} aria-hidden />
                        <Text size="sm" fw={600} c="red.8">
                          Conflicts with
                        </Text>
                        {change.conflicts.map((key) => (
                          <Anchor key={key} component={Link} to={paths.issue(key)} size="sm" c="red.8" fw={600}>
                            {key}
                          </Anchor>
                        ))}
                      </Group>
                    )}
                    {change.frozen && (
                      <Badge color="cyan" variant="light" size="sm" radius="sm" tt="none" leftSection={<IconSnowflake size={12} aria-hidden />}>
                        In a freeze window
                      </Badge>
                    )}
                    {!conflict && !change.frozen && (
                      <Text size="sm" c="dimmed">
                        None
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}
