/** Export (GET /api/v1/cmdb/export): objects of a type or an AQL query as a CSV or JSON file. */
import { api, unwrap } from '@/api/client';

export interface ExportRequest {
  objectTypeId?: number | undefined;
  aql?: string | undefined;
  format: 'csv' | 'json';
}

/** Fetches the file and hands it to the browser as a download named after `baseName`. */
export async function downloadExport(request: ExportRequest, baseName: string): Promise<void> {
  const query: { objectTypeId?: number; aql?: string; format: 'csv' | 'json' } = { format: request.format };
  if (request.objectTypeId !== undefined) query.objectTypeId = request.objectTypeId;
  else if (request.aql !== undefined) query.aql = request.aql;
  const text = await unwrap(api.GET('/api/v1/cmdb/export', { params: { query }, parseAs: 'text' }));
  const type = request.format === 'csv' ? 'text/csv' : 'application/json';
  const url = URL.createObjectURL(new Blob([text as unknown as string], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${baseName.replace(/[^\w.-]+/g, '-')}.${request.format}`;
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
