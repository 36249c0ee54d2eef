import { describe, expect, it } from 'vitest';
import { nightlyRule, printerRule } from '../testing/fixtures';
import { filterRules, scopeLabel } from './ruleList';

const label = (type: string) => ({ issueCreated: 'Issue created', scheduled: 'Scheduled' })[type] ?? type;

describe('rule list filter', () => {
  it('matches every word in the name, description, scope, trigger or owner', () => {
    const rules = [printerRule, nightlyRule];
    expect(filterRules(rules, '', 'all', label).map((r) => r.id)).toEqual([8, 7]);
    expect(filterRules(rules, 'printer', 'all', label).map((r) => r.id)).toEqual([7]);
    expect(filterRules(rules, 'global sched', 'all', label).map((r) => r.id)).toEqual([8]);
    expect(filterRules(rules, 'ITO created', 'all', label).map((r) => r.id)).toEqual([7]);
    expect(filterRules(rules, 'printer nightly', 'all', label)).toEqual([]);
    expect(filterRules(rules, '', 'disabled', label).map((r) => r.id)).toEqual([8]);
    expect(filterRules(rules, '', 'enabled', label).map((r) => r.id)).toEqual([7]);
  });

  it('calls a rule without projects global', () => {
    expect(scopeLabel({ projects: [] })).toBe('Global');
    expect(scopeLabel({ projects: ['ITO', 'HR'] })).toBe('ITO, HR');
  });
});
