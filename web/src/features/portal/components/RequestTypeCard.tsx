import { Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useId } from 'react';
import { Link } from 'react-router-dom';
import { paths } from '@/lib/paths';
import { RequestTypeIcon } from './RequestTypeIcon';
import classes from './portal.module.css';

export interface RequestTypeCardProps {
  portalId: number;
  requestType: { id: number; name: string; icon: string; description: string };
  /** Shown under the description, e.g. the portal's name in help-center search results */
  context?: string;
}

/**
 * A request type as a card: its icon, name and description. The whole card is one link whose
 * accessible name is the request type's name; the description describes it.
 */
export function RequestTypeCard({ portalId, requestType, context }: RequestTypeCardProps) {
  const id = useId();
  return (
    <UnstyledButton
      component={Link}
      to={paths.portalCreate(portalId, requestType.id)}
      className={classes.typeCard}
      aria-labelledby={`${id}-name`}
      aria-describedby={requestType.description || context ? `${id}-desc` : undefined}
    >
      <Group wrap="nowrap" align="flex-start" gap="md">
        <RequestTypeIcon icon={requestType.icon} size={40} />
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text id={`${id}-name`} fw={600} className={classes.typeName}>
            {requestType.name}
          </Text>
          {(requestType.description || context) && (
            <Text id={`${id}-desc`} size="sm" c="dimmed">
              {requestType.description}
              {context && (
                <Text span size="xs" c="dimmed" display="block" mt={2}>
                  {context}
                </Text>
              )}
            </Text>
          )}
        </Stack>
      </Group>
    </UnstyledButton>
  );
}
