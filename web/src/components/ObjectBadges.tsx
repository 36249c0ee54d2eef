import { Badge, Group, Text } from '@mantine/core';
import { IconBox } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import type { ObjectValue } from '@/lib/objectValues';
import { objectText } from '@/lib/objectValues';
import { paths } from '@/lib/paths';

export interface ObjectBadgesProps {
  objects: readonly ObjectValue[];
  /** Link each badge to the object's page (staff); plain badges otherwise (help center) */
  linked?: boolean;
  /** What to show for no objects */
  empty?: string;
}

/** CMDB objects as badges "label KEY", links to the objects for staff. */
export function ObjectBadges({ objects, linked = false, empty = 'None' }: ObjectBadgesProps) {
  if (objects.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Group gap={4}>
      {objects.map((o) => {
        const content = (
          <>
            {o.label}{' '}
            <Text span size="xs" c="dimmed" fw={400}>
              {o.key}
            </Text>
          </>
        );
        const common = {
          variant: 'light' as const,
          color: 'gray',
          c: 'dark.6',
          radius: 'sm',
          tt: 'none' as const,
          fw: 500,
          size: 'md',
          leftSection: <IconBox size={12} aria-hidden />,
          style: { maxWidth: '100%' },
          title: objectText(o),
        };
        return linked ? (
          <Badge
            key={o.key}
            {...common}
            component={Link}
            to={paths.cmdbObject(o.key)}
            aria-label={objectText(o)}
            style={{ ...common.style, cursor: 'pointer' }}
          >
            {content}
          </Badge>
        ) : (
          <Badge key={o.key} {...common}>
            {content}
          </Badge>
        );
      })}
    </Group>
  );
}
