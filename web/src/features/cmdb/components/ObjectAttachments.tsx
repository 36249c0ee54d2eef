import { ActionIcon, Alert, Anchor, Button, FileButton, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconFile, IconPaperclip, IconPhoto, IconTrash } from '@tabler/icons-react';
import { useRef } from 'react';
import { ConfirmPopover } from '@/components/ConfirmPopover';
import { PageError, errorMessage } from '@/components/PageError';
import { RelativeTime } from '@/components/RelativeTime';
import { formatSize } from '@/lib/formatSize';
import { useFileDrop } from '@/lib/useFileDrop';
import {
  AttachFilesError,
  MAX_ATTACHMENT_BYTES,
  useAttachFiles,
  useDeleteObjectAttachment,
  useObjectAttachments,
} from '../api/attachments';
import type { CmdbAttachment } from '../api/types';
import classes from './Cmdb.module.css';

/**
 * The object's attached files: each a download link with its size, who attached it and when,
 * and a delete button (confirmed). Files are attached with "Attach files" or by dropping them
 * anywhere on the section.
 */
export function ObjectAttachments({ objectKey }: { objectKey: string }) {
  const attachments = useObjectAttachments(objectKey);
  const attach = useAttachFiles(objectKey);
  const remove = useDeleteObjectAttachment();
  const resetPicker = useRef<() => void>(null);
  const upload = (files: File[]) => {
    if (files.length > 0) attach.mutate(files);
  };
  const { dragging, dropProps } = useFileDrop(upload);
  const count = attachments.data?.length;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label="Attachments" {...dropProps}>
      <Title order={2} size="h5" mb="sm">
        Attachments{count ? ` (${count})` : ''}
      </Title>
      <Stack gap="sm">
        <div className={classes.dropZone} data-active={dragging || undefined}>
          <Text size="sm" fw={500}>
            Drop files to attach
          </Text>
          <Text size="xs" c="dimmed">
            The maximum file upload size is {formatSize(MAX_ATTACHMENT_BYTES)}.
          </Text>
          <FileButton
            multiple
            onChange={(files) => {
              upload(files);
              resetPicker.current?.();
            }}
            resetRef={resetPicker}
            inputProps={{ 'aria-label': 'Files to attach' }}
          >
            {(props) => (
              <Button
                {...props}
                size="xs"
                variant="default"
                mt={6}
                leftSection={<IconPaperclip size={14} aria-hidden />}
                loading={attach.isPending}
              >
                Attach files
              </Button>
            )}
          </FileButton>
        </div>
        {attach.isError && (
          <Alert
            color="red"
            variant="light"
            role="alert"
            title={uploadErrorTitle(attach.error)}
            withCloseButton
            closeButtonLabel="Dismiss"
            onClose={() => attach.reset()}
          >
            <UploadFailures error={attach.error} />
          </Alert>
        )}
        {remove.isError && (
          <Alert color="red" variant="light" role="alert" withCloseButton closeButtonLabel="Dismiss" onClose={() => remove.reset()}>
            {errorMessage(remove.error)}
          </Alert>
        )}
        {attachments.isPending ? (
          <Stack gap={6} role="status" aria-label="Loading the attachments">
            <Skeleton height={20} />
            <Skeleton height={20} width="70%" />
          </Stack>
        ) : attachments.isError ? (
          <PageError error={attachments.error} onRetry={() => void attachments.refetch()} />
        ) : attachments.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            There are no attachments
          </Text>
        ) : (
          <ul className={classes.attachmentList} aria-label="Attached files">
            {attachments.data.map((a) => (
              <AttachmentRow
                key={a.id}
                attachment={a}
                deleting={remove.isPending && remove.variables === a.id}
                onDelete={() => remove.mutate(a.id)}
              />
            ))}
          </ul>
        )}
      </Stack>
    </Paper>
  );
}

function AttachmentRow({
  attachment: a,
  deleting,
  onDelete,
}: {
  attachment: CmdbAttachment;
  deleting: boolean;
  onDelete: () => void;
}) {
  const Icon = a.mimeType.startsWith('image/') ? IconPhoto : IconFile;
  return (
    <li className={classes.attachmentRow}>
      <Icon size={18} stroke={1.5} color="var(--mantine-color-gray-6)" aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
      <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
        <Anchor href={a.content} download={a.filename} size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
          {a.filename}
        </Anchor>
        <Text size="xs" c="dimmed">
          {formatSize(a.size)} · {a.author?.displayName ?? 'Steward'} · <RelativeTime value={a.created} />
        </Text>
      </Stack>
      <ConfirmPopover message={`Delete ${a.filename}? This cannot be undone.`} confirmLabel="Delete" onConfirm={onDelete}>
        <ActionIcon variant="subtle" color="gray" size="sm" aria-label={`Delete ${a.filename}`} loading={deleting}>
          <IconTrash size={14} />
        </ActionIcon>
      </ConfirmPopover>
    </li>
  );
}

function uploadErrorTitle(error: Error): string {
  if (!(error instanceof AttachFilesError)) return 'The files were not attached';
  return error.failures.length === 1 ? 'A file was not attached' : `${error.failures.length} files were not attached`;
}

function UploadFailures({ error }: { error: Error }) {
  if (!(error instanceof AttachFilesError)) return <Text size="sm">{errorMessage(error)}</Text>;
  return (
    <Stack gap={2}>
      {error.failures.map((f, i) => (
        <Text key={i} size="sm" style={{ overflowWrap: 'anywhere' }}>
          <Text span fw={600}>
            {f.filename}
          </Text>
          : {f.message}
        </Text>
      ))}
    </Stack>
  );
}
