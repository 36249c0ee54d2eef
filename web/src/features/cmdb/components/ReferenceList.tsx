import { Anchor, Group, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconArrowRight } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { paths } from '@/lib/paths';
import type { CmdbReference } from '../api/types';

export interface ReferenceListProps {
  references: readonly CmdbReference[];
  direction: 'outbound' | 'inbound';
}

/**
 * References grouped by attribute: "Depends on → Billing Service (SVC-12)" for the object's own
 * references, "Billing App (APP-3) · Runs on →" for the objects that refer to it.
 */
export function ReferenceList({ references, direction }: ReferenceListProps) {
  if (references.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {direction === 'outbound' ? 'This object refers to no other object.' : 'No object refers to this one.'}
      </Text>
    );
  }
  const groups = new Map<string, CmdbReference[]>();
  for (const r of references) {
    const name = r.referenceKind ? `${r.attribute} (${r.referenceKind})` : r.attribute;
    groups.set(name, [...(groups.get(name) ?? []), r]);
  }
  const Arrow = direction === 'outbound' ? IconArrowRight : IconArrowLeft;
  return (
    <Stack gap="sm">
      {[...groups.entries()].map(([name, refs]) => (
        <div key={name}>
          <Group gap={4} mb={2}>
            <Arrow size={14} aria-hidden />
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {name}
            </Text>
          </Group>
          <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
            {refs.map((r) => (
              <li key={`${r.attribute} ${r.object.key}`}>
                <Group gap={6} wrap="nowrap">
                  <Anchor component={Link} to={paths.cmdbObject(r.object.key)} size="sm" truncate>
                    {r.object.label}
                  </Anchor>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {r.object.key} · {r.object.objectType}
                  </Text>
                </Group>
              </li>
            ))}
          </Stack>
        </div>
      ))}
    </Stack>
  );
}
