/** A small fake of the server's data for the issues feature's tests (the seed's ITO-2075). */
import type {
  Approval,
  AvailableTransition,
  Comment,
  HistoryGroup,
  Issue,
  Project,
  RiskAssessment,
  SessionInfo,
} from '@/api/types';
import { jsonResponse, stubServer } from '@/testing/render';
import type { Attachment, CustomField, IssueType, PotentialCause, Priority } from '../api/types';

export const me = { id: 2, username: 'alana', displayName: 'Alana Grant', kind: 'agent' as const };

export const session: SessionInfo = {
  user: me,
  csrfToken: 'token',
  expires: '2030-01-01T00:00:00.000Z',
} as SessionInfo;

export const incident: Issue = {
  id: 2075,
  key: 'ITO-2075',
  project: { key: 'ITO', name: 'IT Operations' },
  issueType: { id: 2, name: 'Incident', subtask: false },
  status: { id: 1, name: 'Open', category: 'todo' },
  resolution: null,
  priority: { id: 1, name: 'Critical' },
  summary: 'Payment processing failures',
  description: 'Checkout fails for some users.\nSee https://status.example.com for details.',
  assignee: { username: 'mitch', displayName: 'Mitch Davis' },
  reporter: { username: 'jennifer', displayName: 'Jennifer Evans' },
  created: '2026-11-25T18:12:43.286Z',
  updated: '2026-11-25T18:34:43.286Z',
  resolved: null,
  dueDate: null,
  labels: ['payments'],
  components: [],
  requestParticipants: [],
  approvers: [],
  watcherCount: 1,
  organizations: [],
  parent: null,
  subtasks: [],
  subtaskProgress: { done: 0, total: 0, percent: 0 },
  links: [
    {
      id: 41,
      type: 'Causes',
      direction: 'inward',
      relation: 'is caused by',
      issue: { key: 'ITO-2083', summary: 'Post Incident Review', status: { id: 14, name: 'Under review', category: 'in_progress' } },
    },
  ],
  attachments: [],
  fields: {
    Impact: 'Extensive / Widespread',
    'Affected services': ['Online Order Processing', 'Payment Processing'],
    'Major incident': true,
    Responders: [
      { username: 'mitch', displayName: 'Mitch Davis' },
      { username: 'paul', displayName: 'Paul Buffington' },
    ],
    'Conference call': 'https://meet.steward.example/ito-2075',
    'Chat channel': null,
  },
};

export const transitions: AvailableTransition[] = [
  { id: 14, name: 'Investigate', to: { id: 10, name: 'Investigating', category: 'in_progress' }, requiredFields: [] },
  { id: 20, name: 'Resolve', to: { id: 12, name: 'Resolved', category: 'done' }, requiredFields: ['Root cause'] },
];

export const comments: Comment[] = [
  {
    id: 713,
    body: 'Checking the DB transaction logs, @mitch please join.',
    internal: true,
    created: '2026-11-25T18:34:43.286Z',
    updated: '2026-11-25T18:34:43.286Z',
    author: { username: 'paul', displayName: 'Paul Buffington' },
  },
  {
    id: 714,
    body: 'We are looking into it.',
    internal: false,
    created: '2026-11-25T18:40:43.286Z',
    updated: '2026-11-25T18:40:43.286Z',
    author: { username: 'alana', displayName: 'Alana Grant' },
  },
];

export const history: HistoryGroup[] = [
  {
    id: 6253,
    created: '2026-11-25T18:27:43.286Z',
    author: { username: 'mitch', displayName: 'Mitch Davis' },
    items: [{ field: 'priority', from: null, fromString: 'High', to: null, toString: 'Critical' }],
  },
];

const field = (id: number, name: string, type: CustomField['type'], issueTypes: string[], options?: string[]): CustomField => ({
  id,
  key: `cf[${id}]`,
  name,
  type,
  description: '',
  issueTypes,
  custom: true,
  ...(options ? { options: options.map((value, i) => ({ id: id * 100 + i, value, disabled: false })) } : {}),
});

