import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderWithProviders, stubServer } from '@/testing/render';
import type { CmdbConnectedIssue } from '../api/types';
import { paymentGraph, reindexDetail, standardChangesType } from '../testing/fixtures';
import { ObjectPage } from './ObjectPage';

// Cytoscape draws on a canvas, which jsdom lacks: the drawing is stood in for by its props.
vi.mock('./GraphCanvas', () => ({
  GraphCanvas: ({ graph, label }: { graph: { nodes: { key: string }[] }; label: string }) => (
    <div role="img" aria-label={label} data-nodes={graph.nodes.map((n) => n.key).join(' ')} />
  ),
}));

const issues: CmdbConnectedIssue[] = [
  {
    key: 'ITO-1966',
    summary: 'Pre-approved Standard Change Request',
    status: 'Completed',
    statusCategory: 'done',
    issueType: 'Change',
    field: 'Type of standard change',
  },
];

function server(extra: Record<string, (request: Request) => Response | Promise<Response>> = {}) {
  return stubServer({
    'GET /api/v1/cmdb/objects/PS-31': () => jsonResponse(200, reindexDetail),
    'GET /api/v1/cmdb/objecttypes/5': () => jsonResponse(200, standardChangesType),
    'GET /api/v1/cmdb/objects/PS-31/issues': () => jsonResponse(200, { issues }),
    'GET /api/v1/cmdb/objects/PS-31/attachments': () => jsonResponse(200, { attachments: [] }),
    ...extra,
  });
}

function renderObject(url = '/cmdb/objects/PS-31') {
  return renderWithProviders(<ObjectPage />, {
    url,
    path: '/cmdb/objects/:objectKey',
    routes: [{ path: '/cmdb/:schemaKey', element: <h1>schema browser</h1> }],
  });
}

