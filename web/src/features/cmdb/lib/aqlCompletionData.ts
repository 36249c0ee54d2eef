/**
 * The data AQL completion needs, from what the CMDB screens already load: the schema's type tree
 * (GET /api/v1/cmdb/schemas/{key}) and each type with its attributes
 * (GET /api/v1/cmdb/objecttypes/{id}, the same cached queries the object list and forms use).
 * The types' attributes are fetched only once `enabled` (the editor got the focus).
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { objectTypeQueryOptions } from '../api/objectTypes';
import { schemaQueryOptions } from '../api/schemas';
import type { AqlCompletionData, AqlTypeInfo } from './aqlCompletion';
import { flattenTypes } from './typeTree';

export function useAqlCompletionData(schemaKey: string | undefined, enabled: boolean): AqlCompletionData {
  const schema = useQuery({ ...schemaQueryOptions(schemaKey ?? ''), enabled: Boolean(schemaKey) });
  const nodes = useMemo(() => (schemaKey ? flattenTypes(schema.data?.objectTypes ?? []) : []), [schemaKey, schema.data]);
  const details = useQueries({
    queries: nodes.map((n) => ({ ...objectTypeQueryOptions(n.id), enabled })),
  });
  const stamp = details.map((d) => d.dataUpdatedAt).join(',');
  return useMemo(() => {
    const types: AqlTypeInfo[] = nodes.map((n, i) => ({ name: n.name, attributes: details[i]?.data?.attributes ?? [] }));
    return { types };
    // `details` is a new array on each render; its data changes only with `stamp`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [nodes, stamp]);
}
