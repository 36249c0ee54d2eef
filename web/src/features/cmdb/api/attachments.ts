/** Attachments of an object: the list, uploads (one request per file) and deletion. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import { errorMessage } from '@/components/PageError';
import { formatSize } from '@/lib/formatSize';
import type { CmdbAttachment } from './types';

/** The server refuses bigger files (413 `cmdb.attachmentTooLarge`). */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

export function useObjectAttachments(key: string) {
  return useQuery({
    queryKey: queryKeys.cmdbObjectPart(key, 'attachments'),
    queryFn: async ({ signal }): Promise<CmdbAttachment[]> =>
      (await unwrap(api.GET('/api/v1/cmdb/objects/{key}/attachments', { params: { path: { key } }, signal })))
        .attachments,
  });
}

/** Uploads one file as multipart/form-data (the browser sets the boundary). */
export async function uploadObjectAttachment(key: string, file: File): Promise<CmdbAttachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return unwrap(
    api.POST('/api/v1/cmdb/objects/{key}/attachments', {
      params: { path: { key } },
      // openapi-fetch passes FormData through untouched and leaves Content-Type to the browser.
      body: form as unknown as { file?: string },
      bodySerializer: (body) => body as unknown as FormData,
    }),
  );
}

export interface FailedUpload {
  filename: string;
  message: string;
}

/** Some of the files were not attached: which, and why (the server's message). */
export class AttachFilesError extends Error {
  override readonly name = 'AttachFilesError';
  readonly failures: readonly FailedUpload[];

  constructor(failures: readonly FailedUpload[]) {
    super(failures.map((f) => `${f.filename}: ${f.message}`).join('\n'));
    this.failures = failures;
  }
}

/**
 * Attaches files one after the other. A file above the limit is not sent (the server would
 * refuse it only after receiving it, and one above 21 MiB by closing the connection mid-upload);
 * the others still are. Fails with an {@link AttachFilesError} naming every file that was not
 * attached, with the server's message.
 */
export function useAttachFiles(key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (files: readonly File[]): Promise<CmdbAttachment[]> => {
      const stored: CmdbAttachment[] = [];
      const failures: FailedUpload[] = [];
      for (const file of files) {
        if (file.size > MAX_ATTACHMENT_BYTES) {
          failures.push({
            filename: file.name,
            message: `${formatSize(file.size)} is more than the ${formatSize(MAX_ATTACHMENT_BYTES)} an attachment may have`,
          });
          continue;
        }
        try {
          stored.push(await uploadObjectAttachment(key, file));
        } catch (error) {
          failures.push({ filename: file.name, message: errorMessage(error) });
        }
      }
      if (failures.length > 0) throw new AttachFilesError(failures);
      return stored;
    },
    // The list, the history and the object's "Updated" change (every change of an object
    // invalidates the CMDB's queries).
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.cmdb() }),
  });
}

export function useDeleteObjectAttachment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: number): Promise<void> => {
      await unwrap(api.DELETE('/api/v1/cmdb/attachments/{id}', { params: { path: { id } } }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.cmdb() }),
  });
}
