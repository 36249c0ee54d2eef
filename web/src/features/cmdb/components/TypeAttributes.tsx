import { Badge, Button, Group, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { CmdbObjectType, CmdbTypeNode } from '../api/types';
import { AttributeFormDialog } from './AttributeFormDialog';

export interface TypeAttributesProps {
  type: CmdbObjectType;
  /** The schema's type tree (reference targets) */
  types: readonly CmdbTypeNode[];
}

/** Administrators: an object type's attributes (own and inherited) and "Add attribute". */
export function TypeAttributes({ type, types }: TypeAttributesProps) {
  const [adding, setAdding] = useState(false);
  return (
    <section aria-label={`Attributes of ${type.name}`}>
      <Group gap={6} wrap="wrap" align="center">
        <Text size="sm" fw={500}>
          Attributes:
        </Text>
        <ul role="list" style={{ display: 'contents', listStyle: 'none' }}>
          {type.attributes.map((a) => (
            <li key={a.id} style={{ display: 'inline-flex' }}>
              <Badge
                variant="light"
                color={a.inheritedFrom ? 'gray' : 'blue'}
                tt="none"
                title={a.inheritedFrom ? `inherited from ${a.inheritedFrom}` : undefined}
              >
                {a.name} · {a.type}
                {a.required ? ' *' : ''}
              </Badge>
            </li>
          ))}
        </ul>
        <Button size="compact-xs" variant="subtle" leftSection={<IconPlus size={12} aria-hidden />} onClick={() => setAdding(true)}>
          Add attribute
        </Button>
      </Group>
      <AttributeFormDialog
        opened={adding}
        onClose={() => setAdding(false)}
        typeId={type.id}
        typeName={type.name}
        types={types}
      />
    </section>
  );
}
