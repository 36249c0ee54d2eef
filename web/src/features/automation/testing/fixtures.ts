/** A small fake of the server's automation data for the feature's tests (as the server describes it). */
import type { Project, SessionInfo, User } from '@/api/types';
import { jsonResponse, stubServer } from '@/testing/render';
import type { AutomationAuditEntry, AutomationCatalogue, AutomationField, AutomationRule } from '../api/types';

export const admin: User = { id: 1, username: 'admin', displayName: 'Admin Istrator', kind: 'admin' };
export const session: SessionInfo = { user: admin, csrfToken: 'token', expires: '2030-01-01T00:00:00.000Z' } as SessionInfo;

const f = (name: string, kind: string, label: string, required = false, options: string[] = []): AutomationField => ({
  name,
  kind,
  label,
  required,
  options,
});

export const catalogue: AutomationCatalogue = {
  triggers: [
    { type: 'issueCreated', label: 'Issue created', description: 'When an issue is created.', fields: [] },
    {
      type: 'issueTransitioned',
      label: 'Issue transitioned',
      description: 'When an issue moves between statuses.',
      fields: [f('fromStatus', 'list', 'From status'), f('toStatus', 'list', 'To status')],
    },
    {
      type: 'scheduled',
      label: 'Scheduled',
      description: 'On a cron schedule.',
      fields: [
        f('cron', 'text', 'Cron expression', true),
        f('timeZone', 'text', 'Time zone'),
        f('jql', 'jql', 'JQL'),
        f('bulk', 'bool', 'Process all issues at once'),
      ],
    },
    { type: 'incomingWebhook', label: 'Incoming webhook', description: 'When its secret URL receives a POST.', fields: [] },
    { type: 'manual', label: 'Manual', description: 'Run by an agent from the issue view.', fields: [] },
  ],
  conditions: [
    {
      type: 'issueFields',
      label: 'Issue fields condition',
      description: 'Compares a field of the issue with values.',
      fields: [
        f('field', 'field', 'Field', true),
        f('operator', 'select', 'Check', true, ['equals', 'notEquals', 'contains', 'isEmpty']),
        f('value', 'text', 'Value'),
        f('values', 'list', 'Values'),
      ],
    },
    { type: 'jql', label: 'JQL condition', description: 'The issue matches a JQL query.', fields: [f('jql', 'jql', 'JQL', true)] },
    {
      type: 'ifElse',
      label: 'If / else block',
      description: 'Runs the components of the first branch whose conditions all hold.',
      fields: [],
    },
  ],
  actions: [
    {
      type: 'comment',
      label: 'Comment on issue',
      description: 'Adds a comment.',
      fields: [f('body', 'template', 'Comment', true), f('internal', 'bool', 'Internal note'), f('issue', 'template', 'Issue')],
    },
    {
      type: 'editIssue',
      label: 'Edit issue',
      description: 'Sets fields of the issue.',
      fields: [f('fields', 'json', 'Fields', true), f('issue', 'template', 'Issue')],
    },
    {
      type: 'webRequest',
      label: 'Send web request',
      description: 'Calls a URL.',
      fields: [
        f('url', 'template', 'URL', true),
        f('method', 'select', 'Method', false, ['GET', 'POST']),
        f('timeoutMs', 'number', 'Timeout (ms)'),
      ],
    },
    { type: 'log', label: 'Log action', description: 'Writes a line to the audit log.', fields: [f('message', 'template', 'Message', true)] },
  ],
};

export const ito: Project = {
  id: 1,
  key: 'ITO',
  name: 'IT Operations',
  description: '',
  created: '2026-01-01T00:00:00.000Z',
  issueCount: 2100,
  lead: null,
  components: [],
};

export const printerRule: AutomationRule = {
  id: 7,
  name: 'Thank printer reporters',
  description: 'Says thanks on printer issues',
  enabled: true,
  projects: ['ITO'],
  trigger: { type: 'issueCreated' },
  components: [
    { type: 'issueFields', field: 'summary', operator: 'contains', value: 'printer' },
    { type: 'comment', body: 'Thanks {{issue.reporter.displayName}}' },
  ],
  actor: 'automation',
  owner: 'admin',
  allowRuleTrigger: false,
  notifyOnError: true,
  rateLimitPerMinute: 0,
  version: 3,
  hasWebhook: false,
  canManage: true,
  lastRun: { outcome: 'SUCCESS', at: '2026-11-26T10:00:00.000Z', auditId: 12 },
  created: '2026-11-20T10:00:00.000Z',
  updated: '2026-11-25T10:00:00.000Z',
};

export const nightlyRule: AutomationRule = {
  ...printerRule,
  id: 8,
  name: 'Nightly clean-up',
  description: '',
  enabled: false,
  projects: [],
  trigger: { type: 'scheduled', cron: '0 2 * * *' },
  components: [{ type: 'log', message: 'ran' }],
  canManage: false,
  lastRun: null,
  nextRun: '2026-11-27T02:00:00.000Z',
};

export const auditEntry = (id: number, outcome: AutomationAuditEntry['outcome'], issue: string | null = 'ITO-5'): AutomationAuditEntry => ({
  id,
  eventId: 100 + id,
  trigger: 'issue.created',
  issue,
  outcome,
  items: issue ? [{ key: issue, change: 'commented' }] : [],
  messages: outcome === 'FAILED' ? ['Comment on issue: no permission'] : [],
  durationMs: 12.5,
  depth: 0,
  eventAt: '2026-11-26T10:00:00.000Z',
  startedAt: '2026-11-26T10:00:00.100Z',
});

type Handler = (request: Request) => Response | Promise<Response>;

/** The automation endpoints with the two rules above; `overrides` replace or add handlers. */
export function stubAutomationServer(overrides: Record<string, Handler> = {}) {
  return stubServer({
    'GET /api/v1/session': () => jsonResponse(200, session),
    'GET /api/v1/automation/components': () => jsonResponse(200, catalogue),
    'GET /api/v1/automation/rules': () => jsonResponse(200, { values: [printerRule, nightlyRule] }),
    'GET /api/v1/automation/rules/7': () => jsonResponse(200, printerRule),
    'GET /api/v1/automation/rules/8': () => jsonResponse(200, nightlyRule),
    'GET /api/v1/automation/rules/7/audit': () => jsonResponse(200, { values: [auditEntry(12, 'SUCCESS')] }),
    'GET /api/v1/automation/rules/8/audit': () => jsonResponse(200, { values: [] }),
    'GET /api/v1/projects': () => jsonResponse(200, { values: [ito] }),
    'GET /api/v1/fields': () =>
      jsonResponse(200, {
        values: [
          { key: 'summary', name: 'Summary', type: 'text', custom: false },
          { key: 'priority', name: 'Priority', type: 'priority', custom: false },
        ],
      }),
    'GET /api/v1/statuses': () =>
      jsonResponse(200, {
        values: [
          { id: 1, name: 'Open', category: 'todo' },
          { id: 2, name: 'Done', category: 'done' },
        ],
      }),
    ...overrides,
  });
}
