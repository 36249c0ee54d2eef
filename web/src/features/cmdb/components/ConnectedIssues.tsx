import { Anchor, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { IssueTypeIcon } from '@/components/IssueTypeIcon';
import { PageError } from '@/components/PageError';
import { StatusBadge } from '@/components/StatusBadge';
import { paths } from '@/lib/paths';
import { useObjectIssues } from '../api/objects';

const FIRST = 10;

/** Issues whose object fields hold the object (only those the user may see), newest first. */
export function ConnectedIssues({ objectKey }: { objectKey: string }) {
  const issues = useObjectIssues(objectKey);
  const [all, setAll] = useState(false);
  if (issues.isPending) {
    return (
      <Stack gap={6} role="status" aria-label="Loading connected issues">
        <Skeleton height={20} />
        <Skeleton height={20} />
      </Stack>
    );
  }
  if (issues.isError) return <PageError error={issues.error} onRetry={() => void issues.refetch()} />;
  if (issues.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No issues refer to this object.
      </Text>
    );
  }
  const shown = all ? issues.data : issues.data.slice(0, FIRST);
  return (
    <Stack gap="xs">
      <Stack gap={8} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {shown.map((issue) => (
          <li key={`${issue.key} ${issue.field}`}>
            <Group gap="xs" wrap="nowrap" align="flex-start">
              <IssueTypeIcon name={issue.issueType} size={18} withTitle />
              <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                <Group gap={6} wrap="wrap">
                  <Anchor component={Link} to={paths.issue(issue.key)} size="sm" fw={600}>
                    {issue.key}
                  </Anchor>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {issue.summary}
                  </Text>
                </Group>
                <Group gap={6}>
                  <StatusBadge status={{ name: issue.status, category: issue.statusCategory }} size="xs" />
                  <Text size="xs" c="dimmed">
                    via {issue.field}
                  </Text>
                </Group>
              </Stack>
            </Group>
          </li>
        ))}
      </Stack>
      {issues.data.length > FIRST && (
        <Button variant="subtle" size="xs" onClick={() => setAll((v) => !v)} style={{ alignSelf: 'flex-start' }}>
          {all ? 'Show the newest only' : `Show all ${issues.data.length} issues`}
        </Button>
      )}
    </Stack>
  );
}
