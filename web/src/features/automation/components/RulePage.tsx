import { Anchor, Badge, Breadcrumbs, Group, Stack, Tabs, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBolt } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { EmptyState } from '@/components/EmptyState';
import { PageError } from '@/components/PageError';
import { PageLoader } from '@/components/PageLoader';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { useCatalogue } from '../api/catalogue';
import { useRule } from '../api/rules';
import type { AutomationRule } from '../api/types';
import { triggerType } from '../lib/ruleDraft';
import { scopeLabel } from '../lib/ruleList';
import { AuditLog } from './AuditLog';
import { RuleActions } from './RuleActions';
import type { LeaveState } from './RuleEditor';
import { RuleEditor } from './RuleEditor';
import { WebhookUrlDialog } from './WebhookUrlDialog';

/**
 * /automation/rules/:ruleId and /automation/rules/:ruleId/audit — a rule: the editor on the
 * "Rule" tab, its executions on "Audit log". Both stay mounted, so unsaved changes survive a look
 * at the log. A webhook URL handed over by the create page (navigation state) is shown once.
 */
export function RulePage() {
  const { ruleId = '', tab } = useParams();
  const id = Number(ruleId);
  const valid = Number.isInteger(id) && id > 0;
  const rule = useRule(valid ? id : 0);
  const catalogue = useCatalogue();
  const navigate = useNavigate();
  const location = useLocation();
  const handed = (location.state as Partial<LeaveState> | null)?.webhookUrl ?? null;
  const [webhookUrl, setWebhookUrl] = useState<string | null>(null);
  // The audit log loads once its tab is first opened, then stays (and pauses when hidden).
  const [auditOpened, setAuditOpened] = useState(tab === 'audit');
  if (tab === 'audit' && !auditOpened) setAuditOpened(true);
  usePageTitle(rule.data ? `${rule.data.name} · Automation` : 'Automation');

  if (!valid) {
    return (
      <EmptyState title="No such rule" description={`“${ruleId}” is not a rule number.`} />
    );
  }
  if (rule.isError || catalogue.isError) {
    return (
      <Stack gap="md">
        <RuleBreadcrumbs current={`Rule ${id}`} />
        <PageError
          error={rule.error ?? catalogue.error}
          onRetry={() => {
            void rule.refetch();
            void catalogue.refetch();
          }}
        />
      </Stack>
    );
  }
  if (rule.isPending || catalogue.isPending) return <PageLoader variant="skeleton" label="Loading the rule" />;

  const r = rule.data;
  const active = tab === 'audit' ? 'audit' : 'rule';
  const closeWebhook = () => {
    setWebhookUrl(null);
    if (handed) navigate(location.pathname, { replace: true, state: null });
  };

  return (
    <Stack gap="md">
      <RuleBreadcrumbs current={r.name} />
      <Group justify="space-between" gap="sm" wrap="wrap" align="flex-start">
        <RuleTitle rule={r} triggerLabel={triggerType(catalogue.data, r.trigger.type)?.label ?? r.trigger.type} />
        <RuleActions rule={r} />
      </Group>
      <Tabs
        value={active}
        onChange={(v) => navigate(v === 'audit' ? paths.automationAudit(id) : paths.automationRule(id))}
      >
        <Tabs.List>
          <Tabs.Tab value="rule">Rule</Tabs.Tab>
          <Tabs.Tab value="audit">Audit log</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="rule" pt="md">
          <RuleEditor
            key={r.id}
            catalogue={catalogue.data}
            rule={r}
            basePath={paths.automationRule(id)}
            onWebhookUrl={setWebhookUrl}
          />
        </Tabs.Panel>
        <Tabs.Panel value="audit" pt="md">
          {auditOpened && <AuditLog ruleId={id} active={active === 'audit'} />}
        </Tabs.Panel>
      </Tabs>
      <WebhookUrlDialog url={webhookUrl ?? handed} onClose={closeWebhook} />
    </Stack>
  );
}

export function RuleBreadcrumbs({ current }: { current: ReactNode }) {
  return (
    <nav aria-label="Breadcrumbs">
      <Breadcrumbs separator="/" separatorMargin={6} styles={{ root: { flexWrap: 'wrap' } }}>
        <Anchor component={Link} to={paths.automation()} size="sm" c="dimmed">
          Automation
        </Anchor>
        <Text size="sm" c="dimmed" aria-current="page" truncate maw={360}>
          {current}
        </Text>
      </Breadcrumbs>
    </nav>
  );
}

function RuleTitle({ rule, triggerLabel }: { rule: AutomationRule; triggerLabel: string }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0, flex: 1 }}>
      <ThemeIcon size={40} radius="md" variant="light" color="violet" aria-hidden>
        <IconBolt size={22} />
      </ThemeIcon>
      <Stack gap={4} style={{ minWidth: 0 }}>
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
          {rule.name}
        </Title>
        <Group gap={6} wrap="wrap">
          <Badge color={rule.enabled ? 'green' : 'gray'} variant="light" radius="sm">
            {rule.enabled ? 'Enabled' : 'Disabled'}
          </Badge>
          <Badge color="gray" variant="outline" radius="sm" tt="none">
            {scopeLabel(rule)}
          </Badge>
          <Badge color="violet" variant="outline" radius="sm" tt="none">
            {triggerLabel}
          </Badge>
        </Group>
      </Stack>
    </Group>
  );
}
