import { describe, expect, it } from 'vitest';
import type { IfElseNode, RuleNode } from './ruleTree';
import {
  ROOT,
  addBranch,
  allComponents,
  branchListId,
  countNodes,
  elseListId,
  insertNode,
  moveBranch,
  moveNode,
  newComponent,
  newIfElse,
  nodesFromJson,
  nodesToJson,
  removeBranch,
  removeNode,
  setSetting,
} from './ruleTree';

const json = [
  { type: 'issueFields', field: 'summary', operator: 'contains', value: 'printer' },
  {
    type: 'ifElse',
    label: 'Urgent?',
    branches: [
      {
        conditions: [{ type: 'jql', jql: 'priority = High' }],
        components: [{ type: 'comment', body: 'urgent' }, { type: 'log', message: 'a' }],
      },
      { conditions: [], components: [{ type: 'log', message: 'b' }] },
    ],
    else: [{ type: 'log', message: 'c' }],
  },
  { type: 'comment', body: 'done' },
];

const types = (nodes: readonly RuleNode[]) => nodes.map((n) => (n.kind === 'component' ? n.type : 'ifElse'));
const block = (nodes: readonly RuleNode[], i = 1) => nodes[i] as IfElseNode;

describe('rule tree', () => {
  it('reads the server JSON and writes it back unchanged (block labels kept)', () => {
    const nodes = nodesFromJson(json);
    expect(types(nodes)).toEqual(['issueFields', 'ifElse', 'comment']);
    expect(block(nodes).branches).toHaveLength(2);
    expect(block(nodes).extra).toEqual({ label: 'Urgent?' });
    expect(nodesToJson(nodes)).toEqual(json);
    expect(countNodes(nodes)).toBe(8);
    expect(allComponents(nodes).map((n) => n.type)).toEqual(['issueFields', 'jql', 'comment', 'log', 'log', 'log', 'comment']);
  });

  it('gives every node and branch its own id', () => {
    const nodes = nodesFromJson(json);
    const ids = [
      ...allComponents(nodes).map((n) => n.uid),
      block(nodes).uid,
      ...block(nodes).branches.map((b) => b.uid),
    ];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('adds at the end of the root list, at a position, and inside branches and else', () => {
    let nodes = nodesFromJson(json);
    nodes = insertNode(nodes, ROOT, newComponent('log', { message: 'end' }));
    nodes = insertNode(nodes, ROOT, newComponent('jql', { jql: 'x' }), 0);
    expect(types(nodes)).toEqual(['jql', 'issueFields', 'ifElse', 'comment', 'log']);

    const b = block(nodes, 2);
    const second = b.branches[1]!;
    nodes = insertNode(nodes, branchListId(second.uid, 'conditions'), newComponent('issueFields'));
    nodes = insertNode(nodes, elseListId(b.uid), newComponent('comment', { body: 'else 2' }));
    const after = block(nodes, 2);
    expect(types(after.branches[1]!.conditions)).toEqual(['issueFields']);
    expect(types(after.else)).toEqual(['log', 'comment']);
    // The first branch is unchanged.
    expect(after.branches[0]).toEqual(b.branches[0]);
  });

  it('adds a block inside a branch of a block', () => {
    let nodes = nodesFromJson(json);
    const inner = newIfElse();
    nodes = insertNode(nodes, branchListId(block(nodes).branches[0]!.uid, 'components'), inner);
    expect(types(block(nodes).branches[0]!.components)).toEqual(['comment', 'log', 'ifElse']);
    nodes = insertNode(nodes, branchListId(inner.branches[0]!.uid, 'components'), newComponent('log', { message: 'deep' }));
    const deep = block(nodes).branches[0]!.components[2] as IfElseNode;
    expect(nodesToJson(deep.branches[0]!.components)).toEqual([{ type: 'log', message: 'deep' }]);
  });

  it('removes a node wherever it is, with what it holds', () => {
    let nodes = nodesFromJson(json);
    const nested = block(nodes).branches[0]!.components[0]!;
    nodes = removeNode(nodes, nested.uid);
    expect(types(block(nodes).branches[0]!.components)).toEqual(['log']);
    nodes = removeNode(nodes, block(nodes).uid);
    expect(types(nodes)).toEqual(['issueFields', 'comment']);
    expect(countNodes(nodes)).toBe(2);
  });

  it('moves a node up and down within its list, not past the ends', () => {
    let nodes = nodesFromJson(json);
    const comment = nodes[2]!;
    nodes = moveNode(nodes, comment.uid, -1);
    expect(types(nodes)).toEqual(['issueFields', 'comment', 'ifElse']);
    nodes = moveNode(nodes, comment.uid, -1);
    nodes = moveNode(nodes, comment.uid, -1);
    expect(types(nodes)).toEqual(['comment', 'issueFields', 'ifElse']);

    const branchLog = block(nodes, 2).branches[0]!.components[1]!;
    nodes = moveNode(nodes, branchLog.uid, -1);
    expect(nodesToJson(block(nodes, 2).branches[0]!.components)).toEqual([
      { type: 'log', message: 'a' },
      { type: 'comment', body: 'urgent' },
    ]);
    const unchanged = moveNode(nodes, branchLog.uid, -1);
    expect(nodesToJson(unchanged)).toEqual(nodesToJson(nodes));
  });

  it('sets and clears settings of a nested component', () => {
    let nodes = nodesFromJson(json);
    const cond = block(nodes).branches[0]!.conditions[0]!;
    nodes = setSetting(nodes, cond.uid, 'jql', 'priority = Highest');
    nodes = setSetting(nodes, nodes[0]!.uid, 'value', undefined);
    expect(nodesToJson(block(nodes).branches[0]!.conditions)).toEqual([{ type: 'jql', jql: 'priority = Highest' }]);
    expect(nodesToJson([nodes[0]!])).toEqual([{ type: 'issueFields', field: 'summary', operator: 'contains' }]);
  });

  it('adds, moves and removes branches, keeping at least one', () => {
    let nodes = nodesFromJson(json);
    const b = block(nodes);
    nodes = addBranch(nodes, b.uid);
    expect(block(nodes).branches).toHaveLength(3);
    const [first, second] = block(nodes).branches;
    nodes = moveBranch(nodes, b.uid, second!.uid, -1);
    expect(block(nodes).branches[0]!.uid).toBe(second!.uid);
    nodes = removeBranch(nodes, b.uid, first!.uid);
    nodes = removeBranch(nodes, b.uid, block(nodes).branches[1]!.uid);
    expect(block(nodes).branches.map((x) => x.uid)).toEqual([second!.uid]);
    nodes = removeBranch(nodes, b.uid, second!.uid);
    expect(block(nodes).branches).toHaveLength(1);
  });

  it('lets the settings be rewritten on the way out', () => {
    const nodes = nodesFromJson(json);
    const out = nodesToJson(nodes, (n) => ({ ...n.settings, id: n.type }));
    expect(out[0]).toEqual({ type: 'issueFields', field: 'summary', operator: 'contains', value: 'printer', id: 'issueFields' });
    expect(out[1]?.else).toEqual([{ type: 'log', message: 'c', id: 'log' }]);
  });
});
