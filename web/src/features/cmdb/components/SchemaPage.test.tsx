import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '@/api/keys';
import type { User } from '@/api/types';
import { createTestQueryClient, jsonResponse, renderWithProviders, stubServer } from '@/testing/render';
import type { CmdbObjectList } from '../api/types';
import { patchSystem, practiceStandards, psDetail, reindex, services, standardChangesType } from '../testing/fixtures';
import { SchemaPage } from './SchemaPage';
import { SchemasPage } from './SchemasPage';

const page = (objects = [reindex, patchSystem], total = objects.length): CmdbObjectList => ({
  objects,
  total,
  start: 0,
  limit: 25,
});

const BAD_AQL = {
  code: 'aql.unknownAttribute',
  message: 'no attribute "Aplications Applicable" on Standard Changes',
  position: { offset: 0, line: 1, column: 1, length: 24 },
};

const alana: User = { id: 2, username: 'alana', displayName: 'Alana Grant', kind: 'agent' };
const admin: User = { id: 1, username: 'admin', displayName: 'Ada Admin', kind: 'admin' };

function renderSchema(url = '/cmdb/PS?type=5', user = alana) {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(queryKeys.session(), { user, csrfToken: 'c' });
  return renderWithProviders(<SchemaPage />, { url, path: '/cmdb/:schemaKey', queryClient });
}

