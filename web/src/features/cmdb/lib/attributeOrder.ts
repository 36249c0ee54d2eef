/**
 * Moving an attribute up or down among its type's own attributes. The server orders a type's
 * attributes by the type that declares them (inherited ones first), then by `position`, then by
 * id; an attribute moves by taking its neighbour's position and giving it its own.
 */
import type { AttributeMove } from '../api/schemaAdmin';
import type { CmdbAttribute } from '../api/types';

/**
 * The positions to PUT so that `id` swaps places with its neighbour above (`up`) or below
 * (`down`) among `own` (the type's own attributes, in the server's order): two changes when the
 * positions are distinct; when some are equal (the id decides between them, so a swap would not
 * show) the attributes are numbered afresh from the first position. Nothing at either end.
 */
export function attributeMoves(
  own: readonly Pick<CmdbAttribute, 'id' | 'position'>[],
  id: number,
  direction: 'up' | 'down',
): AttributeMove[] {
  const from = own.findIndex((a) => a.id === id);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= own.length) return [];
  const order = [...own];
  [order[from], order[to]] = [order[to]!, order[from]!];
  const current = own.map((a) => a.position);
  const increasing = current.every((p, i) => i === 0 || p > current[i - 1]!);
  const first = current[0] ?? 0;
  const positions = increasing ? current : current.map((_, i) => first + i);
  return order.flatMap((a, i) => (a.position === positions[i] ? [] : [{ id: a.id, position: positions[i]! }]));
}
