/**
 * The objects an object field may hold, as its picker offers them on an issue or request form:
 * `GET /api/v1/fields/{fieldId}/objects?q=&context=` (customers may use it too). Used by the
 * issues and portal features through components/ObjectPicker.
 */
import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client';
import { queryKeys } from './keys';
import type { CmdbObjectRef } from './types';

/** The objects offered, and the fields whose answers the field's scope still waits for. */
export interface FieldObjects {
  objects: CmdbObjectRef[];
  waitingFor: string[];
}

/** `context` is the JSON text of lib/objectValues' encodeObjectContext. */
export async function fetchFieldObjects(
  fieldId: number,
  q: string,
  context: string,
  signal?: AbortSignal,
): Promise<FieldObjects> {
  const query: { q?: string; context?: string } = {};
  if (q) query.q = q;
  if (context && context !== '{}') query.context = context;
  const data = await unwrap(
    api.GET('/api/v1/fields/{field}/objects', { params: { path: { field: String(fieldId) }, query }, signal }),
  );
  return { objects: data.objects, waitingFor: data.waitingFor ?? [] };
}

export const fieldObjectsQueryOptions = (fieldId: number, q: string, context: string) =>
  queryOptions({
    queryKey: queryKeys.fieldObjects(fieldId, q, context),
    queryFn: ({ signal }) => fetchFieldObjects(fieldId, q, context, signal),
    staleTime: 30_000,
  });
