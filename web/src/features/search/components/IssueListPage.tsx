import { Anchor, Breadcrumbs, Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import type { IssueSort } from '@/components/IssueTable';
import { OpenInSearchButton } from '@/components/OpenInSearchButton';
import { PageError } from '@/components/PageError';
import { useCreateIssue } from '@/lib/createIssue';
import { findIssueKind } from '@/lib/issueKinds';
import type { IssueKind } from '@/lib/issueKinds';
import { quoteJql } from '@/lib/jql';
import { withOrderBy } from '@/lib/jqlSyntax';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { SearchResultsView } from './SearchResultsView';

export type StatusFilter = 'all' | 'open' | 'done';

const STATUS_CLAUSES: Record<StatusFilter, string> = {
  all: '',
  open: ' AND statusCategory != Done',
  done: ' AND statusCategory = Done',
};

const LIST_COLUMNS = ['key', 'summary', 'status', 'priority', 'assignee', 'reporter', 'created', 'updated'];

const DEFAULT_SORT: IssueSort = { field: 'created', direction: 'DESC' };

/** `project = "ITO" AND issuetype = "Incident" [AND statusCategory …] ORDER BY created DESC` */
export function issueListJql(projectKey: string, kind: IssueKind, status: StatusFilter, sort: IssueSort = DEFAULT_SORT): string {
  const where = `project = ${quoteJql(projectKey)} AND issuetype = ${quoteJql(kind.issueType)}${STATUS_CLAUSES[status]}`;
  return withOrderBy(where, [sort]);
}

/**
 * /projects/:projectKey/list/:kind — the project's issues of one type (service requests,
 * incidents, problems, changes, post-incident reviews): a status filter (all / open / done),
 * sorting by column and "Load more". Filter and order live in the URL
 * (`?status=open&sort=priority&dir=desc`).
 */
export function IssueListPage() {
  const { projectKey = '', kind: slug } = useParams();
  const kind = findIssueKind(slug);
  const [params, setParams] = useSearchParams();
  const createIssue = useCreateIssue();
  usePageTitle(kind ? `${kind.label} · ${projectKey}` : undefined);
  if (!kind) return <PageError error={new Error(`There is no issue list "${slug ?? ''}".`)} title="Not found" />;

  const statusParam = params.get('status');
  const status: StatusFilter = statusParam === 'open' || statusParam === 'done' ? statusParam : 'all';
  const sortField = params.get('sort');
  const sort: IssueSort = sortField
    ? { field: sortField, direction: params.get('dir')?.toLowerCase() === 'asc' ? 'ASC' : 'DESC' }
    : DEFAULT_SORT;
  const jql = issueListJql(projectKey, kind, status, sort);

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );

  return (
    <Stack gap="sm">
      <Stack gap={4}>
        <Breadcrumbs separator="/" separatorMargin={6}>
          <Anchor component={Link} to={paths.queues(projectKey)} size="sm" c="dimmed">
            {projectKey}
          </Anchor>
          <Text size="sm" c="dimmed">
            Work
          </Text>
        </Breadcrumbs>
        <Group justify="space-between" align="center" gap="sm" wrap="wrap">
          <Title order={1} size="h3">
            {kind.label}
          </Title>
          <Group gap="xs" wrap="wrap">
            <Button
              size="xs"
              variant="default"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => createIssue.open({ projectKey, issueType: kind.issueType })}
            >
              New {kind.issueType.toLowerCase()}
            </Button>
            <OpenInSearchButton jql={jql} />
          </Group>
        </Group>
      </Stack>
      <Group gap="sm" wrap="wrap">
        <SegmentedControl
          size="xs"
          aria-label="Status"
          value={status}
          onChange={(value) => update({ status: value === 'all' ? null : value })}
          data={[
            { value: 'all', label: 'All' },
            { value: 'open', label: 'Open' },
            { value: 'done', label: 'Done' },
          ]}
        />
      </Group>
      <SearchResultsView
        jql={jql}
        columns={LIST_COLUMNS}
        label={kind.label}
        sort={sort}
        onSortChange={(next) => update({ sort: next.field, dir: next.direction.toLowerCase() })}
        emptyTitle={`No ${kind.label.toLowerCase()}`}
        emptyDescription={
          status === 'all'
            ? `There are no ${kind.label.toLowerCase()} in ${projectKey} that you may see.`
            : `No ${kind.label.toLowerCase()} match this status filter.`
        }
      />
    </Stack>
  );
}
