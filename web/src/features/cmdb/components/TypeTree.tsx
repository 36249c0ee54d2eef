import { ActionIcon, Box, Group, Text, TextInput, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronRight, IconFolder, IconSearch, IconBox } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { CmdbTypeNode } from '../api/types';
import { filterTypes } from '../lib/typeTree';
import classes from './Cmdb.module.css';

export interface TypeTreeProps {
  types: readonly CmdbTypeNode[];
  selectedId: number | undefined;
  onSelect: (type: CmdbTypeNode) => void;
}

/**
 * The object type tree of a schema: each type with its own object count ("Standard Changes (6)"),
 * sub-types under their parent (collapsible), and a search box that keeps the matching types and
 * their parents.
 */
export function TypeTree({ types, selectedId, onSelect }: TypeTreeProps) {
  const [search, setSearch] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(() => new Set());
  const shown = useMemo(() => filterTypes(types, search), [types, search]);
  const searching = search.trim() !== '';

  const toggle = (id: number) =>
    setCollapsed((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Box component="nav" aria-label="Object types">
      <TextInput
        size="sm"
        placeholder="Search object types"
        aria-label="Search object types"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        mb="xs"
        type="search"
      />
      {shown.length === 0 ? (
        <Text size="sm" c="dimmed" px="xs">
          {searching ? 'No object type matches.' : 'This schema has no object types yet.'}
        </Text>
      ) : (
        <ul className={classes.tree} role="list">
          {shown.map((node) => (
            <TypeNodeItem
              key={node.id}
              node={node}
              level={0}
              selectedId={selectedId}
              onSelect={onSelect}
              isCollapsed={(id) => !searching && collapsed.has(id)}
              onToggle={toggle}
            />
          ))}
        </ul>
      )}
    </Box>
  );
}

interface TypeNodeItemProps {
  node: CmdbTypeNode;
  level: number;
  selectedId: number | undefined;
  onSelect: (type: CmdbTypeNode) => void;
  isCollapsed: (id: number) => boolean;
  onToggle: (id: number) => void;
}

function TypeNodeItem({ node, level, selectedId, onSelect, isCollapsed, onToggle }: TypeNodeItemProps) {
  const hasChildren = node.children.length > 0;
  const open = hasChildren && !isCollapsed(node.id);
  const selected = node.id === selectedId;
  const NodeIcon = node.abstract || hasChildren ? IconFolder : IconBox;
  const title =
    node.totalCount !== node.objectCount
      ? `${node.name}: ${node.objectCount} objects of its own, ${node.totalCount} with its sub-types`
      : `${node.name}: ${node.objectCount} objects`;

  return (
    <li>
      <Group gap={2} wrap="nowrap" style={{ paddingLeft: level * 16 }}>
        {hasChildren ? (
          <ActionIcon
            variant="subtle"
            color="gray"
            size="sm"
            aria-label={`${open ? 'Collapse' : 'Expand'} ${node.name}`}
            aria-expanded={open}
            onClick={() => onToggle(node.id)}
          >
            {open ? <IconChevronDown size={14} /> : <IconChevronRight size={14} />}
          </ActionIcon>
        ) : (
          <Box w={22} style={{ flexShrink: 0 }} />
        )}
        <UnstyledButton
          className={classes.treeItem}
          data-selected={selected || undefined}
          aria-current={selected ? 'true' : undefined}
          onClick={() => onSelect(node)}
          title={title}
        >
          <NodeIcon size={16} stroke={1.6} aria-hidden style={{ flexShrink: 0 }} />
          <Text size="sm" span truncate fw={selected ? 600 : 400}>
            {node.abstract ? node.name : `${node.name} (${node.objectCount})`}
          </Text>
        </UnstyledButton>
      </Group>
      {open && (
        <ul className={classes.tree} role="list">
          {node.children.map((child) => (
            <TypeNodeItem
              key={child.id}
              node={child}
              level={level + 1}
              selectedId={selectedId}
              onSelect={onSelect}
              isCollapsed={isCollapsed}
              onToggle={onToggle}
            />
          ))}
        </ul>
      )}
    </li>
  );
}
