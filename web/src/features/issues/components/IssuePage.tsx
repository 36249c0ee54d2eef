import { Anchor, Breadcrumbs, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { PageError } from '@/components/PageError';
import { PageLoader } from '@/components/PageLoader';
import { PriorityIcon } from '@/components/PriorityIcon';
import { RelativeTime } from '@/components/RelativeTime';
import { StatusBadge } from '@/components/StatusBadge';
import { UserAvatar } from '@/components/UserAvatar';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { useIssue } from '../api/issue';

/** /projects/:projectKey/issues/:issueKey — one issue (placeholder view: summary and details). */
export function IssuePage() {
  const { issueKey = '' } = useParams();
  const issue = useIssue(issueKey);
  usePageTitle(issue.data ? `${issue.data.key} ${issue.data.summary}` : issueKey.toUpperCase());

  if (issue.isPending) return <PageLoader variant="skeleton" label={`Loading ${issueKey}`} />;
  if (issue.isError) return <PageError error={issue.error} onRetry={() => void issue.refetch()} />;

  const data = issue.data;
  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to={paths.queues(data.project.key)} size="sm">
          {data.project.name}
        </Anchor>
        <Text size="sm">{data.key}</Text>
      </Breadcrumbs>
      <Title order={1} size="h2">
        {data.summary}
      </Title>
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="issue-description">
            <Title order={2} size="h5" id="issue-description" mb="xs">
              Description
            </Title>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={data.description ? undefined : 'dimmed'}>
              {data.description || 'No description.'}
            </Text>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="issue-details">
            <Title order={2} size="h5" id="issue-details" mb="xs">
              Details
            </Title>
            <Stack gap="xs">
              <Detail label="Status">
                <StatusBadge status={data.status} />
              </Detail>
              <Detail label="Type">{data.issueType?.name ?? '—'}</Detail>
              <Detail label="Priority">
                <Group gap={4}>
                  <PriorityIcon priority={data.priority} />
                  {data.priority?.name ?? 'None'}
                </Group>
              </Detail>
              <Detail label="Assignee">
                <Group gap={6}>
                  <UserAvatar user={data.assignee} size="sm" decorative />
                  {data.assignee?.displayName ?? 'Unassigned'}
                </Group>
              </Detail>
              <Detail label="Reporter">
                <Group gap={6}>
                  <UserAvatar user={data.reporter} size="sm" decorative />
                  {data.reporter?.displayName ?? '—'}
                </Group>
              </Detail>
              <Detail label="Created">
                <RelativeTime value={data.created} />
              </Detail>
              <Detail label="Updated">
                <RelativeTime value={data.updated} />
              </Detail>
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap="sm" wrap="nowrap" align="center">
      <Text size="sm" c="dimmed" w={90} style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </Group>
  );
}
