import { Box, Group, Title } from '@mantine/core';
import { useId } from 'react';
import type { ReactNode } from 'react';

export interface SectionProps {
  title: ReactNode;
  /** Buttons on the right of the heading */
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  onDragOver?: React.DragEventHandler;
  onDragLeave?: React.DragEventHandler;
  onDrop?: React.DragEventHandler;
}

/** A titled part of the main column (Description, Sub-tasks, Linked issues, ...). */
export function Section({ title, actions, children, ...rest }: SectionProps) {
  const id = useId();
  return (
    <Box component="section" aria-labelledby={id} {...rest}>
      <Group justify="space-between" gap="xs" mb={6} wrap="nowrap" mih={28}>
        <Title order={2} size="h5" id={id}>
          {title}
        </Title>
        {actions && (
          <Group gap={4} wrap="nowrap">
            {actions}
          </Group>
        )}
      </Group>
      {children}
    </Box>
  );
}
