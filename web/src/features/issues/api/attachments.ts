import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { Attachment } from './types';

export async function getAttachments(key: string): Promise<Attachment[]> {
  const { values } = await unwrap(
    api.GET('/api/v1/issues/{key}/attachments', { params: { path: { key } } }),
  );
  return values;
}

export function useAttachments(key: string) {
  return useQuery({ queryKey: queryKeys.issuePart(key, 'attachments'), queryFn: () => getAttachments(key) });
}

/** Where the bytes of an attachment are downloaded from. */
export function attachmentContentUrl(id: number): string {
  return `/api/v1/attachments/${id}/content`;
}

/** Uploads one file as multipart/form-data (the browser sets the boundary). */
export async function uploadAttachment(key: string, file: File): Promise<Attachment> {
  const form = new FormData();
  form.append('file', file, file.name);
  return unwrap(
    api.POST('/api/v1/issues/{key}/attachments', {
      params: { path: { key } },
      // openapi-fetch passes FormData through untouched and leaves Content-Type to the browser.
      body: form as unknown as { file?: string },
      bodySerializer: (body) => body as unknown as FormData,
    }),
  );
}

export function useUploadAttachments(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (files: readonly File[]) => {
      const stored: Attachment[] = [];
      for (const file of files) stored.push(await uploadAttachment(key, file));
      return stored;
    },
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.issue(key) }),
  });
}

export function useDeleteAttachment(key: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => unwrap(api.DELETE('/api/v1/attachments/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.issue(key) }),
  });
}
