import { Badge } from '@mantine/core';
import type { BadgeProps } from '@mantine/core';
import { deploymentStateColor, deploymentStateLabel } from '@/lib/changeRisk';

export interface DeploymentStateBadgeProps {
  /** successful, failed, rolled_back, in_progress, pending, cancelled, unknown */
  state: string;
  size?: BadgeProps['size'];
}

/** A deployment's state: green when successful, red when failed, orange when rolled back. */
export function DeploymentStateBadge({ state, size = 'sm' }: DeploymentStateBadgeProps) {
  return (
    <Badge color={deploymentStateColor(state)} variant="light" size={size} radius="sm" tt="none" style={{ flexShrink: 0 }}>
      {deploymentStateLabel(state)}
    </Badge>
  );
}