describe('ObjectPage', () => {
  it('shows the attributes, the references both ways and the connected issues', async () => {
    server();
    renderObject();

    expect(await screen.findByRole('heading', { level: 1, name: 'Reindex columnstore indexes' })).toBeInTheDocument();
    const attributes = screen.getByRole('region', { name: 'Attributes' });
    await within(attributes).findByText('Implementation Plan');
    expect(within(attributes).getByText('Alana Grant')).toBeInTheDocument();
    expect(within(attributes).getByRole('link', { name: 'Oracle CRM (SVC-2)' })).toHaveAttribute('href', '/cmdb/objects/SVC-2');
    expect(within(attributes).getByText('Reorganize and rebuild the indexes.')).toBeInTheDocument();

    const inbound = screen.getByRole('region', { name: 'Inbound references' });
    expect(within(inbound).getByRole('link', { name: 'Rebuild indexes weekly' })).toHaveAttribute('href', '/cmdb/objects/PS-50');
    const outbound = screen.getByRole('region', { name: 'Outbound references' });
    expect(within(outbound).getByText('Applications Applicable (applies to)')).toBeInTheDocument();

    const connected = screen.getByRole('region', { name: 'Connected issues' });
    expect(await within(connected).findByRole('link', { name: 'ITO-1966' })).toHaveAttribute('href', '/projects/ITO/issues/ITO-1966');
    expect(within(connected).getByText('via Type of standard change')).toBeInTheDocument();
    const attachments = screen.getByRole('region', { name: 'Attachments' });
    expect(await within(attachments).findByText('There are no attachments')).toBeInTheDocument();
    expect(within(attachments).getByRole('button', { name: 'Attach files' })).toBeInTheDocument();
    // Breadcrumbs lead back to the type in its schema.
    expect(screen.getByRole('link', { name: 'Standard Changes' })).toHaveAttribute('href', '/cmdb/PS?type=5');
  });

  it('shows the history (attachments added and removed too) and the graph in their tabs', async () => {
    const depths: string[] = [];
    server({
      'GET /api/v1/cmdb/objects/PS-31/history': () =>
        jsonResponse(200, {
          history: [
            {
              id: 4,
              created: '2026-11-21T10:00:00.000Z',
              author: { username: 'alana', displayName: 'Alana Grant' },
              attribute: 'attachment',
              from: 'old-runbook.pdf',
              to: null,
            },
            {
              id: 3,
              created: '2026-11-21T09:00:00.000Z',
              author: { username: 'paul', displayName: 'Paul Ortiz' },
              attribute: 'attachment',
              from: null,
              to: 'runbook.pdf',
            },
            {
              id: 2,
              created: '2026-11-20T09:00:00.000Z',
              author: { username: 'alana', displayName: 'Alana Grant' },
              attribute: 'Risk',
              from: 'Medium',
              to: 'Low',
            },
            { id: 1, created: '2026-10-01T09:00:00.000Z', author: null, attribute: 'object', from: null, to: 'created' },
          ],
        }),
      'GET /api/v1/cmdb/objects/PS-31/graph': (request) => {
        depths.push(new URL(request.url).searchParams.get('depth') ?? '');
        return jsonResponse(200, paymentGraph);
      },
    });
    const { user, router } = renderObject();

    await user.click(await screen.findByRole('tab', { name: 'History' }));
    const history = await screen.findByRole('list', { name: 'History' });
    expect(history).toHaveTextContent('Alana Grant changed Risk');
    expect(history).toHaveTextContent('Medium → Low');
    expect(history).toHaveTextContent('Steward created the object');
    const entries = within(history).getAllByRole('listitem');
    expect(entries[0]).toHaveTextContent('Alana Grant removed the attachment old-runbook.pdf');
    expect(entries[1]).toHaveTextContent('Paul Ortiz attached runbook.pdf');
    expect(entries[1]).not.toHaveTextContent('→');

    await user.click(screen.getByRole('tab', { name: 'Graph' }));
    const drawing = await screen.findByRole('img', { name: /Reference graph of Reindex columnstore indexes: 3 objects/ });
    expect(drawing).toHaveAttribute('data-nodes', 'SVC-438 SVC-12 SVC-3');
    const listed = screen.getByRole('region', { name: 'Objects in the graph' });
    expect(within(listed).getByRole('link', { name: 'Billing Service' })).toHaveAttribute('href', '/cmdb/objects/SVC-12');
    expect(within(listed).getByText('2 references away')).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: '3' }));
    await waitFor(() => expect(depths).toEqual(['2', '3']));
    expect(router.state.location.search).toBe('?tab=graph&depth=3');
  });

  it('shows why a referenced object cannot be deleted and deletes it with its references on request', async () => {
    const calls: string[] = [];
    server({
      'DELETE /api/v1/cmdb/objects/PS-31': (request) => {
        const cascade = new URL(request.url).searchParams.get('cascade');
        calls.push(cascade ?? 'no cascade');
        return cascade === 'true'
          ? jsonResponse(204, null)
          : jsonResponse(409, {
              error: { code: 'cmdb.referenced', message: 'PS-31 is referenced by 1 object (PS-50)' },
            });
      },
    });
    const { user, router } = renderObject();

    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Reindex columnstore indexes?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('PS-31 is referenced by 1 object (PS-50)');

    await user.click(within(dialog).getByRole('checkbox', { name: /Also remove the references/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/cmdb/PS'));
    expect(router.state.location.search).toBe('?type=5');
    expect(calls).toEqual(['no cascade', 'true']);
  });

  it('edits an object: only the changed attributes are sent', async () => {
    let sent: unknown;
    server({
      'PATCH /api/v1/cmdb/objects/PS-31': async (request) => {
        sent = await request.json();
        return jsonResponse(200, { ...reindexDetail, attributes: { ...reindexDetail.attributes, Risk: 'High' } });
      },
    });
    const { user } = renderObject();

    await user.click(await screen.findByRole('button', { name: 'Edit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Reindex columnstore indexes (PS-31)' });
    expect(await within(dialog).findByRole('textbox', { name: /^Name/ })).toHaveValue('Reindex columnstore indexes');
    await user.click(within(dialog).getByRole('textbox', { name: 'Risk' }));
    await user.click(await screen.findByRole('option', { name: 'High' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(sent).toEqual({ attributes: { Risk: 'High' } }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  });

  it('shows the API message for an unknown object', async () => {
    stubServer({
      'GET /api/v1/cmdb/objects/PS-999': () =>
        jsonResponse(404, { error: { code: 'cmdb.unknownObject', message: 'no object PS-999' } }),
    });
    renderObject('/cmdb/objects/PS-999');
    expect(await screen.findByRole('alert')).toHaveTextContent('no object PS-999');
  });
});