export const customFields: CustomField[] = [
  field(1, 'Change type', 'select', ['Change'], ['Standard', 'Normal', 'Emergency']),
  field(2, 'Impact', 'select', ['Incident', 'Change'], ['Extensive / Widespread', 'Minor / Localized']),
  field(4, 'Affected services', 'multiselect', ['Incident', 'Change'], ['Online Order Processing', 'Payment Processing']),
  field(7, 'Planned start', 'datetime', ['Change']),
  field(17, 'Major incident', 'yesno', ['Incident']),
  field(18, 'Responders', 'multiuser', ['Incident']),
  field(20, 'Chat channel', 'text', ['Incident']),
  field(21, 'Conference call', 'url', ['Incident']),
  field(22, 'Root cause', 'paragraph', ['Problem', 'Incident']),
];

export const issueTypes: IssueType[] = [
  { id: 1, name: 'Service request', description: 'A request', subtask: false, workflow: 'Service request' },
  { id: 2, name: 'Incident', description: 'An unplanned interruption', subtask: false, workflow: 'Incident' },
  { id: 4, name: 'Change', description: 'An addition, modification or removal', subtask: false, workflow: 'Change' },
  { id: 7, name: 'Sub-task', description: 'A part of another issue', subtask: true, workflow: 'Task' },
];

export const priorities: Priority[] = ['Critical', 'High', 'Medium', 'Low'].map((name, i) => ({
  id: i + 1,
  name,
  color: '#999',
}));

export const project: Project = {
  id: 1,
  key: 'ITO',
  name: 'IT Operations',
  description: '',
  created: '2025-10-02T03:40:43.286Z',
  issueCount: 2090,
  lead: null,
  components: [{ id: 1, name: 'Change Enablement' }, { id: 4, name: 'Network' }],
  myRoles: ['administrator', 'agent'],
};

export const attachments: Attachment[] = [];

type Handler = (request: Request) => Response | Promise<Response>;

/** Every request the issue page makes, answered from the fixtures; `overrides` replace some. */
export function stubIssueServer(overrides: Record<string, Handler> = {}) {
  return stubServer({
    'GET /api/v1/session': () => jsonResponse(200, session),
    'GET /api/v1/issues/ITO-2075': () => jsonResponse(200, incident),
    'GET /api/v1/issues/ITO-2075/transitions': () => jsonResponse(200, { values: transitions }),
    'GET /api/v1/issues/ITO-2075/comments': () => jsonResponse(200, { values: comments }),
    'GET /api/v1/issues/ITO-2075/history': () => jsonResponse(200, { values: history }),
    'GET /api/v1/issues/ITO-2075/watchers': () =>
      jsonResponse(200, { isWatching: false, values: [{ username: 'jennifer', displayName: 'Jennifer Evans' }] }),
    'GET /api/v1/issues/ITO-2075/attachments': () => jsonResponse(200, { values: attachments }),
    'GET /api/v1/issues/ITO-2075/automation': () => jsonResponse(200, { values: [] }),
    'GET /api/v1/issues/ITO-2075/approvals': () => jsonResponse(200, { values: [] }),
    'GET /api/v1/issues/ITO-2075/potential-causes': () => jsonResponse(200, { values: [] }),
    'GET /api/v1/requests/ITO-2075': () => jsonResponse(404, { error: { code: 'requests.notFound', message: 'no' } }),
    'GET /api/v1/fields': () => jsonResponse(200, { values: customFields }),
    'GET /api/v1/priorities': () => jsonResponse(200, { values: priorities }),
    'GET /api/v1/issuetypes': () => jsonResponse(200, { values: issueTypes }),
    'GET /api/v1/projects': () => jsonResponse(200, { values: [project] }),
    'GET /api/v1/projects/ITO': () => jsonResponse(200, project),
    'GET /api/v1/organizations': () => jsonResponse(200, { values: [] }),
    'GET /api/v1/users': () => jsonResponse(200, { values: [me] }),
    ...overrides,
  });
}

