import { Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconChartBar, IconHourglassEmpty, IconRocket } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';

/**
 * /projects/:projectKey/reports — the project's reports: changes by type, and deployments with
 * their change failure rate; workload, SLA and incident reports arrive with reports and dashboards
 * (S12).
 */
export function ReportsPage() {
  usePageTitle('Reports');
  const { projectKey = '' } = useParams();
  return (
    <Stack gap="md">
      <Stack gap={2}>
        <Title order={1} size="h2">
          Reports
        </Title>
        <Text size="sm" c="dimmed">
          How the project's work goes, month by month.
        </Text>
      </Stack>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
        <ReportCard
          to={paths.report(projectKey, 'changes-by-type')}
          icon={<IconChartBar size={20} />}
          title="Changes by type"
          description="Standard, normal and emergency changes created each month."
        />
        <ReportCard
          to={paths.deployments(projectKey)}
          icon={<IconRocket size={20} />}
          title="Deployments"
          description="Deployments per service and their change failure rate."
        />
        <Card withBorder radius="md" padding="md" c="dimmed">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon variant="light" color="gray" size="lg" radius="md" aria-hidden>
              <IconHourglassEmpty size={20} />
            </ThemeIcon>
            <Stack gap={2}>
              <Text fw={600}>More reports are coming</Text>
              <Text size="sm">Workload, SLAs, incidents by priority and DORA metrics arrive with reports and dashboards (S12).</Text>
            </Stack>
          </Group>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}

function ReportCard({ to, icon, title, description }: { to: string; icon: ReactNode; title: string; description: string }) {
  return (
    <Card withBorder radius="md" padding="md" component={Link} to={to} aria-label={title}>
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
          {icon}
        </ThemeIcon>
        <Stack gap={2}>
          <Text fw={600} c="blue.8">
            {title}
          </Text>
          <Text size="sm" c="dimmed">
            {description}
          </Text>
        </Stack>
      </Group>
    </Card>
  );
}
