import { Stack, Text, Title } from '@mantine/core';
import { useNavigate } from 'react-router-dom';
import { PageError } from '@/components/PageError';
import { PageLoader } from '@/components/PageLoader';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { useCatalogue } from '../api/catalogue';
import type { LeaveState } from './RuleEditor';
import { RuleEditor } from './RuleEditor';
import { RuleBreadcrumbs } from './RulePage';

/**
 * /automation/rules/new — a new rule. Once created, the rule's page takes over (with the
 * webhook URL, when there is one, to show once).
 */
export function NewRulePage() {
  usePageTitle('New rule · Automation');
  const catalogue = useCatalogue();
  const navigate = useNavigate();

  return (
    <Stack gap="md">
      <RuleBreadcrumbs current="New rule" />
      <Stack gap={2}>
        <Title order={1} size="h2">
          New rule
        </Title>
        <Text size="sm" c="dimmed">
          When something happens (the trigger), check conditions, then act.
        </Text>
      </Stack>
      {catalogue.isPending ? (
        <PageLoader variant="skeleton" label="Loading the components" />
      ) : catalogue.isError ? (
        <PageError error={catalogue.error} onRetry={() => void catalogue.refetch()} />
      ) : (
        <RuleEditor
          catalogue={catalogue.data}
          basePath={paths.automationNewRule()}
          onCreated={(rule) => {
            const state: LeaveState = rule.webhookUrl ? { discard: true, webhookUrl: rule.webhookUrl } : { discard: true };
            navigate(paths.automationRule(rule.id), { replace: true, state });
          }}
        />
      )}
    </Stack>
  );
}
