/**
 * The rule editor's model of a rule's components: the server's JSON
 * (`{type, ...settings}` or `{type: "ifElse", branches: [{conditions, components}], else}`)
 * as a tree of nodes with ids of their own, so React keeps each card's state while cards move,
 * and so editing helpers can address a node wherever it sits (a branch of a block inside a
 * branch...). Pure functions; every change returns a new tree.
 *
 * Lists are named by a {@link ListId}: `root` for the rule's components, `<branch id>:conditions`
 * and `<branch id>:components` for a branch, `<block id>:else` for a block's else.
 */
import type { AutomationComponent } from '../api/types';

export type Settings = Record<string, unknown>;

/** A condition or an action. */
export interface ComponentNode {
  uid: string;
  kind: 'component';
  type: string;
  settings: Settings;
}

export interface Branch {
  uid: string;
  conditions: RuleNode[];
  components: RuleNode[];
}

/** An if/else block: the first branch whose conditions hold runs, else the `else` components. */
export interface IfElseNode {
  uid: string;
  kind: 'ifElse';
  branches: Branch[];
  else: RuleNode[];
  /** Other keys the server keeps on the block (`label`, `id`) */
  extra: Settings;
}

export type RuleNode = ComponentNode | IfElseNode;

export type ListId = string;
export const ROOT: ListId = 'root';
export type BranchPart = 'conditions' | 'components';
export const branchListId = (branchUid: string, part: BranchPart): ListId => `${branchUid}:${part}`;
export const elseListId = (blockUid: string): ListId => `${blockUid}:else`;

/** If/else blocks nest at most this deep (the server's limit). */
export const MAX_BLOCK_DEPTH = 3;

let counter = 0;
/** A fresh id for a node or branch (unique in this page's life). */
export function newUid(): string {
  counter += 1;
  return `n${counter}`;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// ---------------------------------------------------------------------------- from and to JSON

export function nodesFromJson(list: readonly unknown[] | undefined): RuleNode[] {
  return (list ?? []).filter(isObject).map(nodeFromJson);
}

function nodeFromJson(json: Record<string, unknown>): RuleNode {
  const { type, ...rest } = json;
  if (type === 'ifElse') {
    const { branches, else: elseList, ...extra } = rest;
    return {
      uid: newUid(),
      kind: 'ifElse',
      branches: (Array.isArray(branches) ? branches : []).filter(isObject).map((b) => ({
        uid: newUid(),
        conditions: nodesFromJson(Array.isArray(b.conditions) ? b.conditions : []),
        components: nodesFromJson(Array.isArray(b.components) ? b.components : []),
      })),
      else: nodesFromJson(Array.isArray(elseList) ? elseList : []),
      extra,
    };
  }
  return { uid: newUid(), kind: 'component', type: typeof type === 'string' ? type : '', settings: rest };
}

/**
 * The server's JSON of the components. `settingsOf` may rewrite a component's settings on the
 * way (drop empty values); by default they go as they are.
 */
export function nodesToJson(
  nodes: readonly RuleNode[],
  settingsOf: (node: ComponentNode) => Settings = (node) => node.settings,
): AutomationComponent[] {
  return nodes.map((node) => {
    if (node.kind === 'component') return { ...settingsOf(node), type: node.type };
    return {
      ...node.extra,
      type: 'ifElse',
      branches: node.branches.map((b) => ({
        conditions: nodesToJson(b.conditions, settingsOf),
        components: nodesToJson(b.components, settingsOf),
      })),
      else: nodesToJson(node.else, settingsOf),
    };
  });
}

// ---------------------------------------------------------------------------- making nodes

export function newComponent(type: string, settings: Settings = {}): ComponentNode {
  return { uid: newUid(), kind: 'component', type, settings };
}

export function newBranch(): Branch {
  return { uid: newUid(), conditions: [], components: [] };
}

export function newIfElse(): IfElseNode {
  return { uid: newUid(), kind: 'ifElse', branches: [newBranch()], else: [], extra: {} };
}

// ---------------------------------------------------------------------------- editing

/** Rebuilds the tree with every list passed through `fn` (children first). */
function mapLists(
  nodes: readonly RuleNode[],
  fn: (list: RuleNode[], id: ListId) => RuleNode[],
  id: ListId = ROOT,
): RuleNode[] {
  const inner = nodes.map((node): RuleNode => {
    if (node.kind === 'component') return node;
    return {
      ...node,
      branches: node.branches.map((b) => ({
        ...b,
        conditions: mapLists(b.conditions, fn, branchListId(b.uid, 'conditions')),
        components: mapLists(b.components, fn, branchListId(b.uid, 'components')),
      })),
      else: mapLists(node.else, fn, elseListId(node.uid)),
    };
  });
  return fn(inner, id);
}

/** Adds `node` to a list, at `index` or at its end. */
export function insertNode(nodes: readonly RuleNode[], listId: ListId, node: RuleNode, index?: number): RuleNode[] {
  return mapLists(nodes, (list, id) => {
    if (id !== listId) return list;
    const at = index === undefined ? list.length : Math.max(0, Math.min(index, list.length));
    return [...list.slice(0, at), node, ...list.slice(at)];
  });
}

/** Removes a node (and whatever it holds) wherever it is. */
export function removeNode(nodes: readonly RuleNode[], uid: string): RuleNode[] {
  return mapLists(nodes, (list) => (list.some((n) => n.uid === uid) ? list.filter((n) => n.uid !== uid) : list));
}

/** Moves a node up (-1) or down (+1) in its list; nothing happens at the ends. */
export function moveNode(nodes: readonly RuleNode[], uid: string, delta: -1 | 1): RuleNode[] {
  return mapLists(nodes, (list) => {
    const from = list.findIndex((n) => n.uid === uid);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= list.length) return list;
    const next = [...list];
    [next[from], next[to]] = [next[to]!, next[from]!];
    return next;
  });
}

