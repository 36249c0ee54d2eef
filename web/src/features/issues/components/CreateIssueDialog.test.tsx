import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { queryKeys } from '@/api/keys';
import { createTestQueryClient, jsonResponse, renderWithProviders } from '@/testing/render';
import { incident, session, stubIssueServer } from '../testing/fixtures';
import { CreateIssueDialog } from './CreateIssueDialog';

function renderDialog(request = { projectKey: 'ITO' }) {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(queryKeys.session(), session);
  const onClose = vi.fn();
  const result = renderWithProviders(<CreateIssueDialog opened request={request} onClose={onClose} />, {
    queryClient,
    routes: [{ path: '/projects/:projectKey/issues/:issueKey', element: <p>issue page</p> }],
  });
  return { ...result, onClose };
}

async function chooseType(user: ReturnType<typeof renderDialog>['user'], name: string) {
  const dialog = await screen.findByRole('dialog', { name: 'Create issue' });
  await user.click(within(dialog).getByRole('textbox', { name: 'Issue type' }));
  await user.click(await screen.findByRole('option', { name: new RegExp(`^${name}`) }));
  return dialog;
}

describe('CreateIssueDialog', () => {
  it('shows the custom fields of the chosen issue type, and no sub-task type without a parent', async () => {
    stubIssueServer();
    const { user } = renderDialog();
    const dialog = await screen.findByRole('dialog', { name: 'Create issue' });
    await waitFor(() => expect(within(dialog).getByRole('textbox', { name: 'Project' })).toHaveValue('IT Operations (ITO)'));

    await user.click(within(dialog).getByRole('textbox', { name: 'Issue type' }));
    const options = await screen.findAllByRole('option');
    expect(options.map((o) => o.textContent)).not.toContain(expect.stringContaining('Sub-task'));
    expect(options.some((o) => o.textContent?.startsWith('Sub-task'))).toBe(false);
    await user.click(screen.getByRole('option', { name: /^Change/ }));

    expect(await within(dialog).findByRole('textbox', { name: 'Change type' })).toBeInTheDocument();
    expect(within(dialog).getByLabelText('Planned start')).toHaveAttribute('type', 'datetime-local');
    expect(within(dialog).queryByText('Major incident')).not.toBeInTheDocument();

    await chooseType(user, 'Incident');
    expect(await within(dialog).findByRole('textbox', { name: 'Major incident' })).toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: 'Conference call' })).toHaveAttribute('type', 'url');
    expect(within(dialog).queryByRole('textbox', { name: 'Change type' })).not.toBeInTheDocument();
  });

  it('requires a summary before sending anything', async () => {
    const fetch = stubIssueServer();
    const { user } = renderDialog();
    const dialog = await screen.findByRole('dialog', { name: 'Create issue' });
    await waitFor(() => expect(within(dialog).getByRole('textbox', { name: 'Issue type' })).not.toHaveValue(''));
    await waitFor(() => expect(within(dialog).getByRole('textbox', { name: 'Project' })).not.toHaveValue(''));
    await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Create' })).toBeEnabled());

    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByText('Summary is required', {}, { timeout: 5000 })).toBeInTheDocument();
    expect(within(dialog).getByRole('textbox', { name: 'Summary' })).toHaveAttribute('aria-invalid', 'true');
    expect(fetch.mock.calls.some(([r]) => (r as Request).method === 'POST')).toBe(false);
  });

  it('shows a server error on the field it names, and creates with the custom fields', async () => {
    const posted: unknown[] = [];
    stubIssueServer({
      'POST /api/v1/issues': async (request) => {
        const body = (await request.json()) as { fields?: Record<string, unknown> };
        posted.push(body);
        if (posted.length === 1) {
          return jsonResponse(400, {
            error: {
              code: 'tickets.badFieldValue',
              message: '"Conference call" must be an http(s) or mailto URL',
              field: 'Conference call',
            },
          });
        }
        return jsonResponse(201, { ...incident, key: 'ITO-2091', summary: 'VPN drops' });
      },
    });
    const { user, onClose, router } = renderDialog();
    const dialog = await chooseType(user, 'Incident');

    await user.click(within(dialog).getByRole('textbox', { name: 'Summary' }));
    await user.paste('VPN drops');
    await user.click(within(dialog).getByRole('textbox', { name: 'Conference call' }));
    await user.paste('meet');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    const input = within(dialog).getByRole('textbox', { name: 'Conference call' });
    await waitFor(() => expect(input).toHaveAccessibleDescription(/must be an http\(s\) or mailto URL/));
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(posted[0]).toMatchObject({
      project: 'ITO',
      issueType: 'Incident',
      summary: 'VPN drops',
      priority: 'Medium',
      fields: { 'Conference call': 'meet' },
    });

    await user.clear(input);
    await user.paste('https://meet.example/vpn');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(router.state.location.pathname).toBe('/projects/ITO/issues/ITO-2091');
  });
});
