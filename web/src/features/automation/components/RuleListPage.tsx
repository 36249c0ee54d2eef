import {
  Anchor,
  Badge,
  Button,
  Group,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBolt, IconPlus, IconSearch } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router-dom';
import { EmptyState } from '@/components/EmptyState';
import { PageError, errorMessage } from '@/components/PageError';
import { PageLoader } from '@/components/PageLoader';
import { RelativeTime } from '@/components/RelativeTime';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { useCatalogue } from '../api/catalogue';
import { useRules, useSetRuleEnabled } from '../api/rules';
import type { AutomationRule } from '../api/types';
import { triggerType } from '../lib/ruleDraft';
import type { EnabledFilter } from '../lib/ruleList';
import { filterRules, scopeLabel } from '../lib/ruleList';
import tableClasses from '@/components/DataTable.module.css';
import { OutcomeBadge } from './OutcomeBadge';

const ENABLED_FILTERS: { value: EnabledFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'enabled', label: 'Enabled' },
  { value: 'disabled', label: 'Disabled' },
];

/**
 * /automation?q=&status= — the rules the user may see: name, scope, trigger, the last run's
 * outcome, owner, and a switch that turns a rule on or off. The filter lives in the URL.
 */
export function RuleListPage() {
  usePageTitle('Automation');
  const rules = useRules();
  const catalogue = useCatalogue();
  const [params, setParams] = useSearchParams();
  const query = params.get('q') ?? '';
  const status = (ENABLED_FILTERS.find((f) => f.value === params.get('status'))?.value ?? 'all') as EnabledFilter;
  const setParam = (name: string, value: string) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        if (value === '' || value === 'all') next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );
  const triggerLabel = (type: string) => triggerType(catalogue.data, type)?.label ?? type;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={1} size="h2">
            Automation
          </Title>
          <Text size="sm" c="dimmed">
            Rules that act on issues when something happens: a trigger, conditions and actions.
          </Text>
        </Stack>
        <Button component={Link} to={paths.automationNewRule()} leftSection={<IconPlus size={16} aria-hidden />}>
          Create rule
        </Button>
      </Group>

      <Group gap="sm" wrap="wrap">
        <TextInput
          type="search"
          aria-label="Filter rules"
          placeholder="Filter by name, project, trigger or owner"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={query}
          onChange={(e) => setParam('q', e.currentTarget.value)}
          style={{ flex: 1, minWidth: 220, maxWidth: 420 }}
        />
        <SegmentedControl
          aria-label="Show rules"
          data={ENABLED_FILTERS}
          value={status}
          onChange={(v) => setParam('status', v)}
        />
      </Group>

      {rules.isPending ? (
        <PageLoader variant="skeleton" label="Loading rules" />
      ) : rules.isError ? (
        <PageError error={rules.error} onRetry={() => void rules.refetch()} />
      ) : rules.data.length === 0 ? (
        <EmptyState
          icon={<IconBolt size={30} />}
          title="No rules yet"
          description="Automate the repetitive work: comment, assign, transition or create issues when something happens."
          action={
            <Button component={Link} to={paths.automationNewRule()} variant="light">
              Create your first rule
            </Button>
          }
        />
      ) : (
        <RuleTable rules={filterRules(rules.data, query, status, triggerLabel)} triggerLabel={triggerLabel} />
      )}
    </Stack>
  );
}

interface RuleTableProps {
  rules: AutomationRule[];
  triggerLabel: (type: string) => string;
}

function RuleTable({ rules, triggerLabel }: RuleTableProps) {
  const setEnabled = useSetRuleEnabled();
  const toggle = (rule: AutomationRule, enabled: boolean) =>
    setEnabled.mutate(
      { id: rule.id, enabled },
      {
        onSuccess: () =>
          notifications.show({ color: 'green', message: `${rule.name} is ${enabled ? 'enabled' : 'disabled'}` }),
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: `Could not ${enabled ? 'enable' : 'disable'} ${rule.name}`,
            message: errorMessage(error),
          }),
      },
    );

  if (rules.length === 0) {
    return <EmptyState title="No rules match" description="Try other words, or show all rules." />;
  }
  return (
    <div className={tableClasses.frame}>
      <Table className={tableClasses.table} aria-label="Rules" verticalSpacing="xs" miw={760}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Scope</Table.Th>
            <Table.Th>Trigger</Table.Th>
            <Table.Th>Last run</Table.Th>
            <Table.Th>Owner</Table.Th>
            <Table.Th>Enabled</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.map((rule) => (
            <Table.Tr key={rule.id}>
              <Table.Td maw={360} miw={200}>
                <Anchor component={Link} to={paths.automationRule(rule.id)} fw={500}>
                  {rule.name}
                </Anchor>
                {rule.description && (
                  <Text size="xs" c="dimmed" lineClamp={1}>
                    {rule.description}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {rule.projects.length === 0 ? (
                  <Badge variant="outline" color="gray" radius="sm" tt="none">
                    Global
                  </Badge>
                ) : (
                  <Group gap={4} wrap="nowrap" aria-label={`Projects: ${scopeLabel(rule)}`}>
                    {rule.projects.map((key) => (
                      <Badge key={key} variant="light" radius="sm" tt="none" style={{ flexShrink: 0, overflow: 'visible' }}>
                        {key}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">{triggerLabel(rule.trigger.type)}</Text>
                {rule.nextRun && (
                  <Text size="xs" c="dimmed">
                    Next <RelativeTime value={rule.nextRun} />
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                {rule.lastRun ? (
                  <Group gap={6} wrap="nowrap">
                    <Anchor component={Link} to={paths.automationAudit(rule.id)} aria-label={`Audit log of ${rule.name}`}>
                      <OutcomeBadge outcome={rule.lastRun.outcome} size="xs" />
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      <RelativeTime value={rule.lastRun.at} />
                    </Text>
                  </Group>
                ) : (
                  <Text size="xs" c="dimmed">
                    Never run
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{rule.owner ?? '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Tooltip
                  label="Only administrators of the rule's projects can change it"
                  disabled={rule.canManage !== false}
                  withinPortal
                >
                  <span style={{ display: 'inline-flex' }}>
                    <Switch
                      aria-label={`Enabled: ${rule.name}`}
                      checked={rule.enabled}
                      disabled={rule.canManage === false}
                      onChange={(e) => toggle(rule, e.currentTarget.checked)}
                    />
                  </span>
                </Tooltip>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
