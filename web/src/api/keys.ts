/**
 * TanStack Query key conventions. Every feature builds its keys here, so live updates
 * (src/app/live.ts), mutations and other features can invalidate them by prefix:
 *
 * | key                                   | data                                        |
 * |---------------------------------------|---------------------------------------------|
 * | ['session']                           | GET /api/v1/session (null when signed out)  |
 * | ['projects']                          | GET /api/v1/projects                        |
 * | ['project', key]                      | GET /api/v1/projects/{key}                  |
 * | ['queues', projectKey]                | GET /api/v1/projects/{key}/queues (counts)  |
 * | ['queue', id]                         | GET /api/v1/queues/{id}                     |
 * | ['queue', id, params]                 | GET /api/v1/queues/{id}/issues              |
 * | ['issue', key]                        | GET /api/v1/issues/{key}                    |
 * | ['issue', key, part]                  | comments, history, transitions, links,      |
 * |                                       | watchers, attachments of an issue           |
 * | ['issues', jql, params]               | GET/POST /api/v1/search                     |
 * | ['fields']                            | GET /api/v1/query/fields                    |
 * | ['portals']                           | help-center portals                         |
 * | ['portal', id]                        | one portal with its request types           |
 * | ['requesttype', portalId, id]         | one request type and its form               |
 * | ['requests', params]                  | the customer's requests ("My requests")     |
 * | ['request', key]                      | one request as the customer sees it         |
 * | ['fieldobjects', fieldId, q, context] | GET /api/v1/fields/{id}/objects (pickers)   |
 * | ['cmdb', 'schemas']                   | GET /api/v1/cmdb/schemas                    |
 * | ['cmdb', 'schema', key]               | one schema with its object type tree        |
 * | ['cmdb', 'objecttype', id]            | one object type with its attributes         |
 * | ['cmdb', 'objects', params]           | an AQL search page of objects               |
 * | ['cmdb', 'object', key]               | one object with its references              |
 * | ['cmdb', 'object', key, part]         | its history, graph (with params) or issues  |
 * | ['automation', 'rules']               | GET /api/v1/automation/rules                |
 * | ['automation', 'rule', id]            | one rule                                    |
 * | ['automation', 'rule', id, 'audit']   | its audit log (pages)                       |
 * | ['automation', 'components']          | the catalogue of triggers and components    |
 * | ['automation', 'lookup', name]        | field names and statuses the editor offers  |
 * | ['issue', key, 'automation']          | the manual rules an agent may run on it     |
 * | ['issue', key, 'approvals']           | GET /api/v1/issues/{key}/approvals          |
 * | ['issue', key, 'risk']                | GET /api/v1/issues/{key}/risk (null: none)  |
 * | ['issue', key, 'potential-causes', d] | recent changes on an incident's services    |
 * | ['changes', 'calendar', params]       | GET /api/v1/changes/calendar                |
 * | ['changes', 'freeze-windows']         | GET /api/v1/changes/freeze-windows          |
 * | ['changes', 'settings']               | GET /api/v1/changes/settings                |
 * | ['deployments', 'list', params]       | GET /api/v1/deployments                     |
 * | ['deployments', 'stats', params]      | GET /api/v1/deployments/stats               |
 * | ['reports', name, params]             | GET /api/v1/reports/{name}                  |
 * | ['workflows']                         | GET /api/v1/workflows                       |
 *
 * Project and issue keys are case-insensitive in the API; the builders upper-case them so
 * `ito-5` and `ITO-5` share one cache entry and one invalidation.
 */

export type IssuePart =
  | 'comments'
  | 'history'
  | 'transitions'
  | 'links'
  | 'watchers'
  | 'attachments'
  | 'automation'
  | 'approvals'
  | 'risk';

/** Paging and field options of a list query (search, queue issues, requests). */
export interface ListParams {
  fields?: readonly string[];
  limit?: number;
  cursor?: string;
  [extra: string]: unknown;
}

const upper = (key: string): string => key.toUpperCase();

