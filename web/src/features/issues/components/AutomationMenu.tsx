import { Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBolt, IconChevronDown } from '@tabler/icons-react';
import { errorMessage } from '@/components/PageError';
import type { ManualRule } from '../api/automation';
import { useManualRules, useRunManualRule } from '../api/automation';

export interface AutomationMenuProps {
  issueKey: string;
}

/**
 * "⚡ Automation": the manual rules an agent may run on the issue; picking one queues it. Hidden
 * when there are none (or they cannot be listed).
 */
export function AutomationMenu({ issueKey }: AutomationMenuProps) {
  const rules = useManualRules(issueKey);
  const run = useRunManualRule(issueKey);
  if (!rules.data || rules.data.length === 0) return null;

  const start = (rule: ManualRule) =>
    run.mutate(rule, {
      onSuccess: () =>
        notifications.show({
          color: 'green',
          title: 'Rule queued',
          message: `${rule.name} runs on ${issueKey} in a moment.`,
        }),
      onError: (error) =>
        notifications.show({ color: 'red', title: `Could not run ${rule.name}`, message: errorMessage(error) }),
    });

  return (
    <Menu position="bottom-end" shadow="md" width={300} withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconBolt size={16} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
          loading={run.isPending}
        >
          Automation
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Run a rule on {issueKey}</Menu.Label>
        {rules.data.map((rule) => (
          <Menu.Item key={rule.id} onClick={() => start(rule)}>
            <Text size="sm">{rule.name}</Text>
            {rule.description && (
              <Text size="xs" c="dimmed" lineClamp={2}>
                {rule.description}
              </Text>
            )}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
