/** Import (POST /api/v1/cmdb/import, administrators): CSV or JSON rows into objects of a type. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { components } from '@/api/schema';

export type CmdbImportRequest = components['schemas']['CmdbImportRequest'];
export type CmdbImportReport = components['schemas']['CmdbImportReport'];

export function useImportObjects() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CmdbImportRequest): Promise<CmdbImportReport> => unwrap(api.POST('/api/v1/cmdb/import', { body })),
    onSuccess: async (report) => {
      if (!report.dryRun && report.ok) await queryClient.invalidateQueries({ queryKey: queryKeys.cmdb() });
    },
  });
}