/** A normal change waiting for the CAB (the seed's ITO-2091, re-sharding the payments database). */
export const change: Issue = {
  ...incident,
  id: 2091,
  key: 'ITO-2091',
  issueType: { id: 4, name: 'Change', subtask: false },
  status: { id: 3, name: 'Awaiting approval', category: 'in_progress' },
  priority: { id: 3, name: 'Medium' },
  summary: 'Re-shard the payments database',
  description: 'Split the payments tables over four shards.',
  assignee: { username: 'alana', displayName: 'Alana Grant' },
  labels: [],
  links: [],
  subtasks: [
    { key: 'ITO-2092', summary: 'Confirm Target', status: { id: 1, name: 'Open', category: 'todo' } },
  ],
  subtaskProgress: { done: 0, total: 1, percent: 0 },
  fields: {
    'Change type': 'Normal',
    'Change risk': 'Critical',
    'Affected services': [{ id: 16, key: 'SVC-438', label: 'Payment Processing' }],
    'Planned start': '2026-12-20T09:00:00.000Z',
    'Implementation plan': 'Clone from Primary backup system\nAdd as failover node',
    'Backout plan': 'Remove from cluster',
    'Test plan': null,
  },
};

export const changeRisk: RiskAssessment = {
  score: 10,
  level: 'Critical',
  requiresCab: true,
  computedAt: '2026-11-26T10:00:00.000Z',
  reasons: [
    { factor: 'During Business Hours', value: 'No', score: 0 },
    { factor: 'Testing Complete', value: 'No', score: 3 },
    { factor: 'Easily Rolled Back', value: 'No', score: 3 },
    { factor: 'Service tier', value: 'Payment Processing: Tier 1', score: 4 },
  ],
  leadTime: { requiredDays: 14, noticeDays: 3, ok: false },
};

export const cabReview: Approval = {
  id: 1,
  name: 'CAB review',
  status: 'pending',
  statusName: 'Awaiting approval',
  required: { kind: 'count', value: 2 },
  needed: 2,
  approvedCount: 0,
  declinedCount: 0,
  autoApproved: false,
  createdAt: '2026-11-26T10:00:00.000Z',
  canDecide: true,
  approvers: [
    { user: { username: 'jennifer', displayName: 'Jennifer Evans' }, decision: 'pending' },
    { user: { username: 'mitch', displayName: 'Mitch Davis' }, decision: 'pending' },
  ],
};

export const potentialCauses: PotentialCause[] = [
  {
    change: { key: 'ITO-2101', summary: 'Deploy payments-api v2.4', status: 'Completed' },
    deployment: {
      deploymentSequenceNumber: 501,
      updateSequenceNumber: 2,
      displayName: 'payments-api #501',
      lastUpdated: '2026-11-26T09:00:00.000Z',
      state: 'failed',
      pipeline: { id: 'payments-api', displayName: 'payments-api' },
      environment: { id: 'prod-eu', displayName: 'prod-eu', type: 'production' },
    },
    services: [{ key: 'SVC-438', label: 'Payment Processing' }],
    at: '2026-11-26T09:00:00.000Z',
    linked: false,
  },
  {
    change: { key: 'ITO-2099', summary: 'Rotate IAM signing keys', status: 'Completed' },
    services: [{ key: 'SVC-440', label: 'Identity and Access' }],
    at: '2026-11-25T09:00:00.000Z',
    linked: true,
  },
];

/** The issue page of the change ITO-2091, answered from the fixtures; `overrides` replace some. */
export function stubChangeServer(overrides: Record<string, Handler> = {}) {
  return stubIssueServer({
    'GET /api/v1/issues/ITO-2091': () => jsonResponse(200, change),
    'GET /api/v1/issues/ITO-2091/transitions': () => jsonResponse(200, { values: [] }),
    'GET /api/v1/issues/ITO-2091/comments': () => jsonResponse(200, { values: [] }),
    'GET /api/v1/issues/ITO-2091/history': () => jsonResponse(200, { values: [] }),
    'GET /api/v1/issues/ITO-2091/watchers': () => jsonResponse(200, { isWatching: false, values: [] }),
    'GET /api/v1/issues/ITO-2091/attachments': () => jsonResponse(200, { values: [] }),
    'GET /api/v1/issues/ITO-2091/automation': () => jsonResponse(200, { values: [] }),
    'GET /api/v1/issues/ITO-2091/approvals': () => jsonResponse(200, { values: [cabReview] }),
    'GET /api/v1/issues/ITO-2091/risk': () => jsonResponse(200, changeRisk),
    'GET /api/v1/requests/ITO-2091': () => jsonResponse(404, { error: { code: 'requests.notFound', message: 'no' } }),
    ...overrides,
  });
}
