import { Badge } from '@mantine/core';
import type { BadgeProps } from '@mantine/core';
import { riskColor } from '@/lib/changeRisk';

export interface RiskBadgeProps {
  /** Low, Medium, High or Critical; nothing shows "No risk" */
  level: string | null | undefined;
  size?: BadgeProps['size'];
  /** "High risk" rather than "High" */
  withSuffix?: boolean;
}

/** A change's risk level, green (Low) to red (Critical). */
export function RiskBadge({ level, size = 'sm', withSuffix = false }: RiskBadgeProps) {
  return (
    <Badge
      color={riskColor(level)}
      variant={level === 'Critical' || level === 'High' ? 'filled' : 'light'}
      size={size}
      radius="sm"
      tt="none"
      data-risk={level ?? 'none'}
      style={{ flexShrink: 0 }}
    >
      {level ? `${level}${withSuffix ? ' risk' : ''}` : 'No risk'}
    </Badge>
  );
}
