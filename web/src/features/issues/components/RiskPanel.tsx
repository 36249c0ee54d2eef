import { Alert, Badge, Group, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle, IconClockCheck, IconUsersGroup } from '@tabler/icons-react';
import type { RiskAssessment } from '@/api/types';
import { errorMessage } from '@/components/PageError';
import { RelativeTime } from '@/components/RelativeTime';
import { RiskBadge } from '@/components/RiskBadge';
import { useChangeRisk } from '../api/risk';
import { Section } from './Section';

/**
 * "Risk" of a change: the level (green Low to red Critical) and score, "CAB review required"
 * when the model says so, the reasons as a table (each factor, the answer, its points) and the
 * lead time — a warning when the planned start leaves less notice than the risk needs. Nothing
 * shows for changes without an assessment (standard changes).
 */
export function RiskPanel({ issueKey }: { issueKey: string }) {
  const risk = useChangeRisk(issueKey);
  if (risk.isPending) {
    return (
      <Section title="Risk">
        <Skeleton height={96} radius="md" aria-label="Loading the risk assessment" />
      </Section>
    );
  }
  if (risk.isError) {
    return (
      <Section title="Risk">
        <Text size="sm" c="red.7">
          Could not load the risk assessment: {errorMessage(risk.error)}
        </Text>
      </Section>
    );
  }
  if (!risk.data) return null;
  return <RiskAssessmentView risk={risk.data} />;
}

export function RiskAssessmentView({ risk }: { risk: RiskAssessment }) {
  return (
    <Section title="Risk">
      <Paper withBorder radius="md" p="sm" aria-label="Risk assessment" role="group">
        <Stack gap="sm">
          <Group gap="sm" wrap="wrap" justify="space-between">
            <Group gap="sm" wrap="wrap">
              <RiskBadge level={risk.level} size="lg" withSuffix />
              <Text size="sm" fw={600}>
                Score {risk.score}
              </Text>
              {risk.requiresCab && (
                <Badge color="violet" variant="light" radius="sm" tt="none" leftSection={<IconUsersGroup size={12} aria-hidden />}>
                  CAB review required
                </Badge>
              )}
            </Group>
            <Text size="xs" c="dimmed">
              Assessed <RelativeTime value={risk.computedAt} />
            </Text>
          </Group>

          {risk.reasons.length > 0 && (
            <Table aria-label="Risk reasons" verticalSpacing={4} fz="sm" withRowBorders>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Factor</Table.Th>
                  <Table.Th>Answer</Table.Th>
                  <Table.Th ta="right">Score</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {risk.reasons.map((reason) => (
                  <Table.Tr key={reason.factor}>
                    <Table.Td>{reason.factor}</Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>{reason.value}</Table.Td>
                    <Table.Td ta="right" fw={reason.score > 0 ? 600 : undefined} c={reason.score > 0 ? undefined : 'dimmed'}>
                      {reason.score > 0 ? `+${reason.score}` : reason.score}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}

          {risk.leadTime && <LeadTimeNotice leadTime={risk.leadTime} level={risk.level} />}
        </Stack>
      </Paper>
    </Section>
  );
}

type LeadTime = NonNullable<RiskAssessment['leadTime']>;

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

/** "12.5" → "12.5", "3" → "3" (notice can be fractional). */
const formatDays = (n: number) => days(Math.round(n * 10) / 10);

function LeadTimeNotice({ leadTime, level }: { leadTime: LeadTime; level: string }) {
  const notice = leadTime.noticeDays;
  if (leadTime.ok) {
    return (
      <Group gap={6} wrap="nowrap">
        <IconClockCheck size={16} color="var(--mantine-color-green-7)" aria-hidden />
        <Text size="sm">
          Lead time met:{' '}
          {notice !== undefined && notice !== null ? `${formatDays(notice)} of notice, ` : ''}
          {days(leadTime.requiredDays)} needed for {level.toLowerCase()}-risk changes.
        </Text>
      </Group>
    );
  }
  return (
    <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title="Short notice" p="xs">
      <Text size="sm">
        {notice !== undefined && notice !== null
          ? `The planned start is ${formatDays(notice)} after the change was raised`
          : 'The change has no planned start yet'}
        ; {level.toLowerCase()}-risk changes need {days(leadTime.requiredDays)} of notice.
      </Text>
    </Alert>
  );
}
