import { CompletionContext } from '@codemirror/autocomplete';
import type { CompletionResult } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it, vi } from 'vitest';
import type { QueryLanguage } from '@/api/types';
import { jqlCompletionSource, jqlCursorContext } from './jqlCompletion';

const language: QueryLanguage = {
  fields: [
    { name: 'status', id: 'status', type: 'option', custom: false, operators: ['=', '!=', 'IN', 'NOT IN', 'WAS'], orderable: true, history: true, values: ['Open', 'Requires triage'] },
    { name: 'assignee', id: 'assignee', type: 'user', custom: false, operators: ['=', 'IN', 'IS', 'IS NOT'], orderable: true, history: true, values: [] },
    { name: 'created', id: 'created', type: 'datetime', custom: false, operators: ['=', '>', '<'], orderable: true, history: false, values: [] },
    { name: 'labels', id: 'labels', type: 'string', custom: false, operators: ['=', 'IN'], orderable: false, history: false, values: [] },
    { name: 'Change risk', id: 'cf[12]', type: 'option', custom: true, operators: ['=', 'IN'], orderable: false, history: false, values: ['Low', 'High'] },
  ],
  functions: ['currentUser()', 'membersOf("team")', 'now()', 'startOfDay()'],
  keywords: ['AND', 'OR', 'NOT', 'ORDER BY'],
};

async function complete(textWithCursor: string, explicit = false, findUsers?: (t: string) => Promise<{ username: string; displayName: string }[]>) {
  const pos = textWithCursor.indexOf('|');
  const doc = textWithCursor.replace('|', '');
  const state = EditorState.create({ doc });
  const source = jqlCompletionSource(() => ({ language, findUsers }));
  const result = (await source(new CompletionContext(state, pos, explicit))) as CompletionResult | null;
  return result ? { from: result.from, labels: result.options.map((o) => o.label) } : null;
}

describe('JQL completion', () => {
  it('knows where the cursor is', () => {
    expect(jqlCursorContext('status = Op', 11)).toEqual({ expect: 'value', field: 'status', from: 9, partial: 'Op' });
    expect(jqlCursorContext('status ', 7)).toMatchObject({ expect: 'operator', field: 'status', partial: '' });
    expect(jqlCursorContext('a = "Req', 8)).toMatchObject({ expect: 'value', from: 4, partial: '"Req' });
  });

  it('offers field names at the start of a clause, quoted when needed', async () => {
    const result = await complete('project = ITO AND sta|');
    expect(result?.from).toBe(18);
    expect(result?.labels).toEqual(expect.arrayContaining(['status', 'assignee', '"Change risk"', 'NOT']));
  });

  it("offers the field's operators, then its values", async () => {
    expect((await complete('status |'))?.labels).toEqual(['=', '!=', 'IN', 'NOT IN', 'WAS']);
    expect((await complete('assignee |'))?.labels).toEqual(['=', 'IN', 'IS EMPTY', 'IS NOT EMPTY']);
    expect((await complete('status = |'))?.labels).toEqual(['Open', '"Requires triage"']);
    expect((await complete('"Change risk" IN (Low, |'))?.labels).toEqual(['Low', 'High']);
    expect((await complete('created > |'))?.labels).toEqual(['now()', 'startOfDay()']);
  });

  it('offers people and user functions for user fields', async () => {
    const findUsers = vi.fn(async () => [{ username: 'alana', displayName: 'Alana Grant' }]);
    const result = await complete('assignee = al|', false, findUsers);
    expect(findUsers).toHaveBeenCalledWith('al');
    expect(result?.labels).toEqual(['currentUser()', 'membersOf()', 'alana']);
  });

  it('offers AND / OR / ORDER BY after a clause, orderable fields and directions after ORDER BY', async () => {
    expect((await complete('status = Open |'))?.labels).toEqual(['AND', 'OR', 'ORDER BY']);
    const order = await complete('status = Open ORDER BY |');
    expect(order?.labels).toEqual(['status', 'assignee', 'created']);
    expect((await complete('status = Open ORDER BY created |'))?.labels).toEqual(['ASC', 'DESC']);
  });

  it('stays quiet in the middle of typing an operator unless asked', async () => {
    expect(await complete('status =|')).toBeNull();
    expect((await complete('status =|', true))?.labels).toEqual(['Open', '"Requires triage"']);
  });
});
