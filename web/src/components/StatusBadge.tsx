import { Badge } from '@mantine/core';
import type { Status, StatusCategory } from '@/api/types';

/** Badge colour of each status category: grey to do, blue in progress, green done (S3.3). */
export const STATUS_CATEGORY_COLORS: Record<StatusCategory, string> = {
  todo: 'gray',
  in_progress: 'blue',
  done: 'green',
};

const CATEGORY_LABELS: Record<StatusCategory, string> = {
  todo: 'To do',
  in_progress: 'In progress',
  done: 'Done',
};

export function statusColor(category: StatusCategory | undefined): string {
  return category ? STATUS_CATEGORY_COLORS[category] : 'gray';
}

export interface StatusBadgeProps {
  status: Pick<Status, 'name' | 'category'> | null | undefined;
  size?: 'xs' | 'sm' | 'md' | 'lg';
  /**
   * The customer portal's look: an upper-case lozenge that never shrinks or truncates its
   * label, without the agent view's "name (category)" title.
   */
  uppercase?: boolean;
}

/** An issue's status, coloured by its category. */
export function StatusBadge({ status, size = 'sm', uppercase = false }: StatusBadgeProps) {
  if (!status) {
    return (
      <Badge color="gray" variant="outline" size={size}>
        No status
      </Badge>
    );
  }
  return (
    <Badge
      color={statusColor(status.category)}
      variant={status.category === 'todo' ? 'light' : 'filled'}
      size={size}
      radius="sm"
      title={uppercase ? undefined : `${status.name} (${CATEGORY_LABELS[status.category]})`}
      data-category={status.category}
      style={uppercase ? undefined : { textTransform: 'none' }}
      styles={uppercase ? { root: { flexShrink: 0, maxWidth: 'none' }, label: { overflow: 'visible' } } : undefined}
    >
      {status.name}
    </Badge>
  );
}
