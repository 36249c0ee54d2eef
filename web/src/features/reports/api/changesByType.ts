/**
 * The "Changes by type" report (GET /api/v1/reports/changes-by-type?months=): changes created per
 * month, oldest first with the current month last, all of them and by change type.
 * Key: ['reports', 'changes-by-type', {months}].
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';

export interface ChangesByTypeMonth {
  /** "2026-11" */
  month: string;
  all: number;
  standard: number;
  normal: number;
  emergency: number;
}

export async function getChangesByType(months: number): Promise<ChangesByTypeMonth[]> {
  const { months: rows } = await unwrap(api.GET('/api/v1/reports/changes-by-type', { params: { query: { months } } }));
  return rows;
}

export function useChangesByType(months: number) {
  return useQuery({
    queryKey: queryKeys.report('changes-by-type', { months }),
    queryFn: () => getChangesByType(months),
    placeholderData: keepPreviousData,
  });
}
