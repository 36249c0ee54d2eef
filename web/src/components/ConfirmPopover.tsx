import { Button, Group, Popover, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ReactElement } from 'react';

export interface ConfirmPopoverProps {
  /** The button that asks; it gets the popover's toggle */
  children: ReactElement<{ onClick?: () => void }>;
  message: string;
  confirmLabel: string;
  onConfirm: () => void;
}

/** "Delete this comment?" next to the button that asked, instead of a blocking browser dialog. */
export function ConfirmPopover({ children, message, confirmLabel, onConfirm }: ConfirmPopoverProps) {
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow shadow="md" trapFocus returnFocus>
      <Popover.Target>
        <span style={{ display: 'inline-flex' }} onClick={() => setOpened((o) => !o)}>
          {children}
        </span>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" maw={240}>
          <Text size="sm">{message}</Text>
          <Group gap="xs" justify="flex-end">
            <Button size="xs" variant="default" onClick={() => setOpened(false)}>
              Cancel
            </Button>
            <Button
              size="xs"
              color="red"
              onClick={() => {
                setOpened(false);
                onConfirm();
              }}
            >
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
