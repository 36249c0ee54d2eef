import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { isApiError } from '@/api/client';

export interface PageErrorProps {
  error: unknown;
  /** Heading; defaults to one chosen by the HTTP status */
  title?: string;
  /** Shows a "Try again" button */
  onRetry?: () => void;
  /** More actions (e.g. a link back) */
  children?: ReactNode;
}

/** The error state of a page: the server's message (S1.4), its request id, and a way on. */
export function PageError({ error, title, onRetry, children }: PageErrorProps) {
  const message = errorMessage(error);
  const requestId = isApiError(error) ? error.requestId : undefined;
  return (
    <Alert
      variant="light"
      color={isApiError(error) && error.isNotFound ? 'yellow' : 'red'}
      title={title ?? errorTitle(error)}
      icon={<IconAlertTriangle aria-hidden />}
      role="alert"
      m="md"
    >
      <Stack gap="xs">
        <Text size="sm">{message}</Text>
        {requestId && (
          <Text size="xs" c="dimmed">
            Request id <Code>{requestId}</Code>
          </Text>
        )}
        {(onRetry || children) && (
          <Group gap="sm">
            {onRetry && (
              <Button size="xs" variant="light" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
                Try again
              </Button>
            )}
            {children}
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/** The message to show for any thrown value. */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}

function errorTitle(error: unknown): string {
  if (!isApiError(error)) return 'Something went wrong';
  if (error.status === 0) return 'Server unreachable';
  if (error.status === 403) return 'Not allowed';
  if (error.status === 404) return 'Not found';
  if (error.status >= 500) return 'Server error';
  return 'Request failed';
}
