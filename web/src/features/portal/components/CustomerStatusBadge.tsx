import { StatusBadge } from '@/components/StatusBadge';
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
  return <StatusBadge status={status} size={size} uppercase />;
}
