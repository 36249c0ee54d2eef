/**
 * Where a server error belongs in the rule editor. A 400 names the setting at fault with a path
 * into the request body: `trigger.cron`, `name`, `components[2].branches[0].conditions[0].field`,
 * `components[1].fields.Priority`. The editor shows the message on that card (and at that input
 * when it names one), else above the rule.
 */
import type { RuleNode } from './ruleTree';

/** The settings of the rule itself (the details panel). */
export const RULE_SETTINGS = [
  'name',
  'description',
  'enabled',
  'projects',
  'actor',
  'owner',
  'allowRuleTrigger',
  'notifyOnError',
  'rateLimitPerMinute',
] as const;
export type RuleSetting = (typeof RULE_SETTINGS)[number];

export type ErrorTarget =
  /** The trigger card; `setting` names its input when there is one */
  | { kind: 'trigger'; setting?: string }
  /** A condition, action or if/else block; `setting` is the first name after it (`field`, `fields`, `branches`) */
  | { kind: 'node'; uid: string; setting?: string }
  /** One branch of a block */
  | { kind: 'branch'; uid: string; blockUid: string }
  /** A setting of the rule in the details panel */
  | { kind: 'rule'; setting: RuleSetting }
  /** Nowhere in particular: above the rule */
  | { kind: 'form' };

export type PathSegment = string | number;

/** `components[2].branches[0].field` → ['components', 2, 'branches', 0, 'field']. */
export function parseFieldPath(path: string): PathSegment[] {
  const segments: PathSegment[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  for (const m of path.matchAll(re)) {
    if (m[2] !== undefined) segments.push(Number(m[2]));
    else if (m[1] !== undefined) segments.push(m[1]);
  }
  return segments;
}

/** The element of the editor a server error's `field` names, as the tree is now. */
export function locateError(field: string | undefined, nodes: readonly RuleNode[]): ErrorTarget {
  if (!field) return { kind: 'form' };
  const path = parseFieldPath(field);
  const [head, ...rest] = path;
  if (head === 'trigger') {
    const setting = rest.find((s): s is string => typeof s === 'string');
    return setting === undefined || setting === 'type' ? { kind: 'trigger' } : { kind: 'trigger', setting };
  }
  if (typeof head === 'string' && (RULE_SETTINGS as readonly string[]).includes(head)) {
    return { kind: 'rule', setting: head as RuleSetting };
  }
  if (head !== 'components') return { kind: 'form' };
  return walk(nodes, rest) ?? { kind: 'form' };
}

/** Follows `[i]` into a list, then a block's branches/else or a component's setting. */
function walk(list: readonly RuleNode[], path: readonly PathSegment[]): ErrorTarget | undefined {
  const [index, ...rest] = path;
  if (typeof index !== 'number') return undefined;
  const node = list[index];
  if (!node) return undefined;
  const [next, ...after] = rest;
  if (next === undefined) return { kind: 'node', uid: node.uid };
  if (typeof next !== 'string') return { kind: 'node', uid: node.uid };
  if (node.kind === 'component') return { kind: 'node', uid: node.uid, setting: next };

  if (next === 'else') return walk(node.else, after) ?? { kind: 'node', uid: node.uid };
  if (next === 'branches') {
    const [b, part, ...inner] = after;
    const branch = typeof b === 'number' ? node.branches[b] : undefined;
    if (!branch) return { kind: 'node', uid: node.uid, setting: 'branches' };
    if (part === 'conditions' || part === 'components') {
      return walk(branch[part], inner) ?? { kind: 'branch', uid: branch.uid, blockUid: node.uid };
    }
    return { kind: 'branch', uid: branch.uid, blockUid: node.uid };
  }
  return { kind: 'node', uid: node.uid, setting: next };
}
