import { Button, Group, Select, Stack, Text } from '@mantine/core';
import type { ComboboxItem, ComboboxLikeRenderOptionInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmPopover } from '@/components/ConfirmPopover';
import { errorMessage } from '@/components/PageError';
import { RelativeTime } from '@/components/RelativeTime';
import { COMBOBOX_PROPS } from '@/lib/comboboxProps';
import { useRegenerateWebhook } from '../api/rules';
import type { AutomationRule } from '../api/types';
import { triggerType } from '../lib/ruleDraft';
import type { Settings } from '../lib/ruleTree';
import { summarizeTrigger } from '../lib/summaries';
import { ChainCard } from './ChainCard';
import { useRuleEditor } from './RuleEditorContext';
import { SettingsForm } from './SettingsForm';
import { WebhookUrlDialog } from './WebhookUrlDialog';

export interface TriggerCardProps {
  trigger: { type: string; settings: Settings };
  onTypeChange: (type: string) => void;
  onSettingChange: (name: string, value: unknown) => void;
  /** The saved rule (undefined for a new one): its next run, its webhook */
  rule?: AutomationRule | undefined;
}

/** "When": the trigger chosen from the catalogue and its settings. */
export function TriggerCard({ trigger, onTypeChange, onSettingChange, rule }: TriggerCardProps) {
  const { catalogue, errors, readOnly } = useRuleEditor();
  const type = triggerType(catalogue, trigger.type);
  const descriptions = new Map(catalogue.triggers.map((t) => [t.type, t.description]));
  const renderOption = ({ option }: ComboboxLikeRenderOptionInput<ComboboxItem>) => (
    <div>
      <Text size="sm">{option.label}</Text>
      <Text size="xs" c="dimmed" lineClamp={2}>
        {descriptions.get(option.value)}
      </Text>
    </div>
  );
  const { '': cardError, type: typeError, ...settingErrors } = errors.trigger;

  return (
    <ChainCard
      uid="trigger"
      kind="trigger"
      title={type ? type.label : 'Trigger'}
      summary={type ? summarizeTrigger(trigger.type, trigger.settings) : 'What starts the rule'}
      hasError={Object.keys(errors.trigger).length > 0}
    >
      <Stack gap="sm">
        <Select
          label="Trigger"
          placeholder="Choose what starts the rule"
          required
          data={catalogue.triggers.map((t) => ({ value: t.type, label: t.label }))}
          value={trigger.type || null}
          onChange={(v) => v && onTypeChange(v)}
          allowDeselect={false}
          searchable
          renderOption={renderOption}
          comboboxProps={COMBOBOX_PROPS}
          error={cardError ?? typeError}
          disabled={readOnly}
        />
        {type?.description && (
          <Text size="xs" c="dimmed">
            {type.description}
          </Text>
        )}
        {type && (
          <SettingsForm
            fields={type.fields}
            settings={trigger.settings}
            errors={settingErrors}
            onChange={onSettingChange}
            disabled={readOnly}
          />
        )}
        <TriggerNotes type={trigger.type} rule={rule} readOnly={readOnly} />
      </Stack>
    </ChainCard>
  );
}

function TriggerNotes({ type, rule, readOnly }: { type: string; rule: AutomationRule | undefined; readOnly: boolean }) {
  if (type === 'manual') {
    return (
      <Text size="sm" c="dimmed">
        Agents run this rule from the ⚡ Automation menu of an issue in the rule’s projects.
      </Text>
    );
  }
  if (type === 'scheduled' && rule?.trigger.type === 'scheduled') {
    return (
      <Text size="sm" c="dimmed">
        {rule.nextRun ? (
          <>
            Next run <RelativeTime value={rule.nextRun} />
          </>
        ) : rule.enabled ? (
          'No run is planned.'
        ) : (
          'The rule is disabled: nothing is planned.'
        )}
      </Text>
    );
  }
  if (type === 'incomingWebhook') {
    return rule?.trigger.type === 'incomingWebhook' ? (
      <WebhookNotes rule={rule} readOnly={readOnly} />
    ) : (
      <Text size="sm" c="dimmed">
        The rule’s secret URL is shown once, when you save it.
      </Text>
    );
  }
  return null;
}

function WebhookNotes({ rule, readOnly }: { rule: AutomationRule; readOnly: boolean }) {
  const regenerate = useRegenerateWebhook(rule.id);
  const [url, setUrl] = useState<string | null>(null);
  return (
    <Group gap="sm" wrap="wrap">
      <Text size="sm" c="dimmed" style={{ flex: 1, minWidth: 200 }}>
        {rule.hasWebhook
          ? 'The secret URL was shown when it was made. Lost it? Make a new one: the old one stops working.'
          : 'The rule has no URL yet.'}
      </Text>
      {!readOnly && (
        <ConfirmPopover
          message="Make a new URL? The old one stops working at once."
          confirmLabel="New URL"
          onConfirm={() =>
            regenerate.mutate(undefined, {
              onSuccess: (answer) => setUrl(answer.webhookUrl),
              onError: (error) =>
                notifications.show({ color: 'red', title: 'No new URL', message: errorMessage(error) }),
            })
          }
        >
          <Button size="xs" variant="default" leftSection={<IconRefresh size={14} aria-hidden />} loading={regenerate.isPending}>
            New URL
          </Button>
        </ConfirmPopover>
      )}
      <WebhookUrlDialog url={url} onClose={() => setUrl(null)} />
    </Group>
  );
}
