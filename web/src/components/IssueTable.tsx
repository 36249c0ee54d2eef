import { Anchor, Button, Group, Skeleton, Table, Text, UnstyledButton } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconArrowDown, IconArrowUp, IconSelector } from '@tabler/icons-react';
import { useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { SearchHit, Status, UserRef } from '@/api/types';
import { canonicalField } from '@/lib/jqlSyntax';
import type { SortDirection } from '@/lib/jqlSyntax';
import { paths } from '@/lib/paths';
import classes from './IssueTable.module.css';
import { IssueTypeIcon } from './IssueTypeIcon';
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

/** System fields a query may be ordered by (docs/jql.md, "ORDER BY"). */
export const ORDERABLE_SYSTEM_FIELDS: ReadonlySet<string> = new Set([
  'project', 'issuetype', 'status', 'priority', 'resolution', 'assignee', 'reporter', 'summary', 'key',
  'created', 'updated', 'resolved', 'due',
]);

/** Fields whose first click sorts newest / most urgent first. */
const DESCENDING_FIRST = new Set(['created', 'updated', 'resolved', 'due', 'priority']);

/** The header text of a column: "Type", "Created", or a custom field's own name. */
export function columnLabel(column: string): string {
  return COLUMN_LABELS[canonicalField(column)] ?? column;
}

export interface IssueSort {
  /** A field name as in the query or the column (`created`, `Change risk`) */
  field: string;
  direction: SortDirection;
}

export interface IssueTableProps {
  issues: readonly SearchHit[];
  /** Field names, in order (a queue's `columns`); defaults to DEFAULT_ISSUE_COLUMNS */
  columns?: readonly string[];
  /** Accessible name of the table, e.g. the queue's name */
  label: string;
  /** The order the issues are in (the first key of the query's ORDER BY) */
  sort?: IssueSort | null | undefined;
  /** Makes orderable column headers buttons; called with the new order */
  onSortChange?: ((sort: IssueSort) => void) | undefined;
  /** Which columns can be sorted; default: the orderable system fields */
  isSortable?: ((column: string) => boolean) | undefined;
  /** A newer page is loading (sorting, refreshing): the rows are dimmed */
  busy?: boolean | undefined;
  /** All matching issues (the API's `total`) */
  total?: number | undefined;
  /** `total` is a lower bound */
  totalCapped?: boolean | undefined;
  /** There is a next page (the API answered a `next` cursor) */
  hasMore?: boolean | undefined;
  onLoadMore?: (() => void) | undefined;
  loadingMore?: boolean | undefined;
  /** `j`/`k` move between rows anywhere on the page (default true) */
  hotkeys?: boolean | undefined;
}

/**
 * Search hits as a table, the way a queue shows them: type icon, key link, summary, people,
 * status, dates. Orderable headers are sort buttons (with `aria-sort`); the key links to the
 * issue; ↑/↓ or j/k move between rows and Enter opens one. Scrolls sideways on narrow screens.
 */
export function IssueTable({
  issues,
  columns = DEFAULT_ISSUE_COLUMNS,
  label,
  sort,
  onSortChange,
  isSortable = (column) => ORDERABLE_SYSTEM_FIELDS.has(canonicalField(column)),
  busy = false,
  total,
  totalCapped = false,
  hasMore = false,
  onLoadMore,
  loadingMore = false,
  hotkeys = true,
}: IssueTableProps) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const rows = uniqueById(issues);

  const rowLinks = () => Array.from(bodyRef.current?.querySelectorAll<HTMLAnchorElement>('a[data-row-link]') ?? []);
  const move = (delta: number) => {
    const links = rowLinks();
    if (links.length === 0) return;
    const current = links.findIndex((a) => a === document.activeElement || a.closest('tr')?.contains(document.activeElement));
    const next = current < 0 ? (delta > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, current + delta));
    links[next]?.focus();
  };
  useHotkeys(
    hotkeys
      ? [
          ['j', () => move(1)],
          ['k', () => move(-1)],
        ]
      : [],
  );
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowDown' || (!hotkeys && event.key === 'j')) {
      event.preventDefault();
      move(1);
    } else if (event.key === 'ArrowUp' || (!hotkeys && event.key === 'k')) {
      event.preventDefault();
      move(-1);
    } else if (event.key === 'Home') {
      event.preventDefault();
      rowLinks()[0]?.focus();
    } else if (event.key === 'End') {
      event.preventDefault();
      rowLinks().at(-1)?.focus();
    }
  };

  const sortedColumn = sort ? canonicalField(sort.field) : undefined;

  return (
    <div className={classes.frame}>
      <Table.ScrollContainer minWidth={760} type="native">
        <Table
          className={`${classes.table} ${busy ? classes.busy : ''}`}
          verticalSpacing={8}
          horizontalSpacing="sm"
          aria-label={label}
          aria-busy={busy || undefined}
          withRowBorders={false}
        >
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => {
                const name = canonicalField(column);
                const active = sortedColumn === name;
                const direction = active ? sort?.direction : undefined;
                const sortable = onSortChange !== undefined && isSortable(column);
                return (
                  <Table.Th
                    key={column}
                    scope="col"
                    aria-sort={direction === 'ASC' ? 'ascending' : direction === 'DESC' ? 'descending' : undefined}
                    w={name === 'issuetype' ? 52 : undefined}
                  >
                    {sortable ? (
                      <UnstyledButton
                        className={classes.sortButton}
                        onClick={() =>
                          onSortChange({
                            field: column,
                            direction: active
                              ? direction === 'ASC'
                                ? 'DESC'
                                : 'ASC'
                              : DESCENDING_FIRST.has(name)
                                ? 'DESC'
                                : 'ASC',
                          })
                        }
                      >
                        {columnLabel(column)}
                        <SortIcon direction={direction} />
                      </UnstyledButton>
                    ) : (
                      columnLabel(column)
                    )}
                  </Table.Th>
                );
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody ref={bodyRef} onKeyDown={onKeyDown}>
            {rows.map((hit) => (
              <Table.Tr key={hit.id} className={classes.row}>
                {columns.map((c) => (
                  <Table.Td key={c}>{renderCell(hit, c)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {total !== undefined && (
        <div className={classes.footer}>
          <Text size="sm" c="dimmed" role="status">
            {countText(rows.length, total, totalCapped)}
          </Text>
          {hasMore && onLoadMore && (
            <Button size="xs" variant="default" onClick={onLoadMore} loading={loadingMore}>
              Load more
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

/** Pages fetched at different times may both hold an issue that moved in the order: show it once. */
function uniqueById(issues: readonly SearchHit[]): readonly SearchHit[] {
  const seen = new Set<number>();
  return issues.filter((hit) => (seen.has(hit.id) ? false : (seen.add(hit.id), true)));
}

/** "Showing 50 of 83 issues", "1 issue", "Showing 50 of 1000+ issues". */
export function countText(shown: number, total: number, totalCapped = false): string {
  const all = `${total.toLocaleString('en-US')}${totalCapped ? '+' : ''}`;
  const noun = total === 1 && !totalCapped ? 'issue' : 'issues';
  if (shown >= total && !totalCapped) return `${all} ${noun}`;
  return `Showing ${shown.toLocaleString('en-US')} of ${all} ${noun}`;
}

function SortIcon({ direction }: { direction: SortDirection | undefined }) {
  if (direction === 'ASC') return <IconArrowUp size={14} className={classes.sortIcon} data-active aria-hidden />;
  if (direction === 'DESC') return <IconArrowDown size={14} className={classes.sortIcon} data-active aria-hidden />;
  return <IconSelector size={14} className={classes.sortIcon} aria-hidden />;
}

export interface IssueTableSkeletonProps {
  columns?: readonly string[];
  rows?: number;
  /** What is loading, for screen readers */
  label?: string;
}

/** The table's shape while its first page loads. */
export function IssueTableSkeleton({ columns = DEFAULT_ISSUE_COLUMNS, rows = 8, label = 'Loading issues' }: IssueTableSkeletonProps) {
  return (
    <div className={classes.frame} role="status" aria-live="polite" aria-label={label}>
      <Table.ScrollContainer minWidth={760} type="native">
        <Table className={classes.table} verticalSpacing={10} aria-hidden>
          <Table.Thead>
            <Table.Tr>
              {columns.map((c) => (
                <Table.Th key={c}>{columnLabel(c)}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {Array.from({ length: rows }, (_, i) => (
              <Table.Tr key={i} className={classes.row}>
                {columns.map((c) => (
                  <Table.Td key={c}>
                    <Skeleton height={12} width={canonicalField(c) === 'summary' ? `${60 + ((i * 37) % 35)}%` : '70%'} />
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </div>
  );
}

// ---------------------------------------------------------------------------- cells

function renderCell(hit: SearchHit, column: string): ReactNode {
  const name = canonicalField(column);
  if (name === 'key') {
    return (
      <Anchor component={Link} to={paths.issue(hit.key)} size="sm" className={classes.keyLink} data-row-link>
        {hit.key}
      </Anchor>
    );
  }
  const value = hit.fields[column] ?? hit.fields[name];
  switch (name) {
    case 'issuetype':
      return <IssueTypeIcon name={named(value)?.name} withTitle />;
    case 'status':
      return (
        <span className={classes.status}>
          <StatusBadge status={isStatus(value) ? value : null} />
        </span>
      );
    case 'priority':
      return (
        <Group gap={4} wrap="nowrap">
          <PriorityIcon priority={named(value)} size={16} />
          <Text size="sm">{named(value)?.name ?? ''}</Text>
        </Group>
      );
    case 'assignee':
    case 'reporter': {
      const user = isUserRef(value) ? value : null;
      return (
        <Group gap={6} wrap="nowrap">
          <UserAvatar user={user} size={24} decorative />
          <Text size="sm" c={user ? undefined : 'dimmed'} className={classes.person} title={user?.displayName}>
            {user ? user.displayName : 'Unassigned'}
          </Text>
        </Group>
      );
    }
    case 'created':
    case 'updated':
    case 'resolved':
      return (
        <Text size="sm" component="span" className={classes.nowrap}>
          <RelativeTime value={typeof value === 'string' ? value : null} />
        </Text>
      );
    case 'summary': {
      const text = typeof value === 'string' ? value : '';
      return (
        <Anchor component={Link} to={paths.issue(hit.key)} size="sm" className={classes.summaryLink} underline="hover"
          title={text.length >= 80 ? text : undefined}>
          {text}
        </Anchor>
      );
    }
    case 'resolution':
      return (
        <Text size="sm" c={value ? undefined : 'dimmed'} className={classes.nowrap}>
          {named(value)?.name ?? 'Unresolved'}
        </Text>
      );
    default:
      if (typeof value === 'string' && ISO_DATE_TIME.test(value)) {
        return (
          <Text size="sm" component="span" className={classes.nowrap}>
            <RelativeTime value={value} />
          </Text>
        );
      }
      return <Text size="sm">{formatValue(value)}</Text>;
  }
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

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
    if (typeof v.value === 'string') return v.value;
    // A CMDB object (an object field): its label.
    if (typeof v.label === 'string') return v.label;
    if (typeof v.key === 'string') return v.key;
  }
  return JSON.stringify(value);
}
