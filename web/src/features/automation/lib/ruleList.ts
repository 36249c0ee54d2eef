/** The rule list's filter: words matched against a rule's name, description, scope, trigger and owner. */
import type { AutomationRule } from '../api/types';

export type EnabledFilter = 'all' | 'enabled' | 'disabled';

/** "Global" for a rule of every project, else its project keys. */
export function scopeLabel(rule: Pick<AutomationRule, 'projects'>): string {
  return rule.projects.length === 0 ? 'Global' : rule.projects.join(', ');
}

export function filterRules(
  rules: readonly AutomationRule[],
  query: string,
  enabled: EnabledFilter,
  triggerLabel: (type: string) => string,
): AutomationRule[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return rules
    .filter((r) => enabled === 'all' || r.enabled === (enabled === 'enabled'))
    .filter((r) => {
      const text = [r.name, r.description, scopeLabel(r), triggerLabel(r.trigger.type), r.owner ?? '']
        .join(' ')
        .toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
