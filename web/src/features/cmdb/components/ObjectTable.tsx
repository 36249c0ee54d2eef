import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import { paths } from '@/lib/paths';
import type { CmdbAttribute, CmdbObject } from '../api/types';
import { AttributeValue } from './AttributeValue';

export interface ObjectTableProps {
  objects: readonly CmdbObject[];
  /** The attributes to show as columns (beside key and label) */
  columns: readonly CmdbAttribute[];
  /** Add an object type column (a query over several types) */
  showType?: boolean;
  caption?: string;
}

/** Objects as a table: key and label (links to the object), the type, a few attributes. */
export function ObjectTable({ objects, columns, showType = false, caption }: ObjectTableProps) {
  return (
    <Table.ScrollContainer minWidth={Math.max(480, 260 + columns.length * 160)}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={110}>Key</Table.Th>
            <Table.Th>Name</Table.Th>
            {showType && <Table.Th>Object type</Table.Th>}
            {columns.map((c) => (
              <Table.Th key={c.id}>{c.name}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {objects.map((o) => (
            <Table.Tr key={o.key}>
              <Table.Td>
                <Anchor component={Link} to={paths.cmdbObject(o.key)} size="sm" ff="monospace">
                  {o.key}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Anchor component={Link} to={paths.cmdbObject(o.key)} size="sm" fw={500}>
                  {o.label}
                </Anchor>
              </Table.Td>
              {showType && (
                <Table.Td>
                  <Text size="sm">{o.objectType.name}</Text>
                </Table.Td>
              )}
              {columns.map((c) => (
                <Table.Td key={c.id}>
                  <AttributeValue attribute={c} value={o.attributes[c.name]} compact />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The columns a type's table shows: up to four attributes besides the label, long text left out. */
export function tableColumns(attributes: readonly CmdbAttribute[], max = 4): CmdbAttribute[] {
  return attributes.filter((a) => !a.label && a.type !== 'textarea').slice(0, max);
}
