import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { User } from '@/api/types';
import { createTestQueryClient, jsonResponse, renderWithProviders } from '@/testing/render';
import { admin, alana, signIn, stubChangesServer, yearEnd } from '../testing/fixtures';
import { ChangeCalendarPage } from './ChangeCalendarPage';

function renderCalendar(url = '/projects/ITO/change-calendar?date=2026-11-26', user: User = alana) {
  const queryClient = createTestQueryClient();
  signIn(queryClient, user);
  return renderWithProviders(<ChangeCalendarPage />, { url, path: '/projects/:projectKey/change-calendar', queryClient });
}

/** The calendar requests, as their query parameters. */
function calendarRequests(fetch: ReturnType<typeof stubChangesServer>) {
  return fetch.mock.calls
    .map(([request]) => new URL((request as Request).url))
    .filter((url) => url.pathname === '/api/v1/changes/calendar')
    .map((url) => Object.fromEntries(url.searchParams));
}

describe('ChangeCalendarPage', () => {
  it('shows the month with its changes, conflicts and freeze bands, and the changes as a table', async () => {
    const fetch = stubChangesServer();
    renderCalendar();

    expect(await screen.findByRole('heading', { level: 2, name: /November 2026/ })).toBeInTheDocument();
    // The whole weeks of November: Monday 26 October to Sunday 6 December.
    await waitFor(() =>
      expect(calendarRequests(fetch)[0]).toEqual({
        from: new Date(2026, 9, 26).toISOString(),
        to: new Date(2026, 11, 7).toISOString(),
      }),
    );

    const calendar = screen.getByRole('region', { name: /Change calendar: November 2026/ });
    const day = await within(calendar).findByRole('group', { name: /November 26|26 November/ });
    const chips = within(day).getAllByRole('link');
    expect(chips.map((c) => c.getAttribute('href'))).toEqual(['/projects/ITO/issues/ITO-2101', '/projects/ITO/issues/ITO-2102']);
    expect(chips[0]).toHaveAttribute('data-conflict', 'true');
    expect(chips[0]).toHaveAccessibleName(/ITO-2101 Upgrade payments gateway .*High risk.*Conflicts with ITO-2102/);

    const bands = within(calendar).getAllByRole('note', { name: /Freeze window: Thanksgiving freeze/ });
    expect(bands[0]).toHaveAccessibleName('Freeze window: Thanksgiving freeze · blocks changes · all services');

    const table = screen.getByRole('table', { name: 'Changes in this period' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('ITO-2101');
    expect(rows[0]).toHaveTextContent(/Conflicts with\s*ITO-2102/);
    expect(rows[0]).toHaveAttribute('data-conflict', 'true');
    expect(rows[2]).toHaveTextContent('In a freeze window');
    expect(screen.getByText('3 changes, 2 in conflict')).toBeInTheDocument();

    // Agents see the freeze windows but cannot add or delete them.
    expect(await screen.findByRole('table', { name: 'Freeze windows' })).toHaveTextContent('Thanksgiving freeze');
    expect(screen.queryByRole('button', { name: 'Add freeze window' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Delete Thanksgiving freeze/ })).not.toBeInTheDocument();
  });

  it('filters by change type, service and status through the URL', async () => {
    const fetch = stubChangesServer();
    const { user, router } = renderCalendar();
    await screen.findByRole('table', { name: 'Changes in this period' });

    await user.click(screen.getByRole('textbox', { name: 'Change type' }));
    await user.click(await screen.findByRole('option', { name: 'Normal' }));
    await user.click(screen.getByRole('textbox', { name: 'Service' }));
    await user.click(await screen.findByRole('option', { name: 'Payment Processing' }));
    await user.click(screen.getByRole('textbox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'Awaiting approval' }));

    await waitFor(() =>
      expect(calendarRequests(fetch).at(-1)).toMatchObject({
        changeType: 'Normal',
        service: 'SVC-438',
        status: 'Awaiting approval',
      }),
    );
    const search = new URLSearchParams(router.state.location.search);
    expect([search.get('changeType'), search.get('service'), search.get('status')]).toEqual([
      'Normal',
      'SVC-438',
      'Awaiting approval',
    ]);
  });

  it('switches to the week and day views and moves between periods', async () => {
    const fetch = stubChangesServer();
    const { user, router } = renderCalendar();
    await screen.findByRole('table', { name: 'Changes in this period' });

    await user.click(screen.getByRole('radio', { name: 'Week' }));
    await waitFor(() =>
      expect(calendarRequests(fetch).at(-1)).toEqual({
        from: new Date(2026, 10, 23).toISOString(),
        to: new Date(2026, 10, 30).toISOString(),
      }),
    );
    expect(new URLSearchParams(router.state.location.search).get('view')).toBe('week');
    const thursday = await screen.findByRole('group', { name: /Thursday, November 26|Thursday 26 November/ });
    const blocks = within(thursday).getAllByRole('link');
    expect(blocks).toHaveLength(2);
    expect(blocks[0]).toHaveTextContent('Conflicts with ITO-2102');
    // Overlapping changes share the column.
    expect(blocks[0]!.style.width).toBe('calc(50% - 4px)');

    await user.click(screen.getByRole('button', { name: 'Next week' }));
    await waitFor(() => expect(calendarRequests(fetch).at(-1)?.from).toBe(new Date(2026, 10, 30).toISOString()));

    // The day view shows the day the week view moved to (Thursday 3 December).
    await user.click(screen.getByRole('radio', { name: 'Day' }));
    await waitFor(() =>
      expect(calendarRequests(fetch).at(-1)).toEqual({
        from: new Date(2026, 11, 3).toISOString(),
        to: new Date(2026, 11, 4).toISOString(),
      }),
    );
  });

  it('lets an administrator add a freeze window, with the server error at its field', async () => {
    const bodies: unknown[] = [];
    stubChangesServer({
      'POST /api/v1/changes/freeze-windows': async (request) => {
        const body = (await request.json()) as { name: string };
        bodies.push(body);
        if (bodies.length === 1) {
          return jsonResponse(400, {
            error: { code: 'changes.badService', message: 'no service "Nope"', field: 'services' },
          });
        }
        return jsonResponse(201, { ...yearEnd, id: 8, name: body.name });
      },
    });
    const { user } = renderCalendar('/projects/ITO/change-calendar?date=2026-12-24', admin);

    await user.click(await screen.findByRole('button', { name: 'Add freeze window' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add freeze window' });
    // Nothing is sent without a name.
    await user.click(within(dialog).getByRole('button', { name: 'Add freeze window' }));
    expect(within(dialog).getByText('Give the freeze window a name')).toBeInTheDocument();

    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Christmas freeze');
    await user.click(within(dialog).getByRole('radio', { name: /Flag/ }));
    await user.click(within(dialog).getByRole('textbox', { name: 'Services' }));
    await user.click(await screen.findByRole('option', { name: 'VPN' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add freeze window' }));

    expect(await within(dialog).findByText('no service "Nope"')).toBeInTheDocument();
    expect(bodies[0]).toEqual({
      name: 'Christmas freeze',
      start: new Date(2026, 11, 24, 0, 0).toISOString(),
      end: new Date(2026, 11, 24, 23, 59).toISOString(),
      mode: 'flag',
      services: ['SVC-446'],
    });

    await user.click(within(dialog).getByRole('button', { name: 'Add freeze window' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Add freeze window' })).not.toBeInTheDocument());
    expect(bodies).toHaveLength(2);
  });

  it('lets an administrator delete a freeze window after confirming', async () => {
    const deleted: string[] = [];
    stubChangesServer({
      'DELETE /api/v1/changes/freeze-windows/7': (request) => {
        deleted.push(new URL(request.url).pathname);
        return jsonResponse(204, null);
      },
    });
    const { user } = renderCalendar(undefined, admin);

    await user.click(await screen.findByRole('button', { name: 'Delete Thanksgiving freeze' }));
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(deleted).toEqual(['/api/v1/changes/freeze-windows/7']));
  });
});
