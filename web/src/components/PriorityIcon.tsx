import {
  IconChevronDown,
  IconChevronsDown,
  IconChevronsUp,
  IconChevronUp,
  IconEqual,
  IconMinus,
} from '@tabler/icons-react';
import type { Icon } from '@tabler/icons-react';
import type { NamedRef } from '@/api/types';

const PRIORITIES: Record<string, { icon: Icon; color: string }> = {
  critical: { icon: IconChevronsUp, color: 'var(--mantine-color-red-7)' },
  highest: { icon: IconChevronsUp, color: 'var(--mantine-color-red-7)' },
  high: { icon: IconChevronUp, color: 'var(--mantine-color-orange-7)' },
  medium: { icon: IconEqual, color: 'var(--mantine-color-yellow-7)' },
  low: { icon: IconChevronDown, color: 'var(--mantine-color-blue-6)' },
  lowest: { icon: IconChevronsDown, color: 'var(--mantine-color-teal-6)' },
};

export interface PriorityIconProps {
  priority: Pick<NamedRef, 'name'> | null | undefined;
  size?: number;
}

/** The priority as an arrow icon (S3.5: Critical, High, Medium, Low, Lowest), named for screen readers. */
export function PriorityIcon({ priority, size = 18 }: PriorityIconProps) {
  const name = priority?.name ?? 'None';
  const known = PRIORITIES[name.toLowerCase()];
  const IconComponent = known?.icon ?? IconMinus;
  return (
    <IconComponent
      role="img"
      aria-label={`Priority: ${name}`}
      size={size}
      stroke={2}
      color={known?.color ?? 'var(--mantine-color-gray-6)'}
      style={{ flexShrink: 0 }}
    >
      <title>{`Priority: ${name}`}</title>
    </IconComponent>
  );
}
