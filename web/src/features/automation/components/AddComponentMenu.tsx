import { Button, Menu, Text } from '@mantine/core';
import { IconArrowsSplit2, IconFilter, IconPlayerPlay, IconPlus } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { AutomationComponentType } from '../api/types';
import { defaultSettings } from '../lib/fieldKinds';
import type { ListId } from '../lib/ruleTree';
import { newComponent, newIfElse } from '../lib/ruleTree';
import classes from './Automation.module.css';
import { useRuleEditor } from './RuleEditorContext';

export interface AddComponentMenuProps {
  listId: ListId;
  /** A branch's conditions: conditions only */
  conditionsOnly?: boolean;
  /** If/else blocks may go here (not past the nesting limit) */
  allowBlock?: boolean;
  /** Says where it adds, for screen readers: "to the rule", "to Else" */
  where: string;
}

/** "Add component" (or "Add condition"): the catalogue's conditions, the if/else block and actions. */
export function AddComponentMenu({ listId, conditionsOnly = false, allowBlock = true, where }: AddComponentMenuProps) {
  const { catalogue, insert } = useRuleEditor();
  const add = (type: AutomationComponentType) =>
    insert(listId, type.type === 'ifElse' ? newIfElse() : newComponent(type.type, defaultSettings(type)));
  const conditions = catalogue.conditions.filter((c) => c.type !== 'ifElse');
  const block = catalogue.conditions.find((c) => c.type === 'ifElse');
  const label = conditionsOnly ? 'Add condition' : 'Add component';

  const item = (type: AutomationComponentType, icon: ReactNode) => (
    <Menu.Item key={type.type} leftSection={icon} onClick={() => add(type)}>
      <Text size="sm">{type.label}</Text>
      <Text size="xs" c="dimmed" lineClamp={2}>
        {type.description}
      </Text>
    </Menu.Item>
  );

  return (
    <Menu position="bottom-start" width={340} shadow="md" withinPortal>
      <Menu.Target>
        <Button
          size="compact-sm"
          variant="light"
          leftSection={<IconPlus size={14} aria-hidden />}
          aria-label={`${label} ${where}`}
          style={{ alignSelf: 'flex-start' }}
        >
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown className={classes.addMenu}>
        <Menu.Label>Conditions</Menu.Label>
        {conditions.map((c) => item(c, <IconFilter size={16} aria-hidden color="var(--mantine-color-yellow-7)" />))}
        {!conditionsOnly && allowBlock && block && (
          <>
            <Menu.Label>Blocks</Menu.Label>
            {item(block, <IconArrowsSplit2 size={16} aria-hidden color="var(--mantine-color-teal-7)" />)}
          </>
        )}
        {!conditionsOnly && (
          <>
            <Menu.Label>Actions</Menu.Label>
            {catalogue.actions.map((a) => item(a, <IconPlayerPlay size={16} aria-hidden color="var(--mantine-color-blue-7)" />))}
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
