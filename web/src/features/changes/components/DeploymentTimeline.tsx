import { Anchor, Badge, Group, Skeleton, Text, Timeline } from '@mantine/core';
import { IconCheck, IconExternalLink, IconLock, IconPlayerPlay, IconX } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { DeploymentStateBadge } from '@/components/DeploymentStateBadge';
import { errorMessage } from '@/components/PageError';
import { RelativeTime } from '@/components/RelativeTime';
import { deploymentStateColor } from '@/lib/changeRisk';
import { paths } from '@/lib/paths';
import { formatDateTime } from '@/lib/time';
import { useDeployments } from '../api/deployments';
import type { EnvironmentType } from '../api/types';

export interface DeploymentTimelineProps {
  /** Service object key */
  service: string;
  environmentType: EnvironmentType;
  /** How many deployments, newest first */
  limit?: number;
}

const isHttpUrl = (url: string | undefined): url is string => !!url && /^https?:\/\//i.test(url);

function StateIcon({ state }: { state: string }) {
  if (state === 'successful') return <IconCheck size={12} aria-hidden />;
  if (state === 'failed' || state === 'rolled_back') return <IconX size={12} aria-hidden />;
  return <IconPlayerPlay size={10} aria-hidden />;
}

/**
 * A service's deployments, newest first: state (green successful, red failed), pipeline name and
 * sequence number, environment, time, "Gated" when it waits for its change request's approval,
 * and the change request with its status, linked to the issue.
 */
export function DeploymentTimeline({ service, environmentType, limit = 30 }: DeploymentTimelineProps) {
  const deployments = useDeployments({ service, environmentType, limit });
  if (deployments.isPending) return <Skeleton height={200} radius="md" aria-label="Loading the deployments" />;
  if (deployments.isError) {
    return (
      <Text size="sm" c="red.7">
        Could not load the deployments: {errorMessage(deployments.error)}
      </Text>
    );
  }
  if (deployments.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No deployments.
      </Text>
    );
  }
  return (
    <Timeline bulletSize={22} lineWidth={2} active={-1} role="list" aria-label="Deployment timeline">
      {deployments.data.map((d) => (
        <Timeline.Item
          key={`${d.pipeline.id}/${d.environment.id}/${d.deploymentSequenceNumber}`}
          role="listitem"
          aria-label={`${d.pipeline.displayName} #${d.deploymentSequenceNumber} ${d.state}`}
          bullet={<StateIcon state={d.state} />}
          color={deploymentStateColor(d.state)}
          styles={{ itemBullet: { backgroundColor: `var(--mantine-color-${deploymentStateColor(d.state)}-6)`, color: 'white' } }}
          title={
            <Group gap={6} wrap="wrap">
              <Text size="sm" fw={600}>
                {d.pipeline.displayName} #{d.deploymentSequenceNumber}
              </Text>
              <DeploymentStateBadge state={d.state} size="xs" />
              {d.gating && (
                <Badge color="violet" variant="light" size="xs" radius="sm" tt="none" leftSection={<IconLock size={10} aria-hidden />}>
                  Gated
                </Badge>
              )}
            </Group>
          }
        >
          <Text size="xs" c="dimmed">
            {d.environment.displayName} ({d.environment.type}) · {formatDateTime(new Date(d.lastUpdated))} ·{' '}
            <RelativeTime value={d.lastUpdated} />
          </Text>
          {d.changeRequest && (
            <Text size="sm" mt={2}>
              Change request{' '}
              <Anchor component={Link} to={paths.issue(d.changeRequest.key)} fw={500}>
                {d.changeRequest.key}
              </Anchor>{' '}
              <Text span c="dimmed" size="sm">
                · {d.changeRequest.status}
              </Text>
            </Text>
          )}
          {isHttpUrl(d.url) && (
            <Anchor href={d.url} target="_blank" rel="noreferrer noopener" size="xs">
              <Group gap={2} component="span" wrap="nowrap">
                Open in the pipeline <IconExternalLink size={12} aria-hidden />
              </Group>
            </Anchor>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
