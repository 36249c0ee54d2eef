import { Badge } from '@mantine/core';
import { outcomeStyle } from '../lib/outcomes';

export interface OutcomeBadgeProps {
  outcome: string;
  size?: 'xs' | 'sm' | 'md';
}

/** The outcome of an execution: SUCCESS green, NO_ACTIONS grey, SOME_ERRORS orange, FAILED red… */
export function OutcomeBadge({ outcome, size = 'sm' }: OutcomeBadgeProps) {
  const style = outcomeStyle(outcome);
  return (
    <Badge
      color={style.color}
      variant={outcome === 'NO_ACTIONS' ? 'light' : 'filled'}
      size={size}
      radius="sm"
      title={style.description}
      data-outcome={outcome}
      style={{ flexShrink: 0 }}
    >
      {outcome}
    </Badge>
  );
}
