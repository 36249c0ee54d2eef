import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { CreateIssueDialogProps } from '@/lib/createIssue';

/** The create-issue dialog (placeholder until the create form is built on POST /api/v1/issues). */
export function CreateIssueDialog({ opened, request, onClose }: CreateIssueDialogProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Create issue" size="lg">
      <Stack gap="md">
        <Text size="sm">
          The create form arrives with the issue screens
          {request.projectKey ? ` (it will create in project ${request.projectKey})` : ''}.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
