import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SearchResults } from '@/api/types';
import { jsonResponse, renderWithProviders, stubServer } from '@/testing/render';
import { IssueListPage } from './IssueListPage';

const results: SearchResults = {
  issues: [{ id: 7, key: 'ITO-7', fields: { summary: 'VPN down', status: { id: 1, name: 'Open', category: 'todo' } } }],
  total: 1,
  totalCapped: false,
  next: null,
  jql: '',
};

describe('IssueListPage', () => {
  it('lists the issues of one type, filtered by status category, newest first', async () => {
    const queries: string[] = [];
    stubServer({
      'GET /api/v1/search': (request) => {
        queries.push(new URL(request.url).searchParams.get('jql') ?? '');
        return jsonResponse(200, results);
      },
    });
    const { user, router } = renderWithProviders(<IssueListPage />, {
      url: '/projects/ITO/list/incidents',
      path: '/projects/:projectKey/list/:kind',
    });
    expect(await screen.findByRole('table', { name: 'Incidents' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Incidents' })).toBeInTheDocument();
    expect(queries[0]).toBe('project = "ITO" AND issuetype = "Incident" ORDER BY created DESC');

    await user.click(screen.getByRole('radio', { name: 'Open' }));
    await waitFor(() =>
      expect(queries).toContain('project = "ITO" AND issuetype = "Incident" AND statusCategory != Done ORDER BY created DESC'),
    );
    expect(router.state.location.search).toBe('?status=open');
    expect(screen.getByRole('link', { name: 'Open in search' })).toHaveAttribute(
      'href',
      `/search?jql=${encodeURIComponent('project = "ITO" AND issuetype = "Incident" AND statusCategory != Done ORDER BY created DESC')}`,
    );
  });

  it('says when there is no such list', async () => {
    renderWithProviders(<IssueListPage />, { url: '/projects/ITO/list/bananas', path: '/projects/:projectKey/list/:kind' });
    expect(await screen.findByRole('alert')).toHaveTextContent('There is no issue list "bananas".');
  });
});