describe('SchemasPage', () => {
  it('lists the schemas with their counts', async () => {
    stubServer({ 'GET /api/v1/cmdb/schemas': () => jsonResponse(200, { schemas: [practiceStandards, services] }) });
    renderWithProviders(<SchemasPage />, { url: '/cmdb' });

    const link = await screen.findByRole('link', { name: 'Practice Standards' });
    expect(link).toHaveAttribute('href', '/cmdb/PS');
    expect(screen.getByText('14 object types · 80 objects')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Services' })).toHaveAttribute('href', '/cmdb/SVC');
  });

  it('says so when there is no schema, and shows the API message on failure', async () => {
    stubServer({ 'GET /api/v1/cmdb/schemas': () => jsonResponse(200, { schemas: [] }) });
    renderWithProviders(<SchemasPage />, { url: '/cmdb' });
    expect(await screen.findByRole('heading', { name: 'No object schemas yet' })).toBeInTheDocument();
  });

  it('shows the API error', async () => {
    stubServer({
      'GET /api/v1/cmdb/schemas': () =>
        jsonResponse(403, { error: { code: 'cmdb.forbidden', message: 'Only agents and administrators see Assets' } }),
    });
    renderWithProviders(<SchemasPage />, { url: '/cmdb' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Only agents and administrators see Assets');
  });
});

describe('SchemaPage', () => {
  it("shows the type tree with counts and the chosen type's objects", async () => {
    const queries: string[] = [];
    stubServer({
      'GET /api/v1/cmdb/schemas/PS': () => jsonResponse(200, psDetail),
      'GET /api/v1/cmdb/objecttypes/5': () => jsonResponse(200, standardChangesType),
      'GET /api/v1/cmdb/objects': (request) => {
        const params = new URL(request.url).searchParams;
        queries.push(`${params.get('schema')}: ${params.get('aql')}`);
        return jsonResponse(200, page());
      },
    });
    renderSchema();

    const tree = await screen.findByRole('navigation', { name: 'Object types' });
    expect(within(tree).getByRole('button', { name: 'Standard Changes (6)' })).toHaveAttribute('aria-current', 'true');
    expect(within(tree).getByRole('button', { name: 'Priority Matrix (16)' })).toBeInTheDocument();
    // Abstract types show no count of their own.
    expect(within(tree).getByRole('button', { name: 'Standard Infrastructure Requests' })).toBeInTheDocument();

    const table = await screen.findByRole('table', { name: 'Objects' });
    expect(within(table).getByRole('link', { name: 'Reindex columnstore indexes' })).toHaveAttribute(
      'href',
      '/cmdb/objects/PS-31',
    );
    expect(within(table).getByRole('columnheader', { name: 'Applications Applicable' })).toBeInTheDocument();
    expect(within(table).getByRole('link', { name: 'Oracle CRM (SVC-2)' })).toBeInTheDocument();
    expect(within(table).getAllByText('Alana Grant')).toHaveLength(2);
    expect(screen.getByText('2 objects')).toBeInTheDocument();
    expect(queries).toEqual(['PS: objectType = "Standard Changes"']);
    expect(await screen.findByRole('textbox', { name: 'AQL query' })).toHaveTextContent('objectType = "Standard Changes"');
  });

  it('filters the tree by name and opens another type', async () => {
    stubServer({
      'GET /api/v1/cmdb/schemas/PS': () => jsonResponse(200, psDetail),
      'GET /api/v1/cmdb/objecttypes/5': () => jsonResponse(200, standardChangesType),
      'GET /api/v1/cmdb/objecttypes/9': () => jsonResponse(200, { ...standardChangesType, id: 9, name: 'Lead Time', attributes: [] }),
      'GET /api/v1/cmdb/objects': () => jsonResponse(200, page([])),
    });
    const { user, router } = renderSchema();

    await user.type(await screen.findByRole('searchbox', { name: 'Search object types' }), 'lead');
    const tree = screen.getByRole('navigation', { name: 'Object types' });
    expect(within(tree).queryByRole('button', { name: 'Standard Changes (6)' })).not.toBeInTheDocument();
    await user.click(within(tree).getByRole('button', { name: 'Lead Time (4)' }));
    await waitFor(() => expect(router.state.location.search).toBe('?type=9'));
    expect(await screen.findByRole('heading', { name: 'No Lead Time yet' })).toBeInTheDocument();
  });

  it('runs the AQL typed in the filter box and underlines an error at its position', async () => {
    const bad = '"Aplications Applicable" = "Oracle CRM"';
    stubServer({
      'GET /api/v1/cmdb/schemas/PS': () => jsonResponse(200, psDetail),
      'GET /api/v1/cmdb/objecttypes/5': () => jsonResponse(200, standardChangesType),
      'GET /api/v1/cmdb/objects': (request) =>
        new URL(request.url).searchParams.get('aql') === bad
          ? jsonResponse(400, { error: BAD_AQL })
          : jsonResponse(200, page([reindex])),
    });
    const { user, router, container } = renderSchema();

    const editor = await screen.findByRole('textbox', { name: 'AQL query' });
    await user.click(editor);
    await user.keyboard('{Control>}a{/Control}');
    await user.keyboard(bad.replace(/[{[]/g, '$&$&'));
    await user.keyboard('{Enter}');

    await waitFor(() => expect(new URLSearchParams(router.state.location.search).get('aql')).toBe(bad));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The query cannot run');
    expect(alert).toHaveTextContent('no attribute "Aplications Applicable" on Standard Changes');
    await waitFor(() => expect(container.querySelector('.cm-lintRange-error')?.textContent).toBe('"Aplications Applicable"'));
    expect(screen.getByRole('textbox', { name: 'AQL query' })).toHaveAttribute('aria-invalid', 'true');
  });

  it('pages through many objects', async () => {
    const starts: string[] = [];
    stubServer({
      'GET /api/v1/cmdb/schemas/PS': () => jsonResponse(200, psDetail),
      'GET /api/v1/cmdb/objecttypes/5': () => jsonResponse(200, standardChangesType),
      'GET /api/v1/cmdb/objects': (request) => {
        const start = new URL(request.url).searchParams.get('start') ?? '0';
        starts.push(start);
        return jsonResponse(200, { ...page([reindex], 60), start: Number(start) });
      },
    });
    const { user, router } = renderSchema();

    expect(await screen.findByText('1–1 of 60')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Page 2' }));
    await waitFor(() => expect(router.state.location.search).toBe('?type=5&start=25'));
    expect(await screen.findByText('26–26 of 60')).toBeInTheDocument();
    expect(starts).toEqual(['0', '25']);
  });

  it('shows the API message when the schema cannot be loaded', async () => {
    stubServer({
      'GET /api/v1/cmdb/schemas/XX': () => jsonResponse(404, { error: { code: 'cmdb.unknownSchema', message: 'no object schema "XX"' } }),
    });
    renderSchema('/cmdb/XX');
    expect(await screen.findByRole('alert')).toHaveTextContent('no object schema "XX"');
  });
  it('lets administrators import CSV: columns mapped to attributes, checked, then imported', async () => {
    const csv = 'name,Approved by,colour\nNew change,alana,blue\nPatch System,bogus,red\n';
    const sent: unknown[] = [];
    stubServer({
      'GET /api/v1/cmdb/schemas/PS': () => jsonResponse(200, psDetail),
      'GET /api/v1/cmdb/objecttypes/5': () => jsonResponse(200, standardChangesType),
      'GET /api/v1/cmdb/objects': () => jsonResponse(200, page()),
      'POST /api/v1/cmdb/import': async (request) => {
        const body = (await request.json()) as { dryRun: boolean };
        sent.push(body);
        return jsonResponse(200, {
          ok: body.dryRun,
          dryRun: body.dryRun,
          rows: 2,
          created: 1,
          updated: 1,
          unchanged: 0,
          errors: body.dryRun ? [] : [{ row: 2, column: 'approver', message: 'no active user "bogus"' }],
        });
      },
    });
    const { user } = renderSchema('/cmdb/PS?type=5', admin);

    await user.click(await screen.findByRole('button', { name: 'Import' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import Standard Changes' });
    await user.click(within(dialog).getByRole('textbox', { name: /CSV data/ }));
    await user.paste(csv);
    expect(within(dialog).getByRole('textbox', { name: 'Attribute for column name' })).toHaveValue('Name');
    expect(within(dialog).getByRole('textbox', { name: 'Attribute for column Approved by' })).toHaveValue('Approved by');
    expect(within(dialog).getByRole('textbox', { name: 'Attribute for column colour' })).toHaveValue('');

    await user.click(within(dialog).getByRole('button', { name: 'Check' }));
    expect(await within(dialog).findByRole('alert', { name: 'The data can be imported' })).toHaveTextContent(
      '1 to create, 1 to update, 0 unchanged',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    const alert = await within(dialog).findByRole('alert', { name: '1 error: nothing was imported' });
    expect(within(alert).getByRole('table', { name: 'Import errors' })).toHaveTextContent('no active user "bogus"');
    expect(sent[0]).toEqual({
      objectTypeId: 5,
      format: 'csv',
      data: csv,
      mapping: { name: 'Name', 'Approved by': 'Approved by' },
      dryRun: true,
    });
  });

  it('offers the import to administrators only', async () => {
    stubServer({
      'GET /api/v1/cmdb/schemas/PS': () => jsonResponse(200, psDetail),
      'GET /api/v1/cmdb/objecttypes/5': () => jsonResponse(200, standardChangesType),
      'GET /api/v1/cmdb/objects': () => jsonResponse(200, page()),
    });
    renderSchema();
    expect(await screen.findByRole('button', { name: 'Create object' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Import' })).not.toBeInTheDocument();
  });
});
