import { describe, expect, it } from 'vitest';
import { catalogue, printerRule } from '../testing/fixtures';
import { locateError } from './errorPaths';
import { InvalidJson } from './fieldKinds';
import {
  draftFromRule,
  draftToInput,
  emptyDraft,
  firstErrorPlace,
  hasErrors,
  noErrors,
  validateDraft,
  withError,
} from './ruleDraft';
import type { IfElseNode } from './ruleTree';
import { ROOT, branchListId, insertNode, newComponent, newIfElse } from './ruleTree';

describe('rule drafts', () => {
  it('round-trips a rule into the PUT body, leaving actor and owner out when unchanged', () => {
    const draft = draftFromRule(printerRule);
    expect(draft.trigger).toEqual({ type: 'issueCreated', settings: {} });
    const body = draftToInput(draft, catalogue, printerRule);
    expect(body).toEqual({
      name: 'Thank printer reporters',
      description: 'Says thanks on printer issues',
      enabled: true,
      projects: ['ITO'],
      trigger: { type: 'issueCreated' },
      components: printerRule.components,
      allowRuleTrigger: false,
      notifyOnError: true,
      rateLimitPerMinute: 0,
    });
    expect(draftToInput({ ...draft, actor: 'alana', owner: 'mitch' }, catalogue, printerRule)).toMatchObject({
      actor: 'alana',
      owner: 'mitch',
    });
  });

  it('builds the POST body of a new rule with empty settings left out', () => {
    let draft = { ...emptyDraft(), name: '  Printers ', trigger: { type: 'scheduled', settings: { cron: '0 9 * * 1', jql: '' } } };
    const block = newIfElse();
    draft.components = insertNode(draft.components, ROOT, block);
    draft.components = insertNode(
      draft.components,
      branchListId(block.branches[0]!.uid, 'conditions'),
      newComponent('issueFields', { field: 'summary', operator: 'contains', value: 'printer', values: [] }),
    );
    // rateLimitPerMinute left empty: the server's default.
    expect(draftToInput(draft, catalogue)).toEqual({
      name: 'Printers',
      description: '',
      enabled: true,
      projects: [],
      trigger: { type: 'scheduled', cron: '0 9 * * 1' },
      components: [
        {
          type: 'ifElse',
          branches: [{ conditions: [{ type: 'issueFields', field: 'summary', operator: 'contains', value: 'printer' }], components: [] }],
          else: [],
        },
      ],
      allowRuleTrigger: false,
      notifyOnError: true,
    });
  });

  it('refuses a draft without a name or trigger, with missing settings or bad JSON, each at its place', () => {
    const draft = emptyDraft();
    const block = newIfElse();
    const edit = newComponent('editIssue', { fields: new InvalidJson('{"Priority": ', 'Unexpected end of JSON input') });
    const comment = newComponent('comment', {});
    draft.components = insertNode(insertNode(draft.components, ROOT, comment), ROOT, block);
    draft.components = insertNode(draft.components, branchListId(block.branches[0]!.uid, 'components'), edit);
    draft.components = insertNode(draft.components, ROOT, newComponent('nonsense'));

    const errors = validateDraft(draft, catalogue);
    expect(errors.rule).toEqual({ name: 'A rule needs a name' });
    expect(errors.trigger).toEqual({ '': 'Choose what starts the rule' });
    expect(errors.nodes[comment.uid]).toEqual({ body: 'Comment is required' });
    expect(errors.nodes[edit.uid]).toEqual({ fields: 'Not valid JSON: Unexpected end of JSON input' });
    expect(Object.values(errors.nodes)).toContainEqual({ '': 'There is no component "nonsense"' });
    expect(firstErrorPlace(errors, draft.components)).toBe('trigger');
    expect(hasErrors(errors)).toBe(true);

    const fine = { ...draftFromRule(printerRule) };
    expect(hasErrors(validateDraft(fine, catalogue))).toBe(false);
  });

  it('places a server error on the card it names', () => {
    const draft = draftFromRule({
      ...printerRule,
      components: [{ type: 'ifElse', branches: [{ conditions: [{ type: 'issueFields', field: 'Bogus', operator: 'equals' }], components: [] }] }],
    });
    const condition = (draft.components[0] as IfElseNode).branches[0]!.conditions[0]!;
    const errors = withError(noErrors(), locateError('components[0].branches[0].conditions[0].field', draft.components), 'no field "Bogus"');
    expect(errors.nodes).toEqual({ [condition.uid]: { field: 'no field "Bogus"' } });
    expect(firstErrorPlace(errors, draft.components)).toBe(condition.uid);
    expect(withError(noErrors(), locateError('trigger.cron', []), 'bad cron').trigger).toEqual({ cron: 'bad cron' });
    expect(withError(noErrors(), locateError(undefined, []), 'boom').form).toEqual(['boom']);
  });
});
