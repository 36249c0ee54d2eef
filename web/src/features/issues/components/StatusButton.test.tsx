import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '@/api/keys';
import { createTestQueryClient, jsonResponse, renderWithProviders } from '@/testing/render';
import { incident, session, stubIssueServer } from '../testing/fixtures';
import { IssuePage } from './IssuePage';

function renderIssuePage() {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(queryKeys.session(), session);
  return renderWithProviders(<IssuePage />, {
    url: '/projects/ITO/issues/ITO-2075',
    path: '/projects/:projectKey/issues/:issueKey',
    queryClient,
  });
}

describe('StatusButton', () => {
  it('lists the available transitions and posts the chosen one', async () => {
    const posted: unknown[] = [];
    let current = incident;
    stubIssueServer({
      'GET /api/v1/issues/ITO-2075': () => jsonResponse(200, current),
      'POST /api/v1/issues/ITO-2075/transitions': async (request) => {
        posted.push(await request.json());
        current = { ...incident, status: { id: 10, name: 'Investigating', category: 'in_progress' } };
        return jsonResponse(200, current);
      },
    });
    const { user } = renderIssuePage();

    await user.click(await screen.findByRole('button', { name: 'Status: Open' }, { timeout: 5000 }));
    const menu = await screen.findByRole('menu');
    await waitFor(() =>
      expect(within(menu).getAllByRole('menuitem').map((i) => i.getAttribute('aria-label'))).toEqual([
        'Investigate',
        'Resolve',
      ]),
    );
    await user.click(within(menu).getByRole('menuitem', { name: 'Investigate' }));

    await waitFor(() => expect(posted).toEqual([{ id: 14 }]), { timeout: 5000 });
    expect(await screen.findByRole('button', { name: 'Status: Investigating' })).toBeInTheDocument();
  });

  it('shows a transition a guard would refuse as disabled, with the reason', async () => {
    stubIssueServer({
      'GET /api/v1/issues/ITO-2075/transitions': () =>
        jsonResponse(200, {
          values: [
            {
              id: 14,
              name: 'Approve',
              to: { id: 10, name: 'Awaiting implementation', category: 'in_progress' },
              requiredFields: [],
              blocked: { code: 'approvals.pending', message: 'this issue waits for the approval "CAB review"' },
            },
          ],
        }),
    });
    const { user } = renderIssuePage();

    await user.click(await screen.findByRole('button', { name: 'Status: Open' }, { timeout: 5000 }));
    const item = await screen.findByRole('menuitem', { name: 'Approve' }, { timeout: 5000 });
    expect(item).toBeDisabled();
    expect(item).toHaveTextContent('this issue waits for the approval "CAB review"');
  });

  it('shows the message of a refused transition (409)', async () => {
    stubIssueServer({
      'POST /api/v1/issues/ITO-2075/transitions': () =>
        jsonResponse(409, {
          error: { code: 'tickets.illegalTransition', message: 'Investigate does not leave from Investigating' },
        }),
    });
    const { user } = renderIssuePage();

    await user.click(await screen.findByRole('button', { name: 'Status: Open' }, { timeout: 5000 }));
    await user.click(await screen.findByRole('menuitem', { name: 'Investigate' }, { timeout: 5000 }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Investigate does not leave from Investigating');
  });

  it('asks for the fields a validator requires, then sends them with the transition', async () => {
    const posted: unknown[] = [];
    stubIssueServer({
      'POST /api/v1/issues/ITO-2075/transitions': async (request) => {
        const body = await request.json();
        posted.push(body);
        if (!(body as { fields?: Record<string, unknown> }).fields?.['Root cause']) {
          return jsonResponse(422, {
            error: { code: 'tickets.requiredField', message: '"Root cause" is required', field: 'Root cause' },
          });
        }
        return jsonResponse(200, { ...incident, status: { id: 12, name: 'Resolved', category: 'done' } });
      },
    });
    const { user } = renderIssuePage();

    await user.click(await screen.findByRole('button', { name: 'Status: Open' }, { timeout: 5000 }));
    await user.click(await screen.findByRole('menuitem', { name: 'Resolve' }, { timeout: 5000 }));
    const dialog = await screen.findByRole('dialog', { name: 'Resolve' });

    // Required: submitting empty shows the client check and sends nothing.
    await user.click(within(dialog).getByRole('button', { name: 'Resolve' }));
    expect(within(dialog).getByText('Root cause is required')).toBeInTheDocument();
    expect(posted).toEqual([]);

    await user.click(within(dialog).getByRole('textbox', { name: /Root cause/ }));
    await user.paste('Expired certificate');
    await user.click(within(dialog).getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(posted).toEqual([{ id: 20, fields: { 'Root cause': 'Expired certificate' } }]));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Resolve' })).not.toBeInTheDocument());
  });
});
