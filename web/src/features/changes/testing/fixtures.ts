/** Change enablement data for the feature's tests: the seed's services, changes and settings. */
import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '@/api/keys';
import type { Deployment, User } from '@/api/types';
import { jsonResponse, stubServer } from '@/testing/render';
import type { CalendarChange, ChangeSettings, FreezeWindow, ServiceDeploymentStats } from '../api/types';

export const alana: User = { id: 3, username: 'alana', displayName: 'Alana Grant', kind: 'agent' };
export const admin: User = { id: 1, username: 'admin', displayName: 'Admin Istrator', kind: 'admin' };

export function signIn(client: QueryClient, user: User): void {
  client.setQueryData(queryKeys.session(), { user, csrfToken: 'csrf-1' });
}

/** Local time on a day of November 2026 (the tests' calendar month). */
export const nov = (day: number, hour = 0, minute = 0) => new Date(2026, 10, day, hour, minute).toISOString();

const status = (id: number, name: string, category: 'todo' | 'in_progress' | 'done') => ({ id, name, category });

export const calendarChanges: CalendarChange[] = [
  {
    key: 'ITO-2101',
    summary: 'Upgrade payments gateway',
    changeType: 'Normal',
    risk: 'High',
    status: status(3, 'Awaiting approval', 'in_progress'),
    plannedStart: nov(26, 9),
    plannedEnd: nov(26, 11),
    services: [{ key: 'SVC-438', label: 'Payment Processing' }],
    conflicts: ['ITO-2102'],
    frozen: false,
  },
  {
    key: 'ITO-2102',
    summary: 'Rotate IAM signing keys',
    changeType: 'Normal',
    risk: 'Medium',
    status: status(4, 'Awaiting implementation', 'in_progress'),
    plannedStart: nov(26, 10),
    plannedEnd: nov(26, 12),
    services: [{ key: 'SVC-440', label: 'Identity and Access' }],
    conflicts: ['ITO-2101'],
    frozen: false,
  },
  {
    key: 'ITO-2052',
    summary: 'Standard change MongoDB node backup',
    changeType: 'Standard',
    risk: 'Low',
    status: status(4, 'Awaiting implementation', 'in_progress'),
    plannedStart: nov(28, 19),
    plannedEnd: nov(28, 19, 30),
    services: [],
    conflicts: [],
    frozen: true,
  },
];

export const yearEnd: FreezeWindow = {
  id: 7,
  name: 'Thanksgiving freeze',
  start: nov(27, 0),
  end: nov(30, 0),
  mode: 'block',
  services: [],
};

export const services = [
  { key: 'SVC-438', label: 'Payment Processing' },
  { key: 'SVC-440', label: 'Identity and Access' },
  { key: 'SVC-446', label: 'VPN' },
];

const cmdbObject = (s: { key: string; label: string }, id: number) => ({
  id,
  key: s.key,
  label: s.label,
  objectType: { id: 2, name: 'Services' },
  schema: 'SVC',
  attributes: {},
  created: '2025-10-02T00:00:00.000Z',
  updated: '2025-10-02T00:00:00.000Z',
});

export const changeWorkflow = {
  id: 1,
  name: 'Change',
  initialStatus: 'Open',
  statuses: [
    status(1, 'Open', 'todo'),
    status(2, 'Planning', 'in_progress'),
    status(3, 'Awaiting approval', 'in_progress'),
    status(4, 'Awaiting implementation', 'in_progress'),
    status(6, 'Completed', 'done'),
  ],
  transitions: [],
};

