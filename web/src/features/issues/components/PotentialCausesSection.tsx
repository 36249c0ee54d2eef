import { Anchor, Badge, Button, Group, Paper, Select, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLink, IconRocket } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { DeploymentStateBadge } from '@/components/DeploymentStateBadge';
import { IssueTypeIcon } from '@/components/IssueTypeIcon';
import { errorMessage } from '@/components/PageError';
import { RelativeTime } from '@/components/RelativeTime';
import { paths } from '@/lib/paths';
import { usePotentialCauses, useSelectPotentialCause } from '../api/potentialCauses';
import type { PotentialCause } from '../api/types';
import { Section } from './Section';

const PERIODS = [
  { value: '1', label: 'Last 24 hours' },
  { value: '7', label: 'Last 7 days' },
  { value: '14', label: 'Last 14 days' },
  { value: '30', label: 'Last 30 days' },
];

export interface PotentialCausesSectionProps {
  issueKey: string;
  /** Agents select a cause; others only see the candidates */
  canEdit: boolean;
}

/**
 * "Potential causes" of an incident: the recent changes and deployments on its affected services,
 * newest first, each with its status, the deployment (state, pipeline and sequence number,
 * environment), the services and when; "Select as potential cause" links the change to the
 * incident ("causes"), after which it shows as selected.
 */
export function PotentialCausesSection({ issueKey, canEdit }: PotentialCausesSectionProps) {
  const [days, setDays] = useState(7);
  const causes = usePotentialCauses(issueKey, days);
  const select = useSelectPotentialCause(issueKey);
  const [choosing, setChoosing] = useState<string | null>(null);

  const choose = (cause: PotentialCause) => {
    setChoosing(cause.change.key);
    select.mutate(cause.change.key, {
      onSuccess: () =>
        notifications.show({
          color: 'green',
          message: `${cause.change.key} is linked to ${issueKey.toUpperCase()} as a potential cause.`,
        }),
      onError: (error) =>
        notifications.show({ color: 'red', title: `Could not select ${cause.change.key}`, message: errorMessage(error) }),
      onSettled: () => setChoosing(null),
    });
  };

  const period = PERIODS.find((p) => p.value === String(days))?.label.toLowerCase() ?? `last ${days} days`;

  return (
    <Section
      title="Potential causes"
      actions={
        <Select
          aria-label="Period"
          size="xs"
          w={140}
          data={PERIODS}
          value={String(days)}
          onChange={(v) => v && setDays(Number(v))}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      }
    >
      {causes.isPending ? (
        <Skeleton height={64} radius="md" aria-label="Loading potential causes" />
      ) : causes.isError ? (
        <Text size="sm" c="red.7">
          Could not load the potential causes: {errorMessage(causes.error)}
        </Text>
      ) : causes.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No changes or deployments on the affected services in the {period}.
        </Text>
      ) : (
        <Paper withBorder radius="sm">
          <Stack component="ul" gap={0} m={0} p={0} style={{ listStyle: 'none' }} aria-label="Potential causes">
            {causes.data.map((cause, i) => (
              <CauseRow
                key={`${cause.change.key}-${i}`}
                cause={cause}
                canEdit={canEdit}
                busy={choosing === cause.change.key}
                disabled={choosing !== null}
                onSelect={() => choose(cause)}
                last={i === causes.data.length - 1}
              />
            ))}
          </Stack>
        </Paper>
      )}
    </Section>
  );
}

interface CauseRowProps {
  cause: PotentialCause;
  canEdit: boolean;
  busy: boolean;
  disabled: boolean;
  onSelect: () => void;
  last: boolean;
}

function CauseRow({ cause, canEdit, busy, disabled, onSelect, last }: CauseRowProps) {
  const { change, deployment } = cause;
  return (
    <Group
      component="li"
      aria-label={`${change.key} ${change.summary}`}
      justify="space-between"
      wrap="wrap"
      gap="xs"
      px="sm"
      py={8}
      style={last ? undefined : { borderBottom: '1px solid var(--mantine-color-gray-2)' }}
    >
      <Stack gap={4} style={{ flex: 1, minWidth: 220 }}>
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <IssueTypeIcon name="Change" size={18} />
          <Anchor component={Link} to={paths.issue(change.key)} size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
            {change.key}
          </Anchor>
          <Text size="sm" truncate>
            {change.summary}
          </Text>
          <Badge variant="default" size="sm" radius="sm" tt="none" style={{ flexShrink: 0 }}>
            {change.status}
          </Badge>
        </Group>
        <Group gap="xs" wrap="wrap">
          {deployment && (
            <Group gap={6} wrap="nowrap">
              <IconRocket size={14} aria-hidden />
              <DeploymentStateBadge state={deployment.state} size="xs" />
              <Text size="xs">
                {deployment.pipeline.displayName} #{deployment.deploymentSequenceNumber} to {deployment.environment.displayName}
              </Text>
            </Group>
          )}
          {cause.services.length > 0 && (
            <Text size="xs" c="dimmed">
              {cause.services.map((s) => s.label).join(', ')}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            <RelativeTime value={cause.at} />
          </Text>
        </Group>
      </Stack>
      {cause.linked ? (
        <Badge color="green" variant="light" radius="sm" tt="none" leftSection={<IconLink size={12} aria-hidden />}>
          Selected as potential cause
        </Badge>
      ) : (
        canEdit && (
          <Button size="xs" variant="light" onClick={onSelect} loading={busy} disabled={disabled && !busy}>
            Select as potential cause
          </Button>
        )
      )}
    </Group>
  );
}
