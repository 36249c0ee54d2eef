import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse, renderWithProviders, stubServer } from '@/testing/render';
import { ChangesByTypePage } from './ChangesByTypePage';

const months = [
  { month: '2026-09', all: 37, standard: 30, normal: 4, emergency: 0 },
  { month: '2026-10', all: 36, standard: 27, normal: 7, emergency: 0 },
  { month: '2026-11', all: 12, standard: 6, normal: 4, emergency: 2 },
];

describe('ChangesByTypePage', () => {
  it('charts and tabulates the changes per month by type', async () => {
    const queries: string[] = [];
    stubServer({
      'GET /api/v1/reports/changes-by-type': (request) => {
        queries.push(new URL(request.url).search);
        return jsonResponse(200, { months });
      },
    });
    const { user, router } = renderWithProviders(<ChangesByTypePage />, {
      url: '/projects/ITO/reports/changes-by-type',
      path: '/projects/:projectKey/reports/changes-by-type',
    });

    const table = await screen.findByRole('table', { name: 'Changes by type per month' });
    const rows = within(table).getAllByRole('row');
    expect(within(rows[0]!).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Month',
      'Standard',
      'Normal',
      'Emergency',
      'No type',
      'All',
    ]);
    expect(within(rows[2]!).getAllByRole('cell').map((c) => c.textContent).slice(1)).toEqual(['27', '7', '0', '2', '36']);
    expect(within(screen.getByRole('group', { name: 'Changes' })).getByText('85')).toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'Emergency' })).getByText('2')).toBeInTheDocument();

    const chart = screen.getByRole('img', { name: 'Changes by type per month, last 12 months' });
    expect(chart.querySelectorAll('g[data-month]')).toHaveLength(3);
    const november = chart.querySelector('g[data-month="2026-11"]')!;
    expect([...november.querySelectorAll('rect')].map((r) => r.getAttribute('data-series'))).toEqual([
      'standard',
      'normal',
      'emergency',
    ]);
    expect(screen.getByRole('link', { name: 'Reports' })).toHaveAttribute('href', '/projects/ITO/reports');
    expect(queries).toEqual(['?months=12']);

    await user.click(screen.getByRole('textbox', { name: 'Period' }));
    await user.click(await screen.findByRole('option', { name: 'Last 24 months' }));
    await waitFor(() => expect(queries.at(-1)).toBe('?months=24'));
    expect(router.state.location.search).toBe('?months=24');
  });

  it('shows the server error', async () => {
    stubServer({
      'GET /api/v1/reports/changes-by-type': () =>
        jsonResponse(403, { error: { code: 'changes.forbidden', message: 'reports are for agents' } }),
    });
    renderWithProviders(<ChangesByTypePage />, {
      url: '/projects/ITO/reports/changes-by-type',
      path: '/projects/:projectKey/reports/changes-by-type',
    });
    expect(await screen.findByRole('alert')).toHaveTextContent('reports are for agents');
  });
});
