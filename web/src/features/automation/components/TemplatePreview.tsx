import { Alert, Button, Code, Group, Popover, Stack, Text, TextInput } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '@/components/PageError';
import { usePreview } from '../api/preview';
import classes from './Automation.module.css';

export interface TemplatePreviewProps {
  label: string;
  template: string;
  disabled?: boolean;
}

/**
 * "Try it": renders the template on the server (POST /api/v1/automation/preview), against an
 * issue when a key is given, and shows the text or what is wrong with the template.
 */
export function TemplatePreview({ label, template, disabled = false }: TemplatePreviewProps) {
  const [opened, setOpened] = useState(false);
  const [issue, setIssue] = useState('');
  const preview = usePreview();
  const render = () => preview.mutate(issue.trim() ? { template, issue: issue.trim().toUpperCase() } : { template });

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-start"
      width={360}
      shadow="md"
      withArrow
      trapFocus
      returnFocus
      onOpen={() => preview.reset()}
    >
      <Popover.Target>
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPlayerPlay size={14} aria-hidden />}
          onClick={() => setOpened((o) => !o)}
          aria-label={`Try ${label}`}
          disabled={disabled || template.trim() === ''}
        >
          Try it
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <form
          onSubmit={(e) => {
            // The popover renders in a portal: keep the submit from reaching an enclosing form.
            e.preventDefault();
            e.stopPropagation();
            render();
          }}
        >
          <Stack gap="xs">
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                label="Issue key"
                description="Optional: the issue the template sees"
                placeholder="ITO-42"
                value={issue}
                onChange={(e) => setIssue(e.currentTarget.value)}
                style={{ flex: 1 }}
                data-autofocus
              />
              <Button type="submit" loading={preview.isPending}>
                Render
              </Button>
            </Group>
            {preview.isError && (
              <Alert color="red" variant="light" role="alert" title="The template cannot be rendered">
                <Text size="sm">{errorMessage(preview.error)}</Text>
              </Alert>
            )}
            {preview.isSuccess && (
              <div role="status" aria-label="Rendered text">
                <Text size="xs" c="dimmed" mb={4}>
                  Result
                </Text>
                <Code block className={classes.rendered}>
                  {preview.data === '' ? '(empty)' : preview.data}
                </Code>
              </div>
            )}
          </Stack>
        </form>
      </Popover.Dropdown>
    </Popover>
  );
}
