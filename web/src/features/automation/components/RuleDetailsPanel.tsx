import { Anchor, Divider, Group, MultiSelect, NumberInput, Paper, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useProjects } from '@/api/projects';
import { RelativeTime } from '@/components/RelativeTime';
import { COMBOBOX_PROPS } from '@/lib/comboboxProps';
import { paths } from '@/lib/paths';
import type { AutomationRule } from '../api/types';
import type { EditorErrors, RuleDraft } from '../lib/ruleDraft';
import { DEFAULT_ACTOR } from '../lib/ruleDraft';
import classes from './Automation.module.css';
import { OutcomeBadge } from './OutcomeBadge';

export interface RuleDetailsPanelProps {
  draft: RuleDraft;
  onChange: (patch: Partial<RuleDraft>) => void;
  errors: EditorErrors['rule'];
  readOnly: boolean;
  /** The saved rule, for its dates and last run */
  rule?: AutomationRule | undefined;
}

/** The rule's details beside the chain: name, scope, who it acts as, limits, on/off. */
export function RuleDetailsPanel({ draft, onChange, errors, readOnly, rule }: RuleDetailsPanelProps) {
  const projects = useProjects();
  const projectOptions = [
    ...(projects.data ?? []).map((p) => ({ value: p.key, label: `${p.name} (${p.key})` })),
    // Keys of the rule the user cannot see among their projects still show.
    ...draft.projects
      .filter((k) => !projects.data?.some((p) => p.key === k))
      .map((k) => ({ value: k, label: k })),
  ];

  return (
    <Paper withBorder radius="md" p="md" component="aside" aria-label="Rule details" className={classes.sidePanel}>
      <Stack gap="sm">
        <Title order={2} size="h5">
          Rule details
        </Title>
        <TextInput
          label="Name"
          required
          value={draft.name}
          onChange={(e) => onChange({ name: e.currentTarget.value })}
          error={errors.name}
          maxLength={255}
          disabled={readOnly}
        />
        <Textarea
          label="Description"
          autosize
          minRows={2}
          maxRows={8}
          value={draft.description}
          onChange={(e) => onChange({ description: e.currentTarget.value })}
          error={errors.description}
          disabled={readOnly}
        />
        <MultiSelect
          label="Projects"
          description="Leave empty for a global rule (every project; administrators only)"
          placeholder={draft.projects.length === 0 ? 'Global' : undefined}
          data={projectOptions}
          value={draft.projects}
          onChange={(keys) => onChange({ projects: keys })}
          error={errors.projects}
          searchable
          clearable
          comboboxProps={COMBOBOX_PROPS}
          disabled={readOnly}
        />
        <Switch
          label="Enabled"
          description="The rule runs when its trigger fires"
          checked={draft.enabled}
          onChange={(e) => onChange({ enabled: e.currentTarget.checked })}
          error={errors.enabled}
          disabled={readOnly}
        />
        <Divider />
        <TextInput
          label="Actor"
          description={`The user the rule acts as (default ${DEFAULT_ACTOR})`}
          value={draft.actor}
          onChange={(e) => onChange({ actor: e.currentTarget.value })}
          error={errors.actor}
          disabled={readOnly}
        />
        <TextInput
          label="Owner"
          description="Who looks after the rule and hears of its failures"
          placeholder="You"
          value={draft.owner}
          onChange={(e) => onChange({ owner: e.currentTarget.value })}
          error={errors.owner}
          disabled={readOnly}
        />
        <Switch
          label="Notify the owner on errors"
          checked={draft.notifyOnError}
          onChange={(e) => onChange({ notifyOnError: e.currentTarget.checked })}
          error={errors.notifyOnError}
          disabled={readOnly}
        />
        <Switch
          label="Allow other rules to trigger it"
          description="Changes made by rules start it too"
          checked={draft.allowRuleTrigger}
          onChange={(e) => onChange({ allowRuleTrigger: e.currentTarget.checked })}
          error={errors.allowRuleTrigger}
          disabled={readOnly}
        />
        <NumberInput
          label="Executions per minute"
          description="Past this the rule is throttled; 0 for no limit"
          placeholder="Default"
          min={0}
          max={1_000_000}
          allowDecimal={false}
          allowNegative={false}
          value={draft.rateLimitPerMinute}
          onChange={(v) => onChange({ rateLimitPerMinute: typeof v === 'number' ? v : v === '' ? '' : Number(v) })}
          error={errors.rateLimitPerMinute}
          disabled={readOnly}
        />
        {rule && (
          <>
            <Divider />
            <Stack gap={4}>
              <Group gap={6} wrap="nowrap">
                <Text size="xs" c="dimmed">
                  Last run
                </Text>
                {rule.lastRun ? (
                  <>
                    <Anchor component={Link} to={paths.automationAudit(rule.id)} aria-label="Last run in the audit log">
                      <OutcomeBadge outcome={rule.lastRun.outcome} size="xs" />
                    </Anchor>
                    <Text size="xs" c="dimmed">
                      <RelativeTime value={rule.lastRun.at} />
                    </Text>
                  </>
                ) : (
                  <Text size="xs">never</Text>
                )}
              </Group>
              <Text size="xs" c="dimmed">
                Created <RelativeTime value={rule.created} /> · changed <RelativeTime value={rule.updated} /> · version{' '}
                {rule.version}
              </Text>
            </Stack>
          </>
        )}
      </Stack>
    </Paper>
  );
}
