import { Anchor, Group, Stack, Title } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { PageError } from '@/components/PageError';
import { findIssueKind, issueKindJql } from '@/lib/issueKinds';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { SearchResultsView } from './SearchResultsView';

/** /projects/:projectKey/list/:kind — the project's issues of one type (a JQL search). */
export function IssueListPage() {
  const { projectKey = '', kind: slug } = useParams();
  const kind = findIssueKind(slug);
  usePageTitle(kind ? `${kind.label} · ${projectKey}` : undefined);
  if (!kind) return <PageError error={new Error(`There is no issue list "${slug ?? ''}".`)} title="Not found" />;
  const jql = issueKindJql(projectKey, kind);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="baseline">
        <Title order={1} size="h2">
          {kind.label}
        </Title>
        <Anchor component={Link} to={paths.search(jql)} size="sm">
          Open in search
        </Anchor>
      </Group>
      <SearchResultsView jql={jql} label={kind.label} />
    </Stack>
  );
}
