import { ActionIcon, Alert, Anchor, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconDownload, IconFile, IconPlus, IconTrash } from '@tabler/icons-react';
import type { User } from '@/api/types';
import { ConfirmPopover } from '@/components/ConfirmPopover';
import { errorMessage } from '@/components/PageError';
import { RelativeTime } from '@/components/RelativeTime';
import { formatSize } from '@/lib/formatSize';
import { attachmentContentUrl, useAttachments, useDeleteAttachment } from '../api/attachments';
import type { Attachment } from '../api/types';
import classes from './IssuePage.module.css';
import { Section } from './Section';

/** Images shown inline by the server (S: every image but SVG) get a thumbnail. */
function hasThumbnail(a: Pick<Attachment, 'mimeType'>): boolean {
  return a.mimeType.startsWith('image/') && a.mimeType !== 'image/svg+xml';
}

export interface AttachmentsSectionProps {
  issueKey: string;
  me: User;
  canEdit: boolean;
  onAttach: () => void;
  uploading: boolean;
  uploadError: unknown;
  onDismissUploadError: () => void;
}

/** Attached files with download links and thumbnails (upload: Attach, or drop files on the page). */
export function AttachmentsSection({
  issueKey,
  me,
  canEdit,
  onAttach,
  uploading,
  uploadError,
  onDismissUploadError,
}: AttachmentsSectionProps) {
  const attachments = useAttachments(issueKey);
  const remove = useDeleteAttachment(issueKey);
  const list = attachments.data ?? [];

  if (list.length === 0 && !uploading && !uploadError) return null;

  return (
    <Section
      title={`Attachments (${list.length})`}
      actions={
        <Tooltip label="Attach files">
          <ActionIcon variant="subtle" color="gray" aria-label="Add attachment" onClick={onAttach} loading={uploading}>
            <IconPlus size={18} />
          </ActionIcon>
        </Tooltip>
      }
    >
      <Stack gap="xs">
        {uploadError != null && (
          <Alert color="red" variant="light" role="alert" withCloseButton closeButtonLabel="Dismiss" onClose={onDismissUploadError}>
            {errorMessage(uploadError)}
          </Alert>
        )}
        {remove.isError && (
          <Alert color="red" variant="light" role="alert" withCloseButton onClose={() => remove.reset()}>
            {errorMessage(remove.error)}
          </Alert>
        )}
        <Group gap="sm" align="stretch">
          {list.map((a) => {
            const url = attachmentContentUrl(a.id);
            const canDelete = canEdit || a.author.username === me.username;
            return (
              <Paper key={a.id} withBorder radius="sm" className={classes.attachment}>
                <a href={url} target="_blank" rel="noopener noreferrer" className={classes.attachmentThumb} tabIndex={-1} aria-hidden>
                  {hasThumbnail(a) ? (
                    <img src={url} alt="" loading="lazy" />
                  ) : (
                    <IconFile size={36} stroke={1.5} color="var(--mantine-color-gray-6)" />
                  )}
                </a>
                <Stack gap={2} p={8}>
                  <Anchor href={url} download={a.filename} size="sm" fw={500} truncate title={a.filename}>
                    {a.filename}
                  </Anchor>
                  <Group gap={4} justify="space-between" wrap="nowrap">
                    <Text size="xs" c="dimmed" truncate>
                      {formatSize(a.size)} · <RelativeTime value={a.created} />
                    </Text>
                    <Group gap={0} wrap="nowrap">
                      <ActionIcon
                        component="a"
                        href={url}
                        download={a.filename}
                        variant="subtle"
                        color="gray"
                        size="sm"
                        aria-label={`Download ${a.filename}`}
                      >
                        <IconDownload size={14} />
                      </ActionIcon>
                      {canDelete && (
                        <ConfirmPopover
                          message={`Delete ${a.filename}? This cannot be undone.`}
                          confirmLabel="Delete"
                          onConfirm={() => remove.mutate(a.id)}
                        >
                          <ActionIcon
                            variant="subtle"
                            color="gray"
                            size="sm"
                            aria-label={`Delete ${a.filename}`}
                            loading={remove.isPending && remove.variables === a.id}
                          >
                            <IconTrash size={14} />
                          </ActionIcon>
                        </ConfirmPopover>
                      )}
                    </Group>
                  </Group>
                </Stack>
              </Paper>
            );
          })}
        </Group>
      </Stack>
    </Section>
  );
}
