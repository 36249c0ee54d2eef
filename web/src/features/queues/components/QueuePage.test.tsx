import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Queue, SearchResults } from '@/api/types';
import { jsonResponse, renderWithProviders, stubServer } from '@/testing/render';
import { QueuePage } from './QueuePage';
import { QueuesPage } from './QueuesPage';

const COLUMNS = ['issuetype', 'key', 'summary', 'reporter', 'assignee', 'status', 'created'];

function queue(id: number, name: string, extra: Partial<Queue> = {}): Queue {
  return {
    id,
    project: 'ITO',
    name,
    jql: 'issuetype = Incident AND statusCategory != Done ORDER BY priority DESC, created DESC',
    group: 'Team priority',
    columns: COLUMNS,
    position: id,
    starred: false,
    count: 0,
    countCapped: false,
    ...extra,
  };
}

const QUEUES: Queue[] = [
  queue(1, 'Major Incidents', { count: 1 }),
  queue(2, 'All open tickets', { count: 999, countCapped: true, jql: 'statusCategory != Done ORDER BY created DESC' }),
  queue(3, 'Open incidents', { count: 7 }),
  queue(8, 'Requires triage', { group: 'Other', count: 5, starred: true }),
];

const page = (keys: string[], next: string | null = null, total = keys.length): SearchResults => ({
  issues: keys.map((key) => ({
    id: Number(key.split('-')[1]),
    key,
    fields: {
      issuetype: { id: 2, name: 'Incident' },
      summary: `Summary of ${key}`,
      status: { id: 1, name: 'Open', category: 'todo' },
      reporter: { username: 'jennifer', displayName: 'Jennifer Evans' },
      assignee: null,
      created: '2026-11-25T18:12:47.435Z',
    },
  })),
  total,
  totalCapped: false,
  next,
  jql: 'x',
});

const routes = [
  { path: '/projects/:projectKey/queues', element: <QueuesPage /> },
  { path: '/projects/:projectKey/queues/:queueId', element: <QueuePage /> },
];