export const settings: ChangeSettings = {
  deployments: { project: 'ITO', changeEnvironmentTypes: ['production'], gatedEnvironmentTypes: ['production'] },
  riskModel: {
    schema: 'PS',
    changeTypes: ['Normal', 'Emergency'],
    questions: [
      { objectType: 'During Business Hours', field: 'Will this change be completed during business hours?' },
      { objectType: 'Testing Complete', field: 'Testing completed for this change request?' },
    ],
    serviceField: 'Affected services',
    tierAttribute: 'Tier',
    tierObjectType: 'Business Service Risk',
    bandsObjectType: 'Risk Computation Scores',
  },
  leadTime: { objectType: 'Lead Time', block: false },
  approvalSteps: [
    {
      name: 'Auto-approval',
      status: 'Awaiting approval',
      issueType: 'Change',
      changeTypes: ['Normal'],
      risks: ['Low'],
      approvers: [],
      required: { kind: 'any' },
      autoApprove: true,
      approveTransition: 'Approve',
      declineTransition: 'Decline',
    },
    {
      name: 'CAB review',
      status: 'Awaiting approval',
      issueType: 'Change',
      changeTypes: ['Normal'],
      risks: ['High', 'Critical'],
      approvers: [{ type: 'team', name: 'Change Advisory Board' }],
      required: { kind: 'count', value: 2 },
      autoApprove: false,
      approveTransition: 'Approve',
      declineTransition: 'Decline',
    },
  ],
};

export const stats: ServiceDeploymentStats[] = [
  {
    service: { key: 'SVC-435', label: 'Customer Portal' },
    total: 28,
    successful: 28,
    failed: 0,
    changeFailureRate: 0,
    lastDeployedAt: '2026-11-24T21:49:32.669Z',
  },
  {
    service: { key: 'SVC-438', label: 'Payment Processing' },
    total: 18,
    successful: 15,
    failed: 3,
    changeFailureRate: 1 / 6,
    lastDeployedAt: '2026-11-23T21:47:31.953Z',
  },
];

const deployment = (seq: number, state: Deployment['state'], extra: Partial<Deployment> = {}): Deployment => ({
  deploymentSequenceNumber: seq,
  updateSequenceNumber: 1,
  displayName: `payments-api v2.${seq}`,
  lastUpdated: `2026-11-${String(seq - 480).padStart(2, '0')}T10:00:00.000Z`,
  state,
  url: `https://ci.steward.example/payments-api/pipelines/${seq}`,
  pipeline: { id: 'payments-api', displayName: 'payments-api' },
  environment: { id: 'prod-eu', displayName: 'prod-eu', type: 'production' },
  gating: false,
  changeRequest: null,
  ...extra,
});

export const paymentDeployments: Deployment[] = [
  deployment(501, 'in_progress', { gating: true, changeRequest: { key: 'ITO-2110', status: 'Awaiting approval' } }),
  deployment(500, 'failed'),
  deployment(499, 'successful'),
];

type Handler = (request: Request) => Response | Promise<Response>;

/** Every request the feature's pages make, answered from the fixtures; `overrides` replace some. */
export function stubChangesServer(overrides: Record<string, Handler> = {}) {
  return stubServer({
    'GET /api/v1/changes/calendar': () => jsonResponse(200, { changes: calendarChanges, freezeWindows: [yearEnd] }),
    'GET /api/v1/changes/freeze-windows': () => jsonResponse(200, { values: [yearEnd] }),
    'GET /api/v1/cmdb/objects': () =>
      jsonResponse(200, { objects: services.map(cmdbObject), total: services.length, start: 0, limit: 200 }),
    'GET /api/v1/workflows': () => jsonResponse(200, { values: [changeWorkflow] }),
    'GET /api/v1/changes/settings': () => jsonResponse(200, settings),
    'GET /api/v1/projects': () =>
      jsonResponse(200, { values: [{ id: 1, key: 'ITO', name: 'IT Operations', description: '', created: '', issueCount: 1, lead: null, components: [] }] }),
    'GET /api/v1/deployments/stats': () => jsonResponse(200, { days: 90, values: stats }),
    'GET /api/v1/deployments': () => jsonResponse(200, { values: paymentDeployments }),
    ...overrides,
  });
}
