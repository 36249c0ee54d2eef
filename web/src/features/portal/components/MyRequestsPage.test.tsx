import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createTestQueryClient, jsonResponse, renderWithProviders, stubServer } from '@/testing/render';
import type { RequestSummary } from '../api/types';
import { casey, signIn } from '../testing/fixtures';
import { MyRequestsPage } from './MyRequestsPage';

const row = (n: number, status: RequestSummary['status']): RequestSummary => ({
  key: `ITO-${n}`,
  summary: `Request number ${n}`,
  created: '2026-11-20T09:00:00.000Z',
  updated: '2026-11-20T09:00:00.000Z',
  reporter: { username: 'customer', displayName: 'Casey Morgan' },
  portal: { id: 1, name: 'Operations' },
  requestType: { id: 1, name: 'Get IT help', icon: 'lifebuoy' },
  status,
});

function setup(url = '/portal/requests', total = 2) {
  const queries: URLSearchParams[] = [];
  stubServer({
    'GET /api/v1/requests': (request) => {
      const query = new URL(request.url).searchParams;
      queries.push(query);
      const start = Number(query.get('start'));
      return jsonResponse(200, {
        values: [
          row(2090 - start, { name: 'Waiting for support', category: 'todo' }),
          row(2089 - start, { name: 'Awaiting implementation', category: 'in_progress' }),
        ],
        total,
        start,
      });
    },
  });
  const queryClient = createTestQueryClient();
  signIn(queryClient, casey);
  const rendered = renderWithProviders(<MyRequestsPage />, { url, path: '/portal/requests', queryClient });
  const last = () => Object.fromEntries(queries.at(-1) ?? []);
  return { ...rendered, queries, last };
}

describe('MyRequestsPage', () => {
  it('lists open requests of every kind by default, each with its key as a link', async () => {
    const { last } = setup();

    expect(screen.getByRole('heading', { level: 1, name: 'My requests' })).toBeInTheDocument();
    const link = await screen.findByRole('link', { name: 'ITO-2090' });
    expect(link).toHaveAttribute('href', '/portal/requests/ITO-2090');
    expect(last()).toEqual({ filter: 'all', status: 'open', start: '0', limit: '25' });

    const item = link.closest('li')!;
    expect(within(item).getByText('Request number 2090')).toBeInTheDocument();
    expect(within(item).getByText('Waiting for support').closest('[data-category]')).toHaveAttribute('data-category', 'todo');
    expect(within(item).getByText(/Get IT help · Casey Morgan/)).toBeInTheDocument();
    expect(screen.getByText('1–2 of 2 requests')).toBeInTheDocument();
  });

  it('builds the query string from the filters, the search and the page', async () => {
    const { user, last, router } = setup();
    await screen.findByRole('link', { name: 'ITO-2090' });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Closed requests');
    await waitFor(() => expect(last()).toEqual({ filter: 'all', status: 'closed', start: '0', limit: '25' }));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Requests' }), 'Shared with me');
    await waitFor(() => expect(last()).toEqual({ filter: 'participated', status: 'closed', start: '0', limit: '25' }));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Requests' }), 'Shared with my organization');
    await waitFor(() => expect(last().filter).toBe('organization'));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Requests' }), 'Created by me');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Any status');
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'vpn down');
    await waitFor(() =>
      expect(last()).toEqual({ filter: 'mine', status: 'all', q: 'vpn down', start: '0', limit: '25' }),
    );
    expect(Object.fromEntries(new URLSearchParams(router.state.location.search))).toEqual({
      status: 'all',
      filter: 'mine',
      q: 'vpn down',
    });
  });

  it('pages through the requests', async () => {
    const { user, last } = setup('/portal/requests?status=all', 60);
    await screen.findByRole('link', { name: 'ITO-2090' });
    expect(screen.getByText('1–2 of 60 requests')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Page 3' }));

    await waitFor(() => expect(last()).toEqual({ filter: 'all', status: 'all', start: '50', limit: '25' }));
    expect(await screen.findByRole('link', { name: 'ITO-2040' })).toBeInTheDocument();
  });

  it('says when nothing matches', async () => {
    stubServer({ 'GET /api/v1/requests': () => jsonResponse(200, { values: [], total: 0, start: 0 }) });
    const queryClient = createTestQueryClient();
    signIn(queryClient, casey);
    renderWithProviders(<MyRequestsPage />, { url: '/portal/requests?q=zzz', path: '/portal/requests', queryClient });
    expect(await screen.findByRole('heading', { name: 'No requests found' })).toBeInTheDocument();
  });

  it('shows the API message when the list fails', async () => {
    stubServer({
      'GET /api/v1/requests': () =>
        jsonResponse(400, { error: { code: 'http.badQuery', message: 'limit must be 0-100' } }),
    });
    const queryClient = createTestQueryClient();
    signIn(queryClient, casey);
    renderWithProviders(<MyRequestsPage />, { url: '/portal/requests', path: '/portal/requests', queryClient });
    expect(await screen.findByRole('alert')).toHaveTextContent('limit must be 0-100');
  });
});
