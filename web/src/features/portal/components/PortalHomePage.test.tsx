import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createTestQueryClient, jsonResponse, renderWithProviders, stubServer } from '@/testing/render';
import { casey, operations, signIn } from '../testing/fixtures';
import { PortalHomePage } from './PortalHomePage';

const hr = {
  ...operations,
  id: 2,
  projectKey: 'HR',
  name: 'People',
  description: 'Everything about your job.',
  announcement: null,
  groups: [],
  requestTypes: [{ id: 7, name: 'Onboard a new hire', icon: 'user-plus', description: 'A laptop and accounts.' }],
};
const listed = (p: typeof operations, count: number) => {
  const { groups: _g, requestTypes: _t, canAdminister: _a, ...rest } = p;
  return { ...rest, requestTypeCount: count };
};

function renderHome(url = '/portal') {
  stubServer({
    'GET /api/v1/portals': () => jsonResponse(200, { values: [listed(operations, 5), listed(hr, 1)] }),
    'GET /api/v1/portals/1': () => jsonResponse(200, operations),
    'GET /api/v1/portals/2': () => jsonResponse(200, hr),
  });
  const queryClient = createTestQueryClient();
  signIn(queryClient, casey);
  return renderWithProviders(<PortalHomePage />, { url, path: '/portal', queryClient });
}

describe('PortalHomePage', () => {
  it('lists the portals as cards', async () => {
    renderHome();
    expect(screen.getByRole('heading', { level: 1, name: 'Welcome to the help center, Casey Morgan' })).toBeInTheDocument();
    const card = await screen.findByRole('link', { name: 'Operations' });
    expect(card).toHaveAttribute('href', '/portal/1');
    expect(card).toHaveTextContent('5 request types');
    expect(card).toHaveTextContent('Announcement');
    expect(screen.getByRole('link', { name: 'People' })).toHaveTextContent('1 request type');
  });

  it('searches the request types of every portal', async () => {
    const { user, router } = renderHome();
    await screen.findByRole('link', { name: 'Operations' });

    await user.type(screen.getByRole('searchbox', { name: 'What can we help you with?' }), 'laptop');

    const results = await screen.findByRole('region', { name: '1 matching request type' });
    const link = within(results).getByRole('link', { name: 'Onboard a new hire' });
    expect(link).toHaveAttribute('href', '/portal/2/create/7');
    expect(link).toHaveAccessibleDescription(/A laptop and accounts\.\s*People/);
    expect(router.state.location.search).toBe('?q=laptop');
  });
});
