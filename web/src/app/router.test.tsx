import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RouterProvider, createMemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import type { Project, Queue, User } from '@/api/types';
import { createTestQueryClient, jsonResponse, stubServer } from '@/testing/render';
import { routes } from './router';
import { ROUTER_FUTURE, ROUTER_PROVIDER_FUTURE } from './routerFuture';
import { theme } from './theme';

const alana: User = { id: 2, username: 'alana', displayName: 'Alana Grant', kind: 'agent' };
const customer: User = { id: 9, username: 'customer', displayName: 'Casey Customer', kind: 'customer' };
const ito: Project = {
  id: 1,
  key: 'ITO',
  name: 'IT Operations',
  description: '',
  created: '2026-01-01T00:00:00.000Z',
  issueCount: 2100,
  lead: null,
  components: [],
};
const queue = (id: number, name: string, count: number): Queue => ({
  id,
  project: 'ITO',
  name,
  jql: 'project = ITO',
  group: 'Team priority',
  columns: ['key', 'summary'],
  position: id,
  starred: false,
  count: Math.min(count, 999),
  countCapped: count > 999,
});

function renderApp(url: string) {
  const router = createMemoryRouter(routes, { initialEntries: [url], future: ROUTER_FUTURE });
  render(
    <MantineProvider theme={theme}>
      <QueryClientProvider client={createTestQueryClient()}>
        <RouterProvider router={router} future={ROUTER_PROVIDER_FUTURE} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return { router, user: userEvent.setup() };
}

const session = (user: User) => () => jsonResponse(200, { user, csrfToken: 'c' });

describe('route table', () => {
  it('sends a signed-out visitor to the login page with the way back', async () => {
    stubServer({
      'GET /api/v1/session': () =>
        jsonResponse(401, { error: { code: 'http.unauthenticated', message: 'Please sign in' } }),
    });
    const { router } = renderApp('/projects/ITO/queues');

    expect(await screen.findByRole('heading', { name: 'Sign in to Steward' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('?next=%2Fprojects%2FITO%2Fqueues');
  });

  it('takes an agent from / to the queues of ITO inside the workspace shell', async () => {
    stubServer({
      'GET /api/v1/session': session(alana),
      'GET /api/v1/projects': () => jsonResponse(200, { values: [ito] }),
      'GET /api/v1/projects/ITO/queues': () =>
        jsonResponse(200, { queues: [queue(1, 'All open tickets', 1200), queue(2, 'Open incidents', 4)] }),
    });
    const { router } = renderApp('/');

    expect(await screen.findByRole('link', { name: /Open incidents/ })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/projects/ITO/queues');
    expect(screen.getByText('999+')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create' })).toBeInTheDocument();
    expect(screen.getAllByRole('searchbox', { name: 'Search issues' }).length).toBeGreaterThan(0);
    const nav = screen.getByRole('navigation', { name: 'Project navigation' });
    expect(within(nav).getByRole('link', { name: 'Queues' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Change calendar' })).toHaveAttribute(
      'href',
      '/projects/ITO/change-calendar',
    );
    expect(within(within(nav).getByRole('group', { name: 'Settings' })).getByRole('link', { name: 'Automation' })).toHaveAttribute(
      'href',
      '/automation',
    );
    expect(within(nav).getByRole('link', { name: 'Deployments' })).toHaveAttribute('href', '/projects/ITO/deployments');
    expect(within(nav).getByRole('link', { name: 'Reports' })).toHaveAttribute('href', '/projects/ITO/reports');
    expect(within(nav).getByRole('link', { name: 'Change management' })).toHaveAttribute(
      'href',
      '/settings/change-management',
    );
  });

  it('opens the reports of a project, which are no longer a later area', async () => {
    stubServer({
      'GET /api/v1/session': session(alana),
      'GET /api/v1/projects': () => jsonResponse(200, { values: [ito] }),
    });
    renderApp('/projects/ITO/reports');

    expect(await screen.findByRole('heading', { level: 1, name: 'Reports' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Changes by type' })).toHaveAttribute('href', '/projects/ITO/reports/changes-by-type');
    const nav = screen.getByRole('navigation', { name: 'Project navigation' });
    expect(within(nav).getByRole('link', { name: 'Reports' })).toHaveAttribute('aria-current', 'page');
  });

  it('says which capability fills a later page', async () => {
    stubServer({
      'GET /api/v1/session': session(alana),
      'GET /api/v1/projects': () => jsonResponse(200, { values: [ito] }),
    });
    renderApp('/projects/ITO/on-call');

    expect(await screen.findByRole('heading', { name: 'On-call is coming' })).toBeInTheDocument();
    expect(screen.getByText(/on-call schedules and escalations \(S8\)/)).toBeInTheDocument();
  });

  it('runs the header search as a full-text JQL query', async () => {
    stubServer({
      'GET /api/v1/session': session(alana),
      'GET /api/v1/projects': () => jsonResponse(200, { values: [ito] }),
      'GET /api/v1/search': () =>
        jsonResponse(200, { issues: [], total: 0, totalCapped: false, next: null, jql: '' }),
    });
    const { router, user } = renderApp('/projects/ITO/knowledge');
    await screen.findByRole('heading', { name: 'Knowledge base is coming' });

    const [search] = screen.getAllByRole('searchbox', { name: 'Search issues' });
    await user.type(search!, 'vpn "down"{Enter}');

    expect(await screen.findByText('No issues found')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/search');
    expect(new URLSearchParams(router.state.location.search).get('jql')).toBe('text ~ "vpn \\"down\\""');
  });

  it('shows the API message when an issue cannot be loaded', async () => {
    stubServer({
      'GET /api/v1/session': session(alana),
      'GET /api/v1/projects': () => jsonResponse(200, { values: [ito] }),
      'GET /api/v1/issues/ITO-99999': () =>
        jsonResponse(404, { error: { code: 'tickets.issueNotFound', message: 'no issue ITO-99999', requestId: 'q-7' } }),
    });
    renderApp('/browse/ito-99999');

    expect(await screen.findByRole('alert')).toHaveTextContent('no issue ITO-99999');
    expect(screen.getByText('q-7')).toBeInTheDocument();
  });

  it('opens Assets and Services (the CMDB) from the sidebar', async () => {
    stubServer({
      'GET /api/v1/session': session(alana),
      'GET /api/v1/projects': () => jsonResponse(200, { values: [ito] }),
      'GET /api/v1/cmdb/schemas': () =>
        jsonResponse(200, {
          schemas: [{ id: 2, key: 'SVC', name: 'Services', description: '', objectCount: 12, objectTypeCount: 2 }],
        }),
      'GET /api/v1/cmdb/schemas/SVC': () =>
        jsonResponse(200, {
          id: 2,
          key: 'SVC',
          name: 'Services',
          description: '',
          objectCount: 0,
          objectTypeCount: 0,
          objectTypes: [],
        }),
      'GET /api/v1/cmdb/objects': () => jsonResponse(200, { objects: [], total: 0, start: 0, limit: 25 }),
    });
    // The sidebar's old placeholder URL leads to the Services schema.
    const { router, user } = renderApp('/projects/ITO/services');

    expect(await screen.findByRole('heading', { level: 1, name: 'Services' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/cmdb/SVC');
    const nav = screen.getByRole('navigation', { name: 'Project navigation' });
    expect(within(nav).getByRole('link', { name: 'Services' })).toHaveAttribute('aria-current', 'page');
    const assets = within(nav).getByRole('link', { name: 'Assets' });
    expect(assets).not.toHaveAttribute('aria-current');

    await user.click(assets);
    expect(await screen.findByRole('heading', { level: 1, name: 'Assets' })).toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: 'Assets' })).toHaveAttribute('aria-current', 'page');
  });

  it('keeps customers out of the agent workspace', async () => {
    stubServer({
      'GET /api/v1/session': session(customer),
      'GET /api/v1/search': () =>
        jsonResponse(200, { issues: [], total: 0, totalCapped: false, next: null, jql: '' }),
    });
    const { router } = renderApp('/projects/ITO/queues');

    expect(await screen.findByRole('heading', { name: /Welcome to the help center, Casey Customer/ })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/portal');
  });
});
