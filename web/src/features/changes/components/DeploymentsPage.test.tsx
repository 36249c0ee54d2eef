import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createTestQueryClient, jsonResponse, renderWithProviders } from '@/testing/render';
import { alana, paymentDeployments, signIn, stubChangesServer } from '../testing/fixtures';
import { DeploymentsPage } from './DeploymentsPage';

function renderDeployments(url = '/projects/ITO/deployments') {
  const queryClient = createTestQueryClient();
  signIn(queryClient, alana);
  return renderWithProviders(<DeploymentsPage />, { url, path: '/projects/:projectKey/deployments', queryClient });
}

describe('DeploymentsPage', () => {
  it('lists the services with their deployments and change failure rate, and a service timeline', async () => {
    const lists: Record<string, string>[] = [];
    const fetch = stubChangesServer({
      'GET /api/v1/deployments': (request) => {
        lists.push(Object.fromEntries(new URL(request.url).searchParams));
        return jsonResponse(200, { values: paymentDeployments });
      },
    });
    const { user, router } = renderDeployments();

    const table = await screen.findByRole('table', { name: 'Services' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent).slice(0, 5))).toEqual([
      ['Customer Portal', '28', '28', '0', '0%'],
      ['Payment Processing', '18', '15', '3', '16.7%'],
    ]);
    const statsUrl = new URL((fetch.mock.calls[0]![0] as Request).url);
    expect(Object.fromEntries(statsUrl.searchParams)).toEqual({ days: '90', environmentType: 'production' });
    // The first service is chosen at first.
    expect(within(rows[0]!).getByRole('button', { name: 'Customer Portal' })).toHaveAttribute('aria-pressed', 'true');

    await user.click(within(rows[1]!).getByRole('button', { name: 'Payment Processing' }));
    expect(new URLSearchParams(router.state.location.search).get('service')).toBe('SVC-438');
    const panel = await screen.findByRole('region', { name: 'Deployments of Payment Processing' });
    const timeline = await within(panel).findByRole('list', { name: 'Deployment timeline' });
    const items = within(timeline).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('payments-api #501');
    expect(items[0]).toHaveTextContent('In progress');
    expect(items[0]).toHaveTextContent('Gated');
    expect(within(items[0]!).getByRole('link', { name: 'ITO-2110' })).toHaveAttribute('href', '/projects/ITO/issues/ITO-2110');
    expect(items[0]).toHaveTextContent('Awaiting approval');
    expect(items[1]).toHaveTextContent('Failed');
    expect(items[2]).toHaveTextContent('Successful');
    expect(items[2]).toHaveTextContent('prod-eu (production)');
    await waitFor(() => expect(lists.at(-1)).toEqual({ service: 'SVC-438', environmentType: 'production', limit: '30' }));
  });

  it('reads the environment type from the URL and says when nothing was deployed', async () => {
    const queries: string[] = [];
    stubChangesServer({
      'GET /api/v1/deployments/stats': (request) => {
        queries.push(new URL(request.url).search);
        return jsonResponse(200, { days: 30, values: [] });
      },
    });
    renderDeployments('/projects/ITO/deployments?environment=staging&days=30');

    expect(await screen.findByText('No deployments')).toBeInTheDocument();
    expect(screen.getByText(/No deployments to staging environments were reported in the last 30 days/)).toBeInTheDocument();
    expect(queries).toEqual(['?days=30&environmentType=staging']);
  });
});
