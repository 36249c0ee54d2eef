import { Anchor, Breadcrumbs, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { PageError } from '@/components/PageError';
import { PageLoader } from '@/components/PageLoader';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { useChangesByType } from '../api/changesByType';
import { SERIES, toBars, totals } from '../lib/changesByType';
import tableClasses from '@/components/DataTable.module.css';
import { StackedBarChart } from './StackedBarChart';

const PERIODS = [
  { value: '6', label: 'Last 6 months' },
  { value: '12', label: 'Last 12 months' },
  { value: '24', label: 'Last 24 months' },
  { value: '36', label: 'Last 36 months' },
];

/**
 * /projects/:projectKey/reports/changes-by-type?months= — changes created per month by change type:
 * totals, a stacked bar chart and the same numbers as a table.
 */
export function ChangesByTypePage() {
  usePageTitle('Changes by type');
  const { projectKey = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const months = Number(PERIODS.find((p) => p.value === params.get('months'))?.value ?? 12);
  const report = useChangesByType(months);
  const bars = toBars(report.data ?? []);
  const sum = totals(bars);
  const share = (n: number) => (sum.all > 0 ? `${Math.round((n / sum.all) * 100)}%` : '—');

  return (
    <Stack gap="md">
      <Breadcrumbs>
        <Anchor component={Link} to={paths.reports(projectKey)} size="sm">
          Reports
        </Anchor>
        <Text size="sm" c="dimmed">
          Changes by type
        </Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={1} size="h2">
            Changes by type
          </Title>
          <Text size="sm" c="dimmed">
            Changes created each month: standard (pre-approved), normal and emergency.
          </Text>
        </Stack>
        <Select
          label="Period"
          data={PERIODS}
          value={String(months)}
          onChange={(v) => setParams(v && v !== '12' ? { months: v } : {}, { replace: true })}
          allowDeselect={false}
          w={180}
          comboboxProps={{ withinPortal: true }}
        />
      </Group>

      {report.isPending ? (
        <PageLoader variant="skeleton" label="Loading the report" />
      ) : report.isError ? (
        <PageError error={report.error} onRetry={() => void report.refetch()} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
            <Figure label="Changes" value={String(sum.all)} />
            <Figure label="Standard" value={share(sum.standard)} note={`${sum.standard} changes`} />
            <Figure label="Normal" value={share(sum.normal)} note={`${sum.normal} changes`} />
            <Figure label="Emergency" value={String(sum.emergency)} note={share(sum.emergency)} />
          </SimpleGrid>
          <Paper withBorder radius="md" p="md">
            <StackedBarChart bars={bars} series={SERIES} title={`Changes by type per month, last ${months} months`} />
          </Paper>
          <div className={tableClasses.frame}>
            <Table className={tableClasses.table} aria-label="Changes by type per month" verticalSpacing={6} miw={560}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Month</Table.Th>
                  {SERIES.map((s) => (
                    <Table.Th key={s.key} ta="right">
                      {s.label}
                    </Table.Th>
                  ))}
                  <Table.Th ta="right">All</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {bars.map((bar) => (
                  <Table.Tr key={bar.month}>
                    <Table.Td>{bar.label}</Table.Td>
                    {SERIES.map((s) => (
                      <Table.Td key={s.key} ta="right">
                        {bar.values[s.key]}
                      </Table.Td>
                    ))}
                    <Table.Td ta="right" fw={600}>
                      {bar.total}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        </>
      )}
    </Stack>
  );
}

function Figure({ label, value, note }: { label: string; value: string; note?: string }) {
  return (
    <Paper withBorder radius="md" p="sm" role="group" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </Paper>
  );
}
