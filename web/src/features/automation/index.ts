/**
 * Public surface of the automation feature: its routes, children of the agent workspace shell
 * (rule list, rule editor with its audit log). The pages load lazily (one chunk).
 */
import type { RouteObject } from 'react-router-dom';

export const automationRoutes: RouteObject[] = [
  {
    path: 'automation',
    lazy: async () => ({ Component: (await import('./routes')).RuleListPage }),
  },
  {
    path: 'automation/rules/new',
    lazy: async () => ({ Component: (await import('./routes')).NewRulePage }),
  },
  {
    // :tab is "audit" for the audit log; the editor otherwise.
    path: 'automation/rules/:ruleId/:tab?',
    lazy: async () => ({ Component: (await import('./routes')).RulePage }),
  },
];