export const queryKeys = {
  session: () => ['session'] as const,

  projects: () => ['projects'] as const,
  project: (key: string) => ['project', upper(key)] as const,

  /** All queues of a project with their live counts. */
  queues: (projectKey: string) => ['queues', upper(projectKey)] as const,
  /** Prefix of everything about one queue: its definition and its issue pages. */
  queue: (id: number) => ['queue', id] as const,
  queueIssues: (id: number, params: ListParams = {}) => ['queue', id, params] as const,
  /** Prefix of every queue's issue pages (for live updates). */
  allQueues: () => ['queue'] as const,

  /** Prefix of everything about one issue; on its own, the issue itself. */
  issue: (key: string) => ['issue', upper(key)] as const,
  issuePart: (key: string, part: IssuePart) => ['issue', upper(key), part] as const,
  /** The changes and deployments that may have caused an incident, over the past `days` */
  potentialCauses: (key: string, days: number) => ['issue', upper(key), 'potential-causes', days] as const,

  /** A JQL search page; `['issues']` alone is the prefix of every search. */
  issues: (jql: string, params: ListParams = {}) => ['issues', jql, params] as const,
  allIssues: () => ['issues'] as const,

  fields: () => ['fields'] as const,

  portals: () => ['portals'] as const,
  portal: (id: number | string) => ['portal', String(id)] as const,
  requestType: (portalId: number | string, id: number | string) =>
    ['requesttype', String(portalId), String(id)] as const,
  requests: (params: ListParams = {}) => ['requests', params] as const,
  allRequests: () => ['requests'] as const,
  request: (key: string) => ['request', upper(key)] as const,

  /** The objects an object field offers on a form, for a search text and the form's other values. */
  fieldObjects: (fieldId: number, q: string, context: string) => ['fieldobjects', fieldId, q, context] as const,
  allFieldObjects: () => ['fieldobjects'] as const,

  /** Prefix of everything from the CMDB (Assets). */
  cmdb: () => ['cmdb'] as const,
  cmdbSchemas: () => ['cmdb', 'schemas'] as const,
  cmdbSchema: (key: string) => ['cmdb', 'schema', upper(key)] as const,
  cmdbObjectType: (id: number) => ['cmdb', 'objecttype', id] as const,
  cmdbObjects: (params: ListParams = {}) => ['cmdb', 'objects', params] as const,
  allCmdbObjects: () => ['cmdb', 'objects'] as const,
  /** Prefix of everything about one object; on its own, the object itself. */
  cmdbObject: (key: string) => ['cmdb', 'object', upper(key)] as const,
  cmdbObjectPart: (key: string, part: 'history' | 'graph' | 'issues' | 'attachments', params: ListParams = {}) =>
    ['cmdb', 'object', upper(key), part, params] as const,

  /** Prefix of everything from automation (rules, audit logs, the catalogue). */
  automation: () => ['automation'] as const,
  automationRules: () => ['automation', 'rules'] as const,
  /** Prefix of everything about one rule; on its own, the rule itself. */
  automationRule: (id: number) => ['automation', 'rule', id] as const,
  automationAudit: (id: number) => ['automation', 'rule', id, 'audit'] as const,
  automationComponents: () => ['automation', 'components'] as const,
  automationLookup: (name: 'fields' | 'statuses') => ['automation', 'lookup', name] as const,

  /** Prefix of everything from change enablement (calendar, freeze windows, settings). */
  changes: () => ['changes'] as const,
  changeCalendar: (params: ListParams = {}) => ['changes', 'calendar', params] as const,
  freezeWindows: () => ['changes', 'freeze-windows'] as const,
  changeSettings: () => ['changes', 'settings'] as const,

  /** Prefix of every deployment list and statistic. */
  deployments: () => ['deployments'] as const,
  deploymentList: (params: ListParams = {}) => ['deployments', 'list', params] as const,
  deploymentStats: (params: ListParams = {}) => ['deployments', 'stats', params] as const,

  /** A report (`changes-by-type`, ...) for its parameters. */
  report: (name: string, params: ListParams = {}) => ['reports', name, params] as const,

  /** The workflows with their statuses and transitions. */
  workflows: () => ['workflows'] as const,
} as const;
