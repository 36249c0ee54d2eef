/**
 * URL builders for every route of the app (the route table is src/app/router.tsx and
 * web/README.md). Features link to each other only through these, never by importing each other.
 */

const enc = encodeURIComponent;

/** `?a=1&b=2` from the parameters that have a value; '' when none has. */
function queryString(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) search.set(name, value);
  const query = search.toString();
  return query ? `?${query}` : '';
}

export const paths = {
  home: () => '/',
  login: (next?: string) => (next ? `/login?next=${enc(next)}` : '/login'),

  project: (key: string) => `/projects/${enc(key)}`,
  queues: (projectKey: string) => `/projects/${enc(projectKey)}/queues`,
  queue: (projectKey: string, queueId: number | string) =>
    `/projects/${enc(projectKey)}/queues/${enc(String(queueId))}`,
  issue: (issueKey: string, projectKey = issueKey.split('-')[0] ?? '') =>
    `/projects/${enc(projectKey.toUpperCase())}/issues/${enc(issueKey.toUpperCase())}`,
  browse: (issueKey: string) => `/browse/${enc(issueKey)}`,
  issueList: (projectKey: string, kindSlug: string) =>
    `/projects/${enc(projectKey)}/list/${enc(kindSlug)}`,
  projectArea: (projectKey: string, area: string) => `/projects/${enc(projectKey)}/${area}`,
  search: (jql?: string) => (jql ? `/search?jql=${enc(jql)}` : '/search'),

  /** Assets (CMDB): the schema list, one schema's browser (a type and an AQL filter), an object */
  cmdb: () => '/cmdb',
  cmdbSchema: (schemaKey: string, params: { type?: number | string; aql?: string } = {}) => {
    const search = new URLSearchParams();
    if (params.type !== undefined) search.set('type', String(params.type));
    if (params.aql !== undefined) search.set('aql', params.aql);
    const query = search.toString();
    return `/cmdb/${enc(schemaKey.toUpperCase())}${query ? `?${query}` : ''}`;
  },
  cmdbObject: (objectKey: string) => `/cmdb/objects/${enc(objectKey.toUpperCase())}`,
  /** The CMDB's Services schema (key SVC), which the sidebar's "Services" opens */
  services: () => '/cmdb/SVC',

  /** Automation: the rule list (with its filter), a rule's editor (`new` for a new one), its audit log */
  automation: (params: { q?: string } = {}) => (params.q ? `/automation?q=${enc(params.q)}` : '/automation'),
  automationNewRule: () => '/automation/rules/new',
  automationRule: (id: number | string) => `/automation/rules/${enc(String(id))}`,
  automationAudit: (id: number | string) => `/automation/rules/${enc(String(id))}/audit`,

  /** Change enablement: the calendar (view, day and filters), deployments per service, settings */
  changeCalendar: (projectKey: string, params: Record<string, string | undefined> = {}) =>
    `/projects/${enc(projectKey)}/change-calendar${queryString(params)}`,
  deployments: (projectKey: string, params: Record<string, string | undefined> = {}) =>
    `/projects/${enc(projectKey)}/deployments${queryString(params)}`,
  changeSettings: () => '/settings/change-management',

  /** Reports: the list of a project's reports and one report (`changes-by-type`, ...) */
  reports: (projectKey: string) => `/projects/${enc(projectKey)}/reports`,
  report: (projectKey: string, slug: string) => `/projects/${enc(projectKey)}/reports/${enc(slug)}`,

  portal: () => '/portal',
  portalHome: (portalId: number | string) => `/portal/${enc(String(portalId))}`,
  portalCreate: (portalId: number | string, requestTypeId: number | string) =>
    `/portal/${enc(String(portalId))}/create/${enc(String(requestTypeId))}`,
  myRequests: () => '/portal/requests',
  request: (issueKey: string) => `/portal/requests/${enc(issueKey.toUpperCase())}`,
} as const;

/**
 * A `next` parameter is followed only when it is a path on this site (starts with one `/`),
 * so /login?next=https://elsewhere cannot send a user away.
 */
export function safeNext(next: string | null | undefined): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) {
    return undefined;
  }
  if (next === '/login' || next.startsWith('/login?')) return undefined;
  return next;
}
