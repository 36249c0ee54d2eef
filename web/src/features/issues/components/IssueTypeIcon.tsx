import { ThemeIcon } from '@mantine/core';
import {
  IconAlertOctagon,
  IconArrowsExchange,
  IconBug,
  IconCheckbox,
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

/** A small coloured square with the issue type's icon, named for screen readers. */
export function IssueTypeIcon({ name, size = 20 }: { name: string | undefined; size?: number }) {
  const known = TYPES[(name ?? '').toLowerCase()] ?? { icon: IconCheckbox, color: 'gray' };
  const IconComponent = known.icon;
  return (
    <ThemeIcon size={size} radius="sm" color={known.color} variant="filled" role="img" aria-label={name ?? 'Issue'}>
      <IconComponent size={Math.round(size * 0.7)} stroke={2} aria-hidden />
    </ThemeIcon>
  );
}