/** Replaces a node by `fn(node)`. */
export function updateNode(nodes: readonly RuleNode[], uid: string, fn: (node: RuleNode) => RuleNode): RuleNode[] {
  return mapLists(nodes, (list) => (list.some((n) => n.uid === uid) ? list.map((n) => (n.uid === uid ? fn(n) : n)) : list));
}

/** Sets one setting of a condition or action (undefined removes it). */
export function setSetting(nodes: readonly RuleNode[], uid: string, name: string, value: unknown): RuleNode[] {
  return updateNode(nodes, uid, (node) => {
    if (node.kind !== 'component') return node;
    const { [name]: _old, ...rest } = node.settings;
    return { ...node, settings: value === undefined ? rest : { ...rest, [name]: value } };
  });
}

/** Adds an "else if" branch to a block. */
export function addBranch(nodes: readonly RuleNode[], blockUid: string): RuleNode[] {
  return updateNode(nodes, blockUid, (node) =>
    node.kind === 'ifElse' ? { ...node, branches: [...node.branches, newBranch()] } : node,
  );
}

/** Removes a branch of a block; a block keeps at least one. */
export function removeBranch(nodes: readonly RuleNode[], blockUid: string, branchUid: string): RuleNode[] {
  return updateNode(nodes, blockUid, (node) =>
    node.kind === 'ifElse' && node.branches.length > 1
      ? { ...node, branches: node.branches.filter((b) => b.uid !== branchUid) }
      : node,
  );
}

/** Moves a branch of a block up or down. */
export function moveBranch(nodes: readonly RuleNode[], blockUid: string, branchUid: string, delta: -1 | 1): RuleNode[] {
  return updateNode(nodes, blockUid, (node) => {
    if (node.kind !== 'ifElse') return node;
    const from = node.branches.findIndex((b) => b.uid === branchUid);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= node.branches.length) return node;
    const branches = [...node.branches];
    [branches[from], branches[to]] = [branches[to]!, branches[from]!];
    return { ...node, branches };
  });
}

// ---------------------------------------------------------------------------- reading

/** Every condition and action of the tree, depth first, in order. */
export function allComponents(nodes: readonly RuleNode[]): ComponentNode[] {
  return nodes.flatMap((node) =>
    node.kind === 'component'
      ? [node]
      : [...node.branches.flatMap((b) => [...allComponents(b.conditions), ...allComponents(b.components)]), ...allComponents(node.else)],
  );
}

/** How many components the rule has (blocks count, as the server counts them). */
export function countNodes(nodes: readonly RuleNode[]): number {
  return nodes.reduce(
    (sum, node) =>
      sum +
      1 +
      (node.kind === 'ifElse'
        ? node.branches.reduce((s, b) => s + countNodes(b.conditions) + countNodes(b.components), 0) + countNodes(node.else)
        : 0),
    0,
  );
}
