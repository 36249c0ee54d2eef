import { Alert, Button, Code, CopyButton, Group, Modal, Stack, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconInfoCircle } from '@tabler/icons-react';
import classes from './Automation.module.css';

export interface WebhookUrlDialogProps {
  /** The URL path the server answered with; null when closed */
  url: string | null;
  onClose: () => void;
}

/** The absolute URL of a webhook path ("/api/v1/automation/webhooks/…"). */
export function absoluteUrl(path: string): string {
  return /^https?:\/\//.test(path) ? path : `${window.location.origin}${path}`;
}

/** The secret URL of an incoming-webhook rule, shown once, with a copy button. */
export function WebhookUrlDialog({ url, onClose }: WebhookUrlDialogProps) {
  const full = url ? absoluteUrl(url) : '';
  return (
    <Modal opened={url !== null} onClose={onClose} title="Incoming webhook URL" size="lg" closeOnClickOutside={false}>
      <Stack gap="sm">
        <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} aria-hidden />}>
          Copy this URL now: it is shown only once. Anyone who has it can trigger the rule; if it leaks, make a new
          one.
        </Alert>
        <Code block className={classes.webhookUrl} aria-label="Webhook URL">
          {full}
        </Code>
        <Text size="sm" c="dimmed">
          POST JSON to it. The body is {'{{webhookData}}'} in the rule; an "issues" list of keys runs the rule once for each.
        </Text>
        <Code block className={classes.webhookUrl}>
          {`curl -X POST -H 'Content-Type: application/json' -d '{"issues": ["ITO-1"]}' '${full}'`}
        </Code>
        <Group justify="flex-end" gap="sm">
          <CopyButton value={full}>
            {({ copied, copy }) => (
              <Button
                variant="light"
                color={copied ? 'green' : 'blue'}
                leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                onClick={copy}
              >
                {copied ? 'Copied' : 'Copy URL'}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose}>Done</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
