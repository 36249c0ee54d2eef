import { Anchor, Group, Paper, Select, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { IconRocket } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyState } from '@/components/EmptyState';
import { PageError } from '@/components/PageError';
import { PageLoader } from '@/components/PageLoader';
import { RelativeTime } from '@/components/RelativeTime';
import { formatPercent } from '@/lib/changeRisk';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { useDeploymentStats } from '../api/deployments';
import type { EnvironmentType, ServiceDeploymentStats } from '../api/types';
import { ENVIRONMENT_TYPES } from '../lib/settingsForm';
import tableClasses from '@/components/DataTable.module.css';
import classes from './Changes.module.css';
import { DeploymentTimeline } from './DeploymentTimeline';

const PERIODS = [
  { value: '30', label: 'Last 30 days' },
  { value: '90', label: 'Last 90 days' },
  { value: '180', label: 'Last 180 days' },
  { value: '365', label: 'Last 365 days' },
];

/** A change failure rate this high is shown in red (DORA's "low performers" start around 15%). */
const HIGH_FAILURE_RATE = 0.15;

/**
 * /projects/:projectKey/deployments?service=&environment=&days= — deployments per service: a table
 * of the services with deployments in the period (deployments, successful, failed, change failure
 * rate, last deployment), most deployed first; choosing one shows its deployments as a timeline.
 * The first service is chosen when none is in the URL.
 */
export function DeploymentsPage() {
  usePageTitle('Deployments');
  const [params, setParams] = useSearchParams();
  const environmentType = (ENVIRONMENT_TYPES.find((t) => t.value === params.get('environment'))?.value ??
    'production') as EnvironmentType;
  const days = Number(PERIODS.find((p) => p.value === params.get('days'))?.value ?? 90);
  const stats = useDeploymentStats({ days, environmentType });
  const rows = stats.data ?? [];
  const chosen = params.get('service');
  const selected = rows.find((r) => r.service.key === chosen) ?? (chosen ? undefined : rows[0]);

  const update = (name: string, value: string | null) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  return (
    <Stack gap="md">
      <Stack gap={2}>
        <Title order={1} size="h2">
          Deployments
        </Title>
        <Text size="sm" c="dimmed">
          What CI/CD pipelines deployed to each service, and how often a deployment failed (change failure rate).
        </Text>
      </Stack>

      <Group gap="sm" wrap="wrap">
        <Select
          label="Environment"
          data={ENVIRONMENT_TYPES.map((t) => ({ value: t.value, label: t.label }))}
          value={environmentType}
          onChange={(v) => update('environment', v === 'production' ? null : v)}
          allowDeselect={false}
          w={180}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label="Period"
          data={PERIODS}
          value={String(days)}
          onChange={(v) => update('days', v === '90' ? null : v)}
          allowDeselect={false}
          w={180}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>

      {stats.isPending ? (
        <PageLoader variant="skeleton" label="Loading deployments" />
      ) : stats.isError ? (
        <PageError error={stats.error} onRetry={() => void stats.refetch()} />
      ) : rows.length === 0 ? (
        <EmptyState
          icon={<IconRocket size={30} />}
          title="No deployments"
          description={`No deployments to ${environmentType} environments were reported in the last ${days} days.`}
        />
      ) : (
        <div className={classes.servicesLayout}>
          <ServicesTable
            rows={rows}
            selected={selected?.service.key}
            onSelect={(key) => update('service', key)}
          />
          <Paper withBorder radius="md" p="md" component="section" aria-label={selected ? `Deployments of ${selected.service.label}` : 'Deployments'}>
            {selected ? (
              <Stack gap="sm">
                <Group justify="space-between" wrap="wrap" gap="xs">
                  <Title order={2} size="h4">
                    {selected.service.label}
                  </Title>
                  <Anchor component={Link} to={paths.cmdbObject(selected.service.key)} size="sm">
                    {selected.service.key} in Services
                  </Anchor>
                </Group>
                <DeploymentTimeline service={selected.service.key} environmentType={environmentType} />
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                {chosen ? `${chosen} has no deployments in this period.` : 'Choose a service to see its deployments.'}
              </Text>
            )}
          </Paper>
        </div>
      )}
    </Stack>
  );
}

interface ServicesTableProps {
  rows: ServiceDeploymentStats[];
  selected: string | undefined;
  onSelect: (key: string) => void;
}

function ServicesTable({ rows, selected, onSelect }: ServicesTableProps) {
  return (
    <div className={tableClasses.frame}>
      <Table className={tableClasses.table} aria-label="Services" verticalSpacing={8} miw={560}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Service</Table.Th>
            <Table.Th ta="right">Deployments</Table.Th>
            <Table.Th ta="right">Successful</Table.Th>
            <Table.Th ta="right">Failed</Table.Th>
            <Table.Th ta="right">Change failure rate</Table.Th>
            <Table.Th>Last deployed</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            const isSelected = row.service.key === selected;
            const high = row.changeFailureRate >= HIGH_FAILURE_RATE;
            return (
              <Table.Tr key={row.service.key} className={isSelected ? classes.selectedRow : undefined} aria-selected={isSelected}>
                <Table.Td>
                  <UnstyledButton
                    className={classes.serviceButton}
                    onClick={() => onSelect(row.service.key)}
                    aria-pressed={isSelected}
                    fz="sm"
                  >
                    {row.service.label}
                  </UnstyledButton>
                </Table.Td>
                <Table.Td ta="right">{row.total}</Table.Td>
                <Table.Td ta="right">{row.successful}</Table.Td>
                <Table.Td ta="right" c={row.failed > 0 ? 'red.8' : undefined}>
                  {row.failed}
                </Table.Td>
                <Table.Td ta="right" fw={600} c={high ? 'red.8' : undefined}>
                  {formatPercent(row.changeFailureRate)}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <RelativeTime value={row.lastDeployedAt} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </div>
  );
}
