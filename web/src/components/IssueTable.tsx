import { Anchor, Group, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { SearchHit, Status, UserRef } from '@/api/types';
import { paths } from '@/lib/paths';
import { PriorityIcon } from './PriorityIcon';
import { RelativeTime } from './RelativeTime';
import { StatusBadge } from './StatusBadge';
import { UserAvatar } from './UserAvatar';

/** The fields a search answers by default (GET /api/v1/search). */
export const DEFAULT_ISSUE_COLUMNS = ['issuetype', 'key', 'summary', 'status', 'priority', 'assignee', 'updated'] as const;

const COLUMN_LABELS: Record<string, string> = {
  key: 'Key',
  issuetype: 'Type',
  summary: 'Summary',
  status: 'Status',
  priority: 'Priority',
  assignee: 'Assignee',
  reporter: 'Reporter',
  created: 'Created',
  updated: 'Updated',
  resolved: 'Resolved',
  due: 'Due',
  labels: 'Labels',
  resolution: 'Resolution',
  project: 'Project',
};

export interface IssueTableProps {
  issues: readonly SearchHit[];
  /** Field names, in order (a queue's `columns`); defaults to DEFAULT_ISSUE_COLUMNS */
  columns?: readonly string[];
  /** Accessible name of the table, e.g. the queue's name */
  label: string;
}

/** Search hits as a table; the key links to the issue. Scrolls sideways on narrow screens. */
export function IssueTable({ issues, columns = DEFAULT_ISSUE_COLUMNS, label }: IssueTableProps) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => (
              <Table.Th key={c} scope="col">
                {COLUMN_LABELS[c.toLowerCase()] ?? c}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {issues.map((hit) => (
            <Table.Tr key={hit.id}>
              {columns.map((c) => (
                <Table.Td key={c}>{renderCell(hit, c)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function renderCell(hit: SearchHit, column: string): ReactNode {
  const name = column.toLowerCase();
  if (name === 'key') {
    return (
      <Anchor component={Link} to={paths.issue(hit.key)} fw={500} style={{ whiteSpace: 'nowrap' }}>
        {hit.key}
      </Anchor>
    );
  }
  const value = hit.fields[column] ?? hit.fields[name];
  switch (name) {
    case 'status':
      return <StatusBadge status={isStatus(value) ? value : null} />;
    case 'priority':
      return (
        <Group gap={4} wrap="nowrap">
          <PriorityIcon priority={named(value)} />
          <Text size="sm">{named(value)?.name ?? ''}</Text>
        </Group>
      );
    case 'assignee':
    case 'reporter': {
      const user = isUserRef(value) ? value : null;
      return (
        <Group gap={6} wrap="nowrap">
          <UserAvatar user={user} size="sm" decorative />
          <Text size="sm" c={user ? undefined : 'dimmed'}>
            {user ? user.displayName : 'Unassigned'}
          </Text>
        </Group>
      );
    }
    case 'created':
    case 'updated':
    case 'resolved':
      return <RelativeTime value={typeof value === 'string' ? value : null} />;
    case 'summary':
      return (
        <Anchor component={Link} to={paths.issue(hit.key)} c="inherit" size="sm">
          {typeof value === 'string' ? value : ''}
        </Anchor>
      );
    default:
      return <Text size="sm">{formatValue(value)}</Text>;
  }
}

function isStatus(value: unknown): value is Status {
  return typeof value === 'object' && value !== null && 'name' in value && 'category' in value;
}

function isUserRef(value: unknown): value is UserRef {
  return typeof value === 'object' && value !== null && 'username' in value && 'displayName' in value;
}

function named(value: unknown): { name: string } | null {
  if (typeof value === 'object' && value !== null && 'name' in value && typeof value.name === 'string') {
    return { name: value.name };
  }
  return null;
}

/** Any other field: strings, numbers, yes/no, named things, lists of those. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map(formatValue).join(', ');
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.displayName === 'string') return v.displayName;
    if (typeof v.name === 'string') return v.name;
    if (typeof v.key === 'string') return v.key;
  }
  return JSON.stringify(value);
}
