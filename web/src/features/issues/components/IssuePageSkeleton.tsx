import { Grid, Group, Paper, Skeleton, Stack } from '@mantine/core';

/** The issue page's shape while it loads: breadcrumbs, title, actions, main column and details. */
export function IssuePageSkeleton({ label }: { label: string }) {
  return (
    <Stack gap="md" role="status" aria-live="polite" aria-label={label}>
      <Skeleton height={14} width={180} />
      <Skeleton height={30} width="60%" />
      <Group gap="xs">
        <Skeleton height={36} width={130} />
        <Skeleton height={36} width={90} />
        <Skeleton height={36} width={100} />
      </Group>
      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, md: 7, xl: 8 }}>
          <Stack gap="sm">
            <Skeleton height={18} width={120} />
            <Skeleton height={14} />
            <Skeleton height={14} />
            <Skeleton height={14} width="70%" />
            <Skeleton height={18} width={120} mt="lg" />
            <Skeleton height={90} />
            <Skeleton height={54} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5, xl: 4 }}>
          <Paper withBorder p="md" radius="md">
            <Stack gap="md">
              {Array.from({ length: 8 }, (_, i) => (
                <Group key={i} gap="md" wrap="nowrap">
                  <Skeleton height={14} width="35%" />
                  <Skeleton height={14} width="50%" />
                </Group>
              ))}
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
