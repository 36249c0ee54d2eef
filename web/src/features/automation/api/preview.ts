/** POST /api/v1/automation/preview: a smart-value template rendered, optionally against an issue. */
import { useMutation } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';

export interface PreviewRequest {
  template: string;
  issue?: string;
}

export function usePreview() {
  return useMutation({
    mutationFn: ({ template, issue }: PreviewRequest): Promise<string> =>
      unwrap(api.POST('/api/v1/automation/preview', { body: issue ? { template, issue } : { template } })).then(
        (r) => r.rendered,
      ),
  });
}
