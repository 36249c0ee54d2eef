import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createTestQueryClient, jsonResponse, renderWithProviders, stubServer } from '@/testing/render';
import { casey, operations, signIn } from '../testing/fixtures';
import { PortalPage } from './PortalPage';

function renderPortal(url = '/portal/1') {
  const queryClient = createTestQueryClient();
  signIn(queryClient, casey);
  return renderWithProviders(<PortalPage />, { url, path: '/portal/:portalId', queryClient });
}

describe('PortalPage', () => {
  it('shows the portal, its announcement and every request type by group', async () => {
    stubServer({ 'GET /api/v1/portals/1': () => jsonResponse(200, operations) });
    renderPortal();

    expect(await screen.findByRole('heading', { level: 1, name: 'Operations' })).toBeInTheDocument();
    expect(screen.getByText(operations.description)).toBeInTheDocument();
    const breadcrumbs = screen.getByRole('navigation', { name: 'Breadcrumbs' });
    expect(within(breadcrumbs).getByRole('link', { name: 'Help Center' })).toHaveAttribute('href', '/portal');
    expect(within(breadcrumbs).getByText('Operations')).toHaveAttribute('aria-current', 'page');

    const banner = screen.getByRole('alert', { name: 'Active Issue on Billing Performance' });
    expect(banner).toHaveTextContent('degraded performance on our Billing App');

    const tabs = screen.getByRole('tablist', { name: 'Request type groups' });
    expect(within(tabs).getAllByRole('tab').map((t) => t.textContent)).toEqual([
      'All request types',
      'Get IT help',
      'Report a problem',
      'Contact us about Change Enablement',
    ]);
    const group = screen.getByRole('group', { name: 'Contact us about Change Enablement' });
    const card = within(group).getByRole('link', { name: 'Request routine maintenance (standard change)' });
    expect(card).toHaveAttribute('href', '/portal/1/create/4');
    expect(card).toHaveAccessibleDescription('Need a standard (pre-approved) change?');
    expect(screen.getAllByRole('link', { name: /./ }).filter((a) => a.getAttribute('href')?.includes('/create/'))).toHaveLength(5);
  });

  it('narrows to one group, and keeps the choice in the URL', async () => {
    stubServer({ 'GET /api/v1/portals/1': () => jsonResponse(200, operations) });
    const { user, router } = renderPortal();

    await user.click(await screen.findByRole('tab', { name: 'Contact us about Change Enablement' }));

    expect(screen.getByRole('tab', { name: 'Contact us about Change Enablement' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByRole('link', { name: 'Request a change' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Get IT help' })).not.toBeInTheDocument();
    expect(router.state.location.search).toBe('?group=3');
  });

  it('filters request types with the search box', async () => {
    stubServer({ 'GET /api/v1/portals/1': () => jsonResponse(200, operations) });
    const { user } = renderPortal();

    await user.type(await screen.findByRole('searchbox', { name: 'What can we help you with?' }), 'software');

    expect(screen.getByRole('heading', { name: '1 matching request type' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Request new software' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Report a system problem' })).not.toBeInTheDocument();
  });

  it('has no banner without an announcement', async () => {
    stubServer({ 'GET /api/v1/portals/1': () => jsonResponse(200, { ...operations, announcement: null }) });
    renderPortal();
    await screen.findByRole('heading', { level: 1, name: 'Operations' });
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows the API message when the portal cannot be loaded', async () => {
    stubServer({
      'GET /api/v1/portals/7': () =>
        jsonResponse(404, { error: { code: 'requests.noPortal', message: 'no portal 7', requestId: 'r-1' } }),
    });
    renderPortal('/portal/7');
    expect(await screen.findByRole('alert')).toHaveTextContent('no portal 7');
  });
});
