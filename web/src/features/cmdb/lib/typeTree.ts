/** The object type tree of a schema (a forest of CmdbTypeNode): look-ups and the search box. */
import type { CmdbTypeNode } from '../api/types';

/** Every node, depth first (a parent before its children). */
export function flattenTypes(roots: readonly CmdbTypeNode[]): CmdbTypeNode[] {
  const out: CmdbTypeNode[] = [];
  const walk = (nodes: readonly CmdbTypeNode[]) => {
    for (const n of nodes) {
      out.push(n);
      walk(n.children);
    }
  };
  walk(roots);
  return out;
}

export function findType(roots: readonly CmdbTypeNode[], id: number): CmdbTypeNode | undefined {
  return flattenTypes(roots).find((n) => n.id === id);
}

/** The ids of the node's ancestors, root first ([] for a root or an unknown id). */
export function ancestorIds(roots: readonly CmdbTypeNode[], id: number): number[] {
  const path: number[] = [];
  const walk = (nodes: readonly CmdbTypeNode[]): boolean => {
    for (const n of nodes) {
      if (n.id === id) return true;
      path.push(n.id);
      if (walk(n.children)) return true;
      path.pop();
    }
    return false;
  };
  return walk(roots) ? path : [];
}

/**
 * The tree cut down to the types whose name contains `text` (case-insensitive) and their
 * ancestors; the whole tree for an empty text.
 */
export function filterTypes(roots: readonly CmdbTypeNode[], text: string): CmdbTypeNode[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [...roots];
  const keep = (nodes: readonly CmdbTypeNode[]): CmdbTypeNode[] =>
    nodes.flatMap((n) => {
      const children = keep(n.children);
      return n.name.toLowerCase().includes(needle) || children.length > 0 ? [{ ...n, children }] : [];
    });
  return keep(roots);
}

/** The first type with objects of its own (else the first type): what a schema opens on. */
export function defaultType(roots: readonly CmdbTypeNode[]): CmdbTypeNode | undefined {
  const all = flattenTypes(roots);
  return all.find((n) => !n.abstract && n.objectCount > 0) ?? all[0];
}
