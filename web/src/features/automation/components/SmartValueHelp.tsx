import { Button, Code, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconBraces } from '@tabler/icons-react';
import { useState } from 'react';
import { SMART_VALUE_GROUPS } from '../lib/smartValues';
import classes from './Automation.module.css';

export interface SmartValueHelpProps {
  /** The input it helps with, for the button's name */
  label: string;
  /** Called with the smart value picked (the caller adds it to the text) */
  onInsert: (value: string) => void;
  disabled?: boolean;
}

/** "Smart values": the main ones with what they give; picking one adds it to the template. */
export function SmartValueHelp({ label, onInsert, disabled = false }: SmartValueHelpProps) {
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-start" width={380} shadow="md" withArrow trapFocus returnFocus>
      <Popover.Target>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconBraces size={14} aria-hidden />}
          onClick={() => setOpened((o) => !o)}
          aria-label={`Smart values for ${label}`}
          disabled={disabled}
        >
          Smart values
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" className={classes.smartList}>
          <Text size="xs" c="dimmed">
            Templates take values in double braces, rendered when the rule runs. Pick one to add it.
          </Text>
          {SMART_VALUE_GROUPS.map((group) => (
            <div key={group.label} role="group" aria-label={group.label}>
              <Text size="xs" fw={700} tt="uppercase" c="dimmed" mb={2}>
                {group.label}
              </Text>
              {group.values.map((v) => (
                <UnstyledButton
                  key={v.value}
                  className={classes.smartValue}
                  onClick={() => {
                    onInsert(v.value);
                    setOpened(false);
                  }}
                >
                  <Code>{v.value}</Code>
                  <Text size="xs" c="dimmed">
                    {v.description}
                  </Text>
                </UnstyledButton>
              ))}
            </div>
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
