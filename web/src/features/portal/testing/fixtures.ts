/** Help-center data for the feature's tests, shaped like the seed's Operations portal. */
import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '@/api/keys';
import type { User } from '@/api/types';
import type { CustomerRequest, PortalDetail, RequestType } from '../api/types';

export const casey: User = { id: 6, username: 'customer', displayName: 'Casey Morgan', kind: 'customer' };
export const alana: User = { id: 2, username: 'alana', displayName: 'Alana Grant', kind: 'agent' };

/** Signs the user in for the test's query client (what RequireAuth would have loaded). */
export function signIn(client: QueryClient, user: User): void {
  client.setQueryData(queryKeys.session(), { user, csrfToken: 'csrf-1' });
}

export const operations: PortalDetail = {
  id: 1,
  projectKey: 'ITO',
  name: 'Operations',
  description: 'This is the spot where Central Operations keeps your services running smoothly.',
  announcement: {
    title: 'Active Issue on Billing Performance',
    message: 'We are experiencing degraded performance on our Billing App.',
  },
  groups: [
    { id: 1, name: 'Get IT help', requestTypeIds: [1, 2] },
    { id: 2, name: 'Report a problem', requestTypeIds: [3] },
    { id: 3, name: 'Contact us about Change Enablement', requestTypeIds: [4, 5] },
  ],
  requestTypes: [
    { id: 1, name: 'Get IT help', icon: 'lifebuoy', description: 'Get assistance for general IT problems and questions.' },
    { id: 2, name: 'Request new software', icon: 'apps', description: 'Ask for software to be installed or licensed for you.' },
    { id: 3, name: 'Report a system problem', icon: 'alert-triangle', description: 'Something is broken or slow?' },
    {
      id: 4,
      name: 'Request routine maintenance (standard change)',
      icon: 'tool',
      description: 'Need a standard (pre-approved) change?',
    },
    { id: 5, name: 'Request a change', icon: 'git-pull-request', description: 'Propose a normal change.' },
  ],
  canAdminister: false,
};

export const standardChange: RequestType = {
  id: 4,
  name: 'Request routine maintenance (standard change)',
  icon: 'tool',
  portalId: 1,
  description: 'Need a standard (pre-approved) change?',
  helpText: 'Standard changes are pre-approved and scheduled by Central Operations.',
  issueType: 'Change',
  groupIds: [3],
  fields: [
    { field: 'summary', label: 'Summary', help: '', required: true, name: 'summary', type: 'text' },
    {
      field: 'customfield_5',
      label: 'Application to Change',
      help: 'Which Application will be impacted?',
      required: true,
      name: 'Application to change',
      type: 'select',
      options: ['Oracle CRM', 'SAP ERP', 'Salesforce'],
    },
    {
      field: 'customfield_6',
      label: 'Which type of standard change is this for?',
      help: 'Select from the pre-approved options.',
      required: true,
      name: 'Type of standard change',
      type: 'select',
      options: ['Add Backup Node', 'Patch System'],
    },
    {
      field: 'customfield_7',
      label: 'Planned start',
      help: 'Select the optimum date for starting this change',
      required: false,
      name: 'Planned start',
      type: 'datetime',
    },
  ],
  canRaiseOnBehalf: false,
};

export const raisedRequest: CustomerRequest = {
  key: 'ITO-2052',
  id: 2052,
  summary: 'Patch the Oracle CRM database',
  reporter: { username: 'customer', displayName: 'Casey Morgan' },
  created: '2026-11-20T09:15:00.000Z',
  updated: '2026-11-21T10:00:00.000Z',
  resolved: null,
  requestParticipants: [{ username: 'jordan.patel', displayName: 'Jordan Patel' }],
  organizations: ['Retail Division'],
  attachments: [],
  canComment: true,
  canShare: true,
  status: { name: 'Awaiting implementation', category: 'in_progress' },
  portal: { id: 1, name: 'Operations' },
  requestType: { id: 4, name: 'Request routine maintenance (standard change)', icon: 'tool' },
  fields: [
    { field: 'customfield_5', label: 'Application to Change', value: 'Oracle CRM' },
    { field: 'customfield_4', label: 'Affected services', value: ['Billing', 'VPN'] },
    { field: 'dueDate', label: 'Needed by', value: '2026-12-01' },
  ],
  activity: [
    {
      type: 'status',
      id: 11,
      author: { username: 'alana', displayName: 'Alana Grant' },
      from: 'Waiting for support',
      to: 'Awaiting implementation',
      created: '2026-11-20T10:00:00.000Z',
    },
    {
      type: 'comment',
      id: 12,
      author: { username: 'alana', displayName: 'Alana Grant' },
      body: '<img src=x onerror=alert(1)> scheduled for Sunday',
      created: '2026-11-21T10:00:00.000Z',
    },
  ],
};
