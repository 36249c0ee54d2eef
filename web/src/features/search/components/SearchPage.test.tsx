import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { QueryLanguage, SearchResults } from '@/api/types';
import { jsonResponse, renderWithProviders, stubServer } from '@/testing/render';
import { SearchPage } from './SearchPage';

const language: QueryLanguage = {
  fields: [
    { name: 'status', id: 'status', type: 'option', custom: false, operators: ['=', '!='], orderable: true, history: true, values: ['Open'] },
    { name: 'Planned start', id: 'cf[7]', type: 'datetime', custom: true, operators: ['=', '>'], orderable: true, history: false, values: [] },
  ],
  functions: ['now()'],
  keywords: ['AND', 'OR'],
};

const UNKNOWN_FIELD = {
  code: 'query.unknownField',
  message: 'no field "statsu": did you mean "status"?',
  field: 'jql',
  position: { offset: 0, line: 1, column: 1, length: 6 },
  requestId: 'r-1',
};

const results: SearchResults = {
  issues: [
    {
      id: 2075,
      key: 'ITO-2075',
      fields: {
        issuetype: { id: 2, name: 'Incident' },
        summary: 'Customer payments are rejected',
        status: { id: 1, name: 'Open', category: 'todo' },
        priority: { id: 1, name: 'Critical' },
        assignee: { username: 'mitch', displayName: 'Mitch Davis' },
        created: '2026-11-25T18:12:47.435Z',
        updated: '2026-11-25T19:12:47.435Z',
      },
    },
  ],
  total: 1,
  totalCapped: false,
  next: null,
  jql: 'status = Open',
};

describe('SearchPage', () => {
  it("shows the server's message for a bad query and underlines the token", async () => {
    stubServer({
      'GET /api/v1/query/fields': () => jsonResponse(200, language),
      'GET /api/v1/search': () => jsonResponse(400, { error: UNKNOWN_FIELD }),
      'POST /api/v1/query/validate': () => jsonResponse(200, { valid: false, error: UNKNOWN_FIELD }),
      'GET /api/v1/users': () => jsonResponse(200, { values: [] }),
    });
    const { container } = renderWithProviders(<SearchPage />, { url: `/search?jql=${encodeURIComponent('statsu = Open')}` });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Unknown field');
    expect(alert).toHaveTextContent('no field "statsu": did you mean "status"?');
    expect(alert).toHaveTextContent('Line 1, column 1');
    expect(await screen.findByRole('textbox', { name: 'JQL query' })).toHaveTextContent('statsu = Open');
    await waitFor(() => expect(container.querySelector('.cm-lintRange-error')?.textContent).toBe('statsu'));
    expect(screen.getByText('Fix the query to see results')).toBeInTheDocument();
    // One alert only, even once the check as-you-type has answered too.
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(1), { timeout: 1500 });
  });

  it('runs the query from the URL and sorts by a column by rewriting ORDER BY', async () => {
    const queries: string[] = [];
    stubServer({
      'GET /api/v1/query/fields': () => jsonResponse(200, language),
      'GET /api/v1/search': (request) => {
        queries.push(new URL(request.url).searchParams.get('jql') ?? '');
        return jsonResponse(200, results);
      },
      'POST /api/v1/query/validate': () => jsonResponse(200, { valid: true }),
    });
    const { user, router } = renderWithProviders(<SearchPage />, {
      url: `/search?jql=${encodeURIComponent('status = Open ORDER BY created DESC')}`,
    });
    const table = await screen.findByRole('table', { name: 'Search results' });
    expect(within(table).getByRole('link', { name: 'ITO-2075' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: /Created/ })).toHaveAttribute('aria-sort', 'descending');
    expect(screen.getByText('1 issue')).toBeInTheDocument();

    await user.click(within(table).getByRole('button', { name: 'Priority' }));
    await waitFor(() =>
      expect(new URLSearchParams(router.state.location.search).get('jql')).toBe('status = Open ORDER BY priority DESC'),
    );
    await waitFor(() => expect(queries).toContain('status = Open ORDER BY priority DESC'));

    // The Search button runs what the editor holds.
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
