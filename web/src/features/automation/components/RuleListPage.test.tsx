import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '@/api/keys';
import { createTestQueryClient, jsonResponse, renderWithProviders } from '@/testing/render';
import { nightlyRule, printerRule, session, stubAutomationServer } from '../testing/fixtures';
import { RuleListPage } from './RuleListPage';

function renderList(url = '/automation') {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(queryKeys.session(), session);
  return renderWithProviders(<RuleListPage />, { url, path: '/automation', queryClient });
}

describe('RuleListPage', () => {
  it('lists the rules with scope, trigger, last run and owner', async () => {
    stubAutomationServer();
    renderList();

    const table = await screen.findByRole('table', { name: 'Rules' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('link')[0]?.textContent)).toEqual(['Nightly clean-up', 'Thank printer reporters']);
    const printer = rows[1]!;
    expect(within(printer).getByRole('link', { name: 'Thank printer reporters' })).toHaveAttribute('href', '/automation/rules/7');
    expect(within(printer).getByText('ITO')).toBeInTheDocument();
    expect(await within(printer).findByText('Issue created')).toBeInTheDocument();
    expect(within(printer).getByText('SUCCESS')).toBeInTheDocument();
    expect(within(printer).getByRole('link', { name: 'Audit log of Thank printer reporters' })).toHaveAttribute(
      'href',
      '/automation/rules/7/audit',
    );
    const nightly = rows[0]!;
    expect(within(nightly).getByText('Global')).toBeInTheDocument();
    expect(within(nightly).getByText('Scheduled')).toBeInTheDocument();
    expect(within(nightly).getByText('Never run')).toBeInTheDocument();
    // A rule the user may not manage cannot be switched.
    expect(within(nightly).getByRole('switch', { name: 'Enabled: Nightly clean-up' })).toBeDisabled();
    expect(screen.getByRole('link', { name: 'Create rule' })).toHaveAttribute('href', '/automation/rules/new');
  });

  it('filters by words and by state, in the URL', async () => {
    stubAutomationServer();
    const { user, router } = renderList('/automation?q=printer');

    const table = await screen.findByRole('table', { name: 'Rules' });
    expect(screen.getByRole('searchbox', { name: 'Filter rules' })).toHaveValue('printer');
    expect(within(table).queryByText('Nightly clean-up')).not.toBeInTheDocument();

    await user.clear(screen.getByRole('searchbox', { name: 'Filter rules' }));
    await user.type(screen.getByRole('searchbox', { name: 'Filter rules' }), 'global');
    expect(within(table).getByText('Nightly clean-up')).toBeInTheDocument();
    expect(within(table).queryByText('Thank printer reporters')).not.toBeInTheDocument();
    expect(router.state.location.search).toBe('?q=global');

    await user.clear(screen.getByRole('searchbox', { name: 'Filter rules' }));
    await user.click(screen.getByRole('radio', { name: 'Enabled' }));
    expect(within(table).getByText('Thank printer reporters')).toBeInTheDocument();
    expect(within(table).queryByText('Nightly clean-up')).not.toBeInTheDocument();
    expect(router.state.location.search).toBe('?status=enabled');
  });

  it('turns a rule off with PUT {enabled: false}, and back on screen when refused', async () => {
    const bodies: unknown[] = [];
    let refuse = false;
    stubAutomationServer({
      'PUT /api/v1/automation/rules/7': async (request) => {
        bodies.push(await request.json());
        if (refuse) {
          return jsonResponse(403, { error: { code: 'automation.forbidden', message: 'needs the administrator role' } });
        }
        return jsonResponse(200, { ...printerRule, enabled: false });
      },
      'GET /api/v1/automation/rules': () =>
        jsonResponse(200, { values: [refuse ? printerRule : { ...printerRule, enabled: !bodies.length }, nightlyRule] }),
    });
    const { user } = renderList();

    const toggle = await screen.findByRole('switch', { name: 'Enabled: Thank printer reporters' });
    expect(toggle).toBeChecked();
    await user.click(toggle);
    await waitFor(() => expect(bodies).toEqual([{ enabled: false }]));
    await waitFor(() => expect(screen.getByRole('switch', { name: 'Enabled: Thank printer reporters' })).not.toBeChecked());

    refuse = true;
    await user.click(screen.getByRole('switch', { name: 'Enabled: Thank printer reporters' }));
    await waitFor(() => expect(bodies).toHaveLength(2));
    await waitFor(() => expect(screen.getByRole('switch', { name: 'Enabled: Thank printer reporters' })).toBeChecked());
  });

  it('invites to create the first rule when there is none', async () => {
    stubAutomationServer({ 'GET /api/v1/automation/rules': () => jsonResponse(200, { values: [] }) });
    renderList();
    expect(await screen.findByText('No rules yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create your first rule' })).toHaveAttribute('href', '/automation/rules/new');
  });
});