describe('QueuePage', () => {
  it('shows the queue list with live counts and the queue issues in its columns', async () => {
    stubServer({
      'GET /api/v1/projects/ITO/queues': () => jsonResponse(200, { queues: QUEUES }),
      'GET /api/v1/queues/3': () => jsonResponse(200, QUEUES[2]),
      'GET /api/v1/queues/3/issues': () => jsonResponse(200, page(['ITO-2075', 'ITO-2088'])),
    });
    renderWithProviders(<QueuePage />, { url: '/projects/ITO/queues/3', path: '/projects/:projectKey/queues/:queueId' });

    const nav = await screen.findByRole('navigation', { name: 'Queues' });
    const link = within(nav).getByRole('link', { name: /^Open incidents/ });
    expect(link).toHaveTextContent(/Open incidents\D*7/);
    expect(link).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: /^All open tickets/ })).toHaveTextContent('999+');
    // Starred queues come first, in their own group.
    const groups = within(nav).getAllByRole('group').map((g) => g.getAttribute('aria-labelledby') && g.textContent);
    expect(groups[0]).toMatch(/^Starred.*Requires triage/);

    const table = await screen.findByRole('table', { name: 'Open incidents' });
    expect(within(table).getByRole('link', { name: 'ITO-2075' })).toHaveAttribute('href', '/projects/ITO/issues/ITO-2075');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Type', 'Key', 'Summary', 'Reporter', 'Assignee', 'Status', 'Created',
    ]);
    expect(screen.getByRole('heading', { level: 1, name: 'Open incidents' })).toBeInTheDocument();
    expect(screen.getByText('2 issues')).toBeInTheDocument();
  });

  it('sorts on the server by a column (the queue query with a new ORDER BY) and pages with the cursor', async () => {
    const searches: URLSearchParams[] = [];
    const queuePages: URLSearchParams[] = [];
    stubServer({
      'GET /api/v1/projects/ITO/queues': () => jsonResponse(200, { queues: QUEUES }),
      'GET /api/v1/queues/3': () => jsonResponse(200, QUEUES[2]),
      'GET /api/v1/queues/3/issues': (request) => {
        const params = new URL(request.url).searchParams;
        queuePages.push(params);
        return jsonResponse(200, params.get('cursor') === 'c1' ? page(['ITO-1']) : page(['ITO-2075'], 'c1', 2));
      },
      'GET /api/v1/search': (request) => {
        searches.push(new URL(request.url).searchParams);
        return jsonResponse(200, page(['ITO-2088', 'ITO-2075']));
      },
    });
    const { user, router } = renderWithProviders(<QueuePage />, {
      url: '/projects/ITO/queues/3',
      path: '/projects/:projectKey/queues/:queueId',
    });

    const table = await screen.findByRole('table', { name: 'Open incidents' });
    await within(table).findByRole('link', { name: 'ITO-2075' });
    expect(screen.getByRole('status')).toHaveTextContent('Showing 1 of 2 issues');
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByRole('link', { name: 'ITO-1' });
    expect(queuePages.map((p) => p.get('cursor'))).toEqual([null, 'c1']);

    await user.click(within(table).getByRole('button', { name: 'Created' }));
    await screen.findByRole('link', { name: 'ITO-2088' });
    expect(searches[0]?.get('jql')).toBe(
      'project = "ITO" AND (issuetype = Incident AND statusCategory != Done) ORDER BY created DESC',
    );
    expect(searches[0]?.get('fields')).toBe(COLUMNS.join(','));
    expect(router.state.location.search).toBe('?sort=created&dir=desc');
    expect(screen.getByRole('columnheader', { name: /Created/ })).toHaveAttribute('aria-sort', 'descending');

    await user.click(screen.getByRole('button', { name: 'Queue order' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
  });

  it('stars a queue', async () => {
    const stars: string[] = [];
    let starred = false;
    stubServer({
      'GET /api/v1/projects/ITO/queues': () =>
        jsonResponse(200, { queues: QUEUES.map((q) => (q.id === 3 ? { ...q, starred } : q)) }),
      'GET /api/v1/queues/3': () => jsonResponse(200, { ...QUEUES[2], starred }),
      'GET /api/v1/queues/3/issues': () => jsonResponse(200, page([])),
      'PUT /api/v1/queues/3/star': () => {
        stars.push('put');
        starred = true;
        return jsonResponse(204, null);
      },
    });
    const { user } = renderWithProviders(<QueuePage />, {
      url: '/projects/ITO/queues/3',
      path: '/projects/:projectKey/queues/:queueId',
    });
    await user.click(await screen.findByRole('button', { name: 'Star queue' }));
    expect(await screen.findByRole('button', { name: 'Unstar queue' })).toHaveAttribute('aria-pressed', 'true');
    expect(stars).toEqual(['put']);
    await screen.findByText('No issues in this queue');
  });

  it('shows the API error of an unknown queue', async () => {
    stubServer({
      'GET /api/v1/projects/ITO/queues': () => jsonResponse(200, { queues: QUEUES }),
      'GET /api/v1/queues/99': () => jsonResponse(404, { error: { code: 'queues.notFound', message: 'no queue 99' } }),
      'GET /api/v1/queues/99/issues': () => jsonResponse(404, { error: { code: 'queues.notFound', message: 'no queue 99' } }),
    });
    renderWithProviders(<QueuePage />, { url: '/projects/ITO/queues/99', path: '/projects/:projectKey/queues/:queueId' });
    expect(await screen.findByRole('alert')).toHaveTextContent('no queue 99');
  });
});

describe('QueuesPage', () => {
  it('shows the first starred queue', async () => {
    stubServer({
      'GET /api/v1/projects/ITO/queues': () => jsonResponse(200, { queues: QUEUES }),
      'GET /api/v1/queues/8': () => jsonResponse(200, QUEUES[3]),
      'GET /api/v1/queues/8/issues': () => jsonResponse(200, page(['ITO-5'])),
    });
    const { router } = renderWithProviders(<div />, { url: '/projects/ITO/queues', routes });
    await screen.findByRole('table', { name: 'Requires triage' });
    expect(router.state.location.pathname).toBe('/projects/ITO/queues');
    const nav = screen.getByRole('navigation', { name: 'Queues' });
    expect(within(nav).getByRole('link', { name: /^Requires triage/ })).toHaveAttribute('aria-current', 'page');
  });

  it('shows "All open tickets" when nothing is starred', async () => {
    stubServer({
      'GET /api/v1/projects/ITO/queues': () => jsonResponse(200, { queues: QUEUES.map((q) => ({ ...q, starred: false })) }),
      'GET /api/v1/queues/2': () => jsonResponse(200, QUEUES[1]),
      'GET /api/v1/queues/2/issues': () => jsonResponse(200, page(['ITO-5'])),
    });
    const { router } = renderWithProviders(<div />, { url: '/projects/ITO/queues', routes });
    await screen.findByRole('table', { name: 'All open tickets' });
    expect(router.state.location.pathname).toBe('/projects/ITO/queues');
  });
});
