import { Button, Group, Popover, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ConfirmPopover } from '@/components/ConfirmPopover';
import { errorMessage } from '@/components/PageError';
import { paths } from '@/lib/paths';
import { useDeleteRule, useRunRule } from '../api/rules';
import type { AutomationRule } from '../api/types';
import type { LeaveState } from './RuleEditor';

/** Triggers a rule can be run by hand: a manual rule on an issue, a scheduled or webhook rule now. */
const RUNNABLE = new Set(['manual', 'scheduled', 'incomingWebhook']);

/** "Run now" and "Delete" for a rule the user manages. */
export function RuleActions({ rule }: { rule: AutomationRule }) {
  if (rule.canManage === false) return null;
  return (
    <Group gap="sm">
      {RUNNABLE.has(rule.trigger.type) && <RunRuleButton rule={rule} />}
      <DeleteRuleButton rule={rule} />
    </Group>
  );
}

function RunRuleButton({ rule }: { rule: AutomationRule }) {
  const run = useRunRule(rule.id);
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const [issue, setIssue] = useState('');
  const start = (key?: string) =>
    run.mutate(key, {
      onSuccess: () => {
        setOpened(false);
        notifications.show({
          color: 'green',
          title: 'Rule queued',
          message: `${rule.name} runs${key ? ` on ${key}` : ''} in a moment; the audit log shows how it went.`,
        });
        navigate(paths.automationAudit(rule.id));
      },
      onError: (error) => notifications.show({ color: 'red', title: `Could not run ${rule.name}`, message: errorMessage(error) }),
    });

  if (rule.trigger.type !== 'manual') {
    return (
      <Button variant="default" leftSection={<IconPlayerPlay size={16} aria-hidden />} onClick={() => start()} loading={run.isPending}>
        Run now
      </Button>
    );
  }
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" shadow="md" withArrow trapFocus returnFocus>
      <Popover.Target>
        <Button variant="default" leftSection={<IconPlayerPlay size={16} aria-hidden />} onClick={() => setOpened((o) => !o)}>
          Run on an issue
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (issue.trim()) start(issue.trim().toUpperCase());
          }}
        >
          <Stack gap="xs" w={240}>
            <TextInput
              label="Issue key"
              placeholder="ITO-42"
              required
              value={issue}
              onChange={(e) => setIssue(e.currentTarget.value)}
              data-autofocus
            />
            <Button type="submit" loading={run.isPending} disabled={!issue.trim()}>
              Run
            </Button>
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}

function DeleteRuleButton({ rule }: { rule: AutomationRule }) {
  const remove = useDeleteRule(rule.id);
  const navigate = useNavigate();
  const leave: LeaveState = { discard: true };
  return (
    <ConfirmPopover
      message={`Delete “${rule.name}” and its audit log? This cannot be undone.`}
      confirmLabel="Delete"
      onConfirm={() =>
        remove.mutate(undefined, {
          onSuccess: () => {
            notifications.show({ color: 'green', message: `Rule “${rule.name}” deleted` });
            navigate(paths.automation(), { state: leave });
          },
          onError: (error) =>
            notifications.show({ color: 'red', title: `Could not delete ${rule.name}`, message: errorMessage(error) }),
        })
      }
    >
      <Button variant="default" color="red" leftSection={<IconTrash size={16} aria-hidden />} loading={remove.isPending}>
        Delete
      </Button>
    </ConfirmPopover>
  );
}
