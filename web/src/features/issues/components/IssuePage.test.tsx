import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '@/api/keys';
import { createTestQueryClient, jsonResponse, renderWithProviders } from '@/testing/render';
import {
  cabReview,
  change,
  customFields,
  incident,
  potentialCauses,
  session,
  stubChangeServer,
  stubIssueServer,
} from '../testing/fixtures';
import { IssuePage } from './IssuePage';

function renderIssuePage(url = '/projects/ITO/issues/ITO-2075') {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(queryKeys.session(), session);
  return renderWithProviders(<IssuePage />, { url, path: '/projects/:projectKey/issues/:issueKey', queryClient });
}

describe('IssuePage', () => {
  it('shows the summary, the fields, every custom field and the activity tabs', async () => {
    stubIssueServer();
    const { user } = renderIssuePage();

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Payment processing failures' }, { timeout: 5000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Status: Open' })).toBeInTheDocument();
    // The description keeps its line breaks and links, as text.
    expect(screen.getByRole('link', { name: 'https://status.example.com' })).toHaveAttribute('href', 'https://status.example.com');

    const details = screen.getByRole('complementary', { name: 'Details' });
    const row = (label: string) => within(details).getByRole('group', { name: label });
    expect(within(row('Assignee')).getByText('Mitch Davis')).toBeInTheDocument();
    expect(within(row('Reporter')).getByText('Jennifer Evans')).toBeInTheDocument();
    expect(within(row('Priority')).getByText('Critical')).toBeInTheDocument();
    expect(within(row('Labels')).getByText('payments')).toBeInTheDocument();
    expect(within(row('Impact')).getByText('Extensive / Widespread')).toBeInTheDocument();
    expect(within(row('Affected services')).getByText('Payment Processing')).toBeInTheDocument();
    expect(within(row('Major incident')).getByText('Yes')).toBeInTheDocument();
    expect(within(row('Responders')).getByText('Paul Buffington')).toBeInTheDocument();
    expect(within(row('Conference call')).getByRole('link')).toHaveAttribute('href', 'https://meet.steward.example/ito-2075');
    expect(within(row('Chat channel')).getByText('None')).toBeInTheDocument();
    expect(within(details).getByText(/Created/)).toBeInTheDocument();

    // Links grouped by their phrase.
    expect(screen.getByRole('list', { name: 'is caused by' })).toHaveTextContent('ITO-2083');

    // Activity: All shows comments and history; the tabs filter.
    expect(screen.getByRole('tab', { name: 'All' })).toHaveAttribute('aria-selected', 'true');
    expect(await screen.findByText(/Checking the DB transaction logs/, {}, { timeout: 5000 })).toBeInTheDocument();
    expect(screen.getByText('Internal note', { selector: '.mantine-Badge-label' })).toBeInTheDocument();
    expect(screen.getByText('changed the Priority', { exact: false })).toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'Comments' }));
    expect(screen.getByText('We are looking into it.')).toBeInTheDocument();
    expect(screen.queryByText('changed the Priority', { exact: false })).not.toBeInTheDocument();

    await user.click(screen.getByRole('tab', { name: 'History' }));
    expect(screen.getByText('High')).toBeInTheDocument();
    expect(screen.queryByText('We are looking into it.')).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Comment' })).not.toBeInTheDocument();
  });

  it('says "Issue not found" with the server message for a 404', async () => {
    stubIssueServer({
      'GET /api/v1/issues/ITO-9999': () =>
        jsonResponse(404, { error: { code: 'tickets.noIssue', message: 'issue ITO-9999 does not exist' } }),
    });
    renderIssuePage('/projects/ITO/issues/ITO-9999');

    const alert = await screen.findByRole('alert', {}, { timeout: 5000 });
    expect(alert).toHaveTextContent('Issue not found');
    expect(alert).toHaveTextContent('issue ITO-9999 does not exist');
  });

  it('edits a custom field through PATCH with fields by name', async () => {
    const patches: unknown[] = [];
    let current = incident;
    stubIssueServer({
      'GET /api/v1/issues/ITO-2075': () => jsonResponse(200, current),
      'PATCH /api/v1/issues/ITO-2075': async (request) => {
        patches.push(await request.json());
        current = { ...incident, fields: { ...incident.fields, 'Chat channel': '#payments' } };
        return jsonResponse(200, current);
      },
    });
    const { user } = renderIssuePage();

    await user.click(await screen.findByRole('button', { name: 'Edit Chat channel' }, { timeout: 5000 }));
    const input = screen.getByRole('textbox', { name: 'Chat channel' });
    await user.click(input);
    await user.paste('#payments');
    await user.click(screen.getByRole('button', { name: 'Confirm Chat channel' }));

    await waitFor(() => expect(patches).toEqual([{ fields: { 'Chat channel': '#payments' } }]));
    const details = screen.getByRole('complementary', { name: 'Details' });
    expect(await within(details).findByText('#payments')).toBeInTheDocument();
  });

  it('shows object fields as links to the objects and edits them with the field picker', async () => {
    const applicationImpacted = {
      id: 30,
      key: 'cf[30]',
      name: 'Application impacted',
      type: 'object' as const,
      description: '',
      issueTypes: ['Incident'],
      custom: true as const,
      objectSchema: 'SVC',
      filterScope: 'objectType = "Applications"',
      issueScope: '',
      multiple: false,
    };
    const patches: unknown[] = [];
    const contexts: (string | null)[] = [];
    let current = {
      ...incident,
      fields: { ...incident.fields, 'Application impacted': [{ id: 2, key: 'SVC-2', label: 'Oracle CRM' }] },
    };
    stubIssueServer({
      'GET /api/v1/fields': () => jsonResponse(200, { values: [...customFields, applicationImpacted] }),
      'GET /api/v1/issues/ITO-2075': () => jsonResponse(200, current),
      'GET /api/v1/fields/30/objects': (request) => {
        contexts.push(new URL(request.url).searchParams.get('context'));
        return jsonResponse(200, {
          objects: [
            { key: 'SVC-2', label: 'Oracle CRM', objectType: 'Applications' },
            { key: 'SVC-3', label: 'MongoDB Atlas', objectType: 'Applications' },
          ],
        });
      },
      'PATCH /api/v1/issues/ITO-2075': async (request) => {
        patches.push(await request.json());
        current = { ...current, fields: { ...current.fields, 'Application impacted': [{ id: 3, key: 'SVC-3', label: 'MongoDB Atlas' }] } };
        return jsonResponse(200, current);
      },
    });
    const { user } = renderIssuePage();

    const details = await screen.findByRole('complementary', { name: 'Details' }, { timeout: 5000 });
    expect(await within(details).findByRole('link', { name: 'Oracle CRM (SVC-2)' })).toHaveAttribute('href', '/cmdb/objects/SVC-2');

    await user.click(screen.getByRole('button', { name: 'Edit Application impacted' }));
    await user.click(await screen.findByRole('option', { name: /MongoDB Atlas/ }));
    await waitFor(() => expect(patches).toEqual([{ fields: { 'Application impacted': 'SVC-3' } }]));
    expect(await within(details).findByRole('link', { name: 'MongoDB Atlas (SVC-3)' })).toBeInTheDocument();
    // The picker was told the issue's other answers (and not the field's own).
    const context = JSON.parse(contexts[0] ?? '{}') as Record<string, unknown>;
    expect(context).not.toHaveProperty('Application impacted');
  });

  it('assigns the issue to the signed-in agent', async () => {
    const patches: unknown[] = [];
    let current = incident;
    stubIssueServer({
      'GET /api/v1/issues/ITO-2075': () => jsonResponse(200, current),
      'PATCH /api/v1/issues/ITO-2075': async (request) => {
        patches.push(await request.json());
        current = { ...incident, assignee: { username: 'alana', displayName: 'Alana Grant' } };
        return jsonResponse(200, current);
      },
    });
    const { user } = renderIssuePage();

    await user.click(await screen.findByRole('button', { name: 'Assign to me' }, { timeout: 5000 }));
    await waitFor(() => expect(patches).toEqual([{ assignee: 'alana' }]));
    expect(await screen.findByRole('group', { name: 'Assignee' })).toHaveTextContent('Alana Grant');
  });

  it('shows a change with its approvals, risk, plans and sub-tasks, plans not among the details', async () => {
    const decisions: unknown[] = [];
    let current = change;
    stubChangeServer({
      'GET /api/v1/issues/ITO-2091': () => jsonResponse(200, current),
      'POST /api/v1/issues/ITO-2091/approvals': async (request) => {
        decisions.push(await request.json());
        current = { ...change, status: { id: 4, name: 'Awaiting implementation', category: 'in_progress' } };
        return jsonResponse(200, { ...cabReview, status: 'approved', approvedCount: 2, canDecide: false });
      },
    });
    const { user } = renderIssuePage('/projects/ITO/issues/ITO-2091');

    expect(await screen.findByRole('heading', { level: 1, name: 'Re-shard the payments database' })).toBeInTheDocument();
    const approvals = await screen.findByRole('region', { name: 'Approvals' });
    expect(await within(approvals).findByRole('article', { name: 'CAB review' })).toBeInTheDocument();

    const risk = await screen.findByRole('group', { name: 'Risk assessment' });
    expect(within(risk).getByText('Critical risk')).toBeInTheDocument();
    expect(within(risk).getByText('CAB review required')).toBeInTheDocument();

    const plans = screen.getByRole('region', { name: 'Plans' });
    const implementation = within(plans).getByRole('region', { name: 'Implementation plan' });
    expect(implementation).toHaveTextContent('Clone from Primary backup system');
    expect(within(plans).getByRole('region', { name: 'Backout plan' })).toHaveTextContent('Remove from cluster');
    expect(within(plans).getByRole('region', { name: 'Test plan' })).toHaveTextContent('Not written yet');
    expect(screen.getByRole('list', { name: 'Sub-tasks' })).toHaveTextContent('Confirm Target');

    const details = screen.getByRole('complementary', { name: 'Details' });
    expect(within(details).getByRole('group', { name: 'Change type' })).toHaveTextContent('Normal');
    expect(within(details).queryByRole('group', { name: 'Implementation plan' })).not.toBeInTheDocument();

    // The approver approves; the issue is refetched and shows its new status.
    await user.click(within(approvals).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(decisions).toEqual([{ decision: 'approve' }]));
    expect(await screen.findByRole('button', { name: 'Status: Awaiting implementation' })).toBeInTheDocument();
  });

  it('edits a plan of a change in place', async () => {
    const patches: unknown[] = [];
    let current = change;
    stubChangeServer({
      'GET /api/v1/issues/ITO-2091': () => jsonResponse(200, current),
      'PATCH /api/v1/issues/ITO-2091': async (request) => {
        patches.push(await request.json());
        current = { ...change, fields: { ...change.fields, 'Test plan': 'Fail over and back' } };
        return jsonResponse(200, current);
      },
    });
    const { user } = renderIssuePage('/projects/ITO/issues/ITO-2091');

    await user.click(await screen.findByRole('button', { name: 'Edit Test plan' }));
    const testPlan = screen.getByRole('region', { name: 'Test plan' });
    await user.type(within(testPlan).getByRole('textbox', { name: 'Test plan' }), 'Fail over and back');
    await user.click(within(testPlan).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(patches).toEqual([{ fields: { 'Test plan': 'Fail over and back' } }]));
    expect(await screen.findByText('Fail over and back')).toBeInTheDocument();
  });

  it('lists the potential causes of an incident and selects one', async () => {
    const selected: unknown[] = [];
    let causes = potentialCauses;
    stubIssueServer({
      'GET /api/v1/issues/ITO-2075/potential-causes': (request) => {
        expect(new URL(request.url).searchParams.get('days')).toBe('7');
        return jsonResponse(200, { values: causes });
      },
      'POST /api/v1/issues/ITO-2075/potential-causes': async (request) => {
        selected.push(await request.json());
        causes = [{ ...potentialCauses[0]!, linked: true }, potentialCauses[1]!];
        return jsonResponse(201, { change: 'ITO-2101', incident: 'ITO-2075' });
      },
      'GET /api/v1/issues/ITO-2101': () => jsonResponse(200, { ...change, key: 'ITO-2101' }),
    });
    const { user } = renderIssuePage();

    const list = await screen.findByRole('list', { name: 'Potential causes' });
    const deploy = within(list).getByRole('listitem', { name: /ITO-2101/ });
    expect(deploy).toHaveTextContent('payments-api #501 to prod-eu');
    expect(deploy).toHaveTextContent('Failed');
    expect(deploy).toHaveTextContent('Payment Processing');
    const iam = within(list).getByRole('listitem', { name: /ITO-2099/ });
    expect(within(iam).getByText('Selected as potential cause')).toBeInTheDocument();
    expect(within(iam).queryByRole('button')).not.toBeInTheDocument();

    await user.click(within(deploy).getByRole('button', { name: 'Select as potential cause' }));
    await waitFor(() => expect(selected).toEqual([{ change: 'ITO-2101' }]));
    expect(await within(deploy).findByText('Selected as potential cause')).toBeInTheDocument();
  });
});

