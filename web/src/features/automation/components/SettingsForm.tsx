import { Alert, Button, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import type { AutomationField } from '../api/types';
import type { FieldControl } from '../lib/fieldKinds';
import { isAdvanced, isEmptySetting, visibleControls } from '../lib/fieldKinds';
import type { Settings } from '../lib/ruleTree';
import { SettingInput } from './SettingInput';

export interface SettingsFormProps {
  fields: readonly AutomationField[];
  settings: Settings;
  /** Messages by setting name; those not of an input shown ('' is the card's own) show on top */
  errors: Record<string, string>;
  onChange: (name: string, value: unknown) => void;
  disabled?: boolean;
}

/** The inputs of a trigger's or component's settings, generated from the catalogue's fields. */
export function SettingsForm({ fields, settings, errors, onChange, disabled = false }: SettingsFormProps) {
  const controls = visibleControls(fields, settings);
  const shown = new Set(controls.map((c) => c.name));
  const other = Object.entries(errors).filter(([name]) => !shown.has(name));
  // Advanced settings stay out of the way unless they hold something or are at fault.
  const advanced = controls.filter(isAdvanced);
  const [more, setMore] = useState(() => advanced.some((c) => !isEmptySetting(settings[c.name])));
  const showMore = more || advanced.some((c) => errors[c.name] !== undefined);
  const input = (control: FieldControl) => (
    <SettingInput
      key={control.name}
      control={control}
      value={settings[control.name]}
      onChange={(value) => onChange(control.name, value)}
      error={errors[control.name]}
      disabled={disabled}
    />
  );
  return (
    <Stack gap="sm">
      {other.length > 0 && (
        <Alert color="red" variant="light" role="alert" icon={<IconAlertTriangle size={18} aria-hidden />} p="xs">
          {other.map(([name, message]) => (
            <Text size="sm" key={name}>
              {message}
            </Text>
          ))}
        </Alert>
      )}
      {controls.filter((c) => !isAdvanced(c)).map(input)}
      {advanced.length > 0 && (
        <>
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            style={{ alignSelf: 'flex-start' }}
            leftSection={showMore ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
            aria-expanded={showMore}
            onClick={() => setMore(!showMore)}
          >
            More options
          </Button>
          {showMore && advanced.map(input)}
        </>
      )}
    </Stack>
  );
}
