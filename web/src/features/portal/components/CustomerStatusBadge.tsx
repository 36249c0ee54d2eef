import { Badge } from '@mantine/core';
import { statusColor } from '@/components/StatusBadge';
import type { CustomerStatus } from '../api/types';

export interface CustomerStatusBadgeProps {
  status: CustomerStatus;
  size?: 'xs' | 'sm' | 'md' | 'lg';
}

/**
 * The status a customer sees, as an upper-case lozenge coloured by category (grey to do,
 * blue in progress, green done) like the help center of Jira Service Management.
 */
export function CustomerStatusBadge({ status, size = 'sm' }: CustomerStatusBadgeProps) {
  return (
    <Badge
      color={statusColor(status.category)}
      variant={status.category === 'todo' ? 'light' : 'filled'}
      size={size}
      radius="sm"
      data-category={status.category}
      styles={{ root: { flexShrink: 0, maxWidth: 'none' }, label: { overflow: 'visible' } }}
    >
      {status.name}
    </Badge>
  );
}
