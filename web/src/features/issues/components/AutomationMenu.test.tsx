import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse, renderWithProviders, stubServer } from '@/testing/render';
import { AutomationMenu } from './AutomationMenu';

describe('AutomationMenu', () => {
  it('lists the manual rules of the issue and runs the one picked', async () => {
    const runs: string[] = [];
    stubServer({
      'GET /api/v1/issues/ITO-5/automation': () =>
        jsonResponse(200, {
          values: [
            { id: 3, name: 'Escalate to on-call', description: 'Pages the on-call engineer' },
            { id: 4, name: 'Close as duplicate', description: '' },
          ],
        }),
      'POST /api/v1/issues/ITO-5/automation/3': (request) => {
        runs.push(new URL(request.url).pathname);
        return jsonResponse(202, { eventId: 77, rule: 3, issue: 'ITO-5' });
      },
    });
    const { user } = renderWithProviders(<AutomationMenu issueKey="ITO-5" />);

    await user.click(await screen.findByRole('button', { name: 'Automation' }));
    expect(await screen.findByRole('menuitem', { name: /^Close as duplicate/ })).toBeInTheDocument();
    await user.click(screen.getByRole('menuitem', { name: /^Escalate to on-call/ }));
    await waitFor(() => expect(runs).toEqual(['/api/v1/issues/ITO-5/automation/3']));
  });

  it('is not there when the issue has no manual rules, or they cannot be listed', async () => {
    const fetch = stubServer({ 'GET /api/v1/issues/ITO-5/automation': () => jsonResponse(200, { values: [] }) });
    const { unmount } = renderWithProviders(<AutomationMenu issueKey="ITO-5" />);
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(screen.queryByRole('button', { name: 'Automation' })).not.toBeInTheDocument();
    unmount();

    stubServer({
      'GET /api/v1/issues/ITO-6/automation': () => jsonResponse(404, { error: { code: 'x', message: 'no issue' } }),
    });
    renderWithProviders(<AutomationMenu issueKey="ITO-6" />);
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('button', { name: 'Automation' })).not.toBeInTheDocument();
  });
});
