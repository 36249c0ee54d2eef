import { ThemeIcon } from '@mantine/core';
import {
  IconAlertOctagon,
  IconArrowsExchange,
  IconBug,
  IconCheckbox,
  IconCircleDot,
  IconClipboardCheck,
  IconHeadset,
  IconSubtask,
} from '@tabler/icons-react';
import type { Icon } from '@tabler/icons-react';

const TYPES: Record<string, { icon: Icon; color: string }> = {
  'service request': { icon: IconHeadset, color: 'blue' },
  incident: { icon: IconAlertOctagon, color: 'red' },
  problem: { icon: IconBug, color: 'orange' },
  change: { icon: IconArrowsExchange, color: 'teal' },
  'post-incident review': { icon: IconClipboardCheck, color: 'grape' },
  task: { icon: IconCheckbox, color: 'blue' },
  'sub-task': { icon: IconSubtask, color: 'cyan' },
};

/**
 * A small coloured square with the issue type's icon, named for screen readers (role="img",
 * aria-label = the type name). `withTitle` adds a native `title` tooltip — deliberately not a
 * Mantine Tooltip: one floating-UI instance per table row made a 50-row page noticeably slower.
 */
export function IssueTypeIcon({
  name,
  size = 20,
  withTitle = false,
}: {
  name: string | undefined;
  size?: number;
  withTitle?: boolean;
}) {
  const known = name ? TYPES[name.toLowerCase()] : undefined;
  const TypeIcon = known?.icon ?? IconCircleDot;
  const label = name ?? 'Unknown type';
  return (
    <ThemeIcon
      size={size}
      radius="sm"
      color={known?.color ?? 'gray'}
      variant="filled"
      role="img"
      aria-label={label}
      title={withTitle ? label : undefined}
    >
      <TypeIcon size={Math.round(size * 0.7)} stroke={2} aria-hidden />
    </ThemeIcon>
  );
}
