import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '@/api/keys';
import { createTestQueryClient, jsonResponse, renderWithProviders } from '@/testing/render';
import { customFields, incident, session, stubIssueServer } from '../testing/fixtures';
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
});
