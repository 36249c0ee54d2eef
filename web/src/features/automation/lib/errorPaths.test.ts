import { describe, expect, it } from 'vitest';
import { locateError, parseFieldPath } from './errorPaths';
import type { IfElseNode } from './ruleTree';
import { nodesFromJson } from './ruleTree';

const nodes = nodesFromJson([
  { type: 'issueFields', field: 'summary', operator: 'contains', value: 'printer' },
  { type: 'comment', body: 'x' },
  {
    type: 'ifElse',
    branches: [
      { conditions: [{ type: 'jql', jql: 'a' }, { type: 'issueFields', field: 'Bogus' }], components: [{ type: 'log' }] },
    ],
    else: [{ type: 'editIssue', fields: { Priority: 'High' } }],
  },
]);
const block = nodes[2] as IfElseNode;
const branch = block.branches[0]!;

describe('server error paths', () => {
  it('splits a path into names and indexes', () => {
    expect(parseFieldPath('components[2].branches[0].conditions[1].field')).toEqual([
      'components',
      2,
      'branches',
      0,
      'conditions',
      1,
      'field',
    ]);
    expect(parseFieldPath('trigger.cron')).toEqual(['trigger', 'cron']);
    expect(parseFieldPath('components[1].fields.Due date')).toEqual(['components', 1, 'fields', 'Due date']);
  });

  it('finds a component and its setting, however deep', () => {
    expect(locateError('components[0].field', nodes)).toEqual({ kind: 'node', uid: nodes[0]!.uid, setting: 'field' });
    expect(locateError('components[1]', nodes)).toEqual({ kind: 'node', uid: nodes[1]!.uid });
    expect(locateError('components[2].branches[0].conditions[1].field', nodes)).toEqual({
      kind: 'node',
      uid: branch.conditions[1]!.uid,
      setting: 'field',
    });
    expect(locateError('components[2].branches[0].components[0].message', nodes)).toEqual({
      kind: 'node',
      uid: branch.components[0]!.uid,
      setting: 'message',
    });
    expect(locateError('components[2].else[0].fields.Priority', nodes)).toEqual({
      kind: 'node',
      uid: block.else[0]!.uid,
      setting: 'fields',
    });
  });

  it('points at the block or the branch when the error is about them', () => {
    expect(locateError('components[2].branches', nodes)).toEqual({ kind: 'node', uid: block.uid, setting: 'branches' });
    expect(locateError('components[2].branches[0]', nodes)).toEqual({ kind: 'branch', uid: branch.uid, blockUid: block.uid });
    expect(locateError('components[2].branches[0].conditions', nodes)).toEqual({ kind: 'branch', uid: branch.uid, blockUid: block.uid });
    // An index past the end (the tree changed since): the nearest thing that exists.
    expect(locateError('components[2].branches[0].conditions[5].field', nodes)).toEqual({
      kind: 'branch',
      uid: branch.uid,
      blockUid: block.uid,
    });
    expect(locateError('components[2].else[3]', nodes)).toEqual({ kind: 'node', uid: block.uid });
  });

  it('finds the trigger, the rule details, or nothing', () => {
    expect(locateError('trigger.cron', nodes)).toEqual({ kind: 'trigger', setting: 'cron' });
    expect(locateError('trigger.jql', nodes)).toEqual({ kind: 'trigger', setting: 'jql' });
    expect(locateError('trigger.type', nodes)).toEqual({ kind: 'trigger' });
    expect(locateError('trigger', nodes)).toEqual({ kind: 'trigger' });
    expect(locateError('name', nodes)).toEqual({ kind: 'rule', setting: 'name' });
    expect(locateError('projects', nodes)).toEqual({ kind: 'rule', setting: 'projects' });
    expect(locateError('rateLimitPerMinute', nodes)).toEqual({ kind: 'rule', setting: 'rateLimitPerMinute' });
    expect(locateError(undefined, nodes)).toEqual({ kind: 'form' });
    expect(locateError('components', nodes)).toEqual({ kind: 'form' });
    expect(locateError('components[9].body', nodes)).toEqual({ kind: 'form' });
    expect(locateError('somethingElse', nodes)).toEqual({ kind: 'form' });
  });
});
