/** The tabs of a portal page: its groups with their request types, in the portal's order. */

export interface GroupedTypes<T> {
  /** The group's id as a string ("other" for request types in no group) */
  key: string;
  name: string;
  types: T[];
}

export const UNGROUPED_KEY = 'other';

export function groupRequestTypes<T extends { id: number }>(
  groups: readonly { id: number; name: string; requestTypeIds: readonly number[] }[],
  types: readonly T[],
): GroupedTypes<T>[] {
  const byId = new Map(types.map((t) => [t.id, t]));
  const grouped = new Set<number>();
  const result: GroupedTypes<T>[] = [];
  for (const group of groups) {
    const members = group.requestTypeIds.flatMap((id) => {
      const type = byId.get(id);
      if (!type) return [];
      grouped.add(id);
      return [type];
    });
    if (members.length > 0) result.push({ key: String(group.id), name: group.name, types: members });
  }
  const rest = types.filter((t) => !grouped.has(t.id));
  if (rest.length > 0) {
    result.push({ key: UNGROUPED_KEY, name: result.length > 0 ? 'Other requests' : 'All requests', types: rest });
  }
  return result;
}
