import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse, renderWithProviders, stubServer } from '@/testing/render';
import type { CmdbObject } from '../api/types';
import { reindex, standardChangesType } from '../testing/fixtures';
import { ObjectFormDialog } from './ObjectFormDialog';

const oracle: CmdbObject = {
  ...reindex,
  id: 2,
  key: 'SVC-2',
  label: 'Oracle CRM',
  objectType: { id: 12, name: 'Applications' },
  schema: { id: 2, key: 'SVC', name: 'Services' },
  attributes: { Name: 'Oracle CRM' },
};

function renderCreate() {
  return renderWithProviders(<ObjectFormDialog opened onClose={() => {}} mode={{ kind: 'create', typeId: 5 }} />, {
    routes: [{ path: '/cmdb/objects/:objectKey', element: <h1>object page</h1> }],
  });
}

describe('ObjectFormDialog', () => {
  it("builds the form from the type's attributes and creates the object", async () => {
    const searches: string[] = [];
    let sent: unknown;
    stubServer({
      'GET /api/v1/cmdb/objecttypes/5': () => jsonResponse(200, standardChangesType),
      'GET /api/v1/cmdb/objects': (request) => {
        const aql = new URL(request.url).searchParams.get('aql') ?? '';
        searches.push(aql);
        return jsonResponse(200, { objects: aql.includes('LIKE') ? [oracle] : [], total: 1, start: 0, limit: 20 });
      },
      'GET /api/v1/users': () =>
        jsonResponse(200, { values: [{ id: 2, username: 'alana', displayName: 'Alana Grant', kind: 'agent' }] }),
      'POST /api/v1/cmdb/objects': async (request) => {
        sent = await request.json();
        return jsonResponse(201, { ...reindex, key: 'PS-77', label: 'Restart app pool' });
      },
    });
    const { user, router } = renderCreate();

    const dialog = await screen.findByRole('dialog', { name: 'Create Standard Changes' });
    await within(dialog).findByRole('textbox', { name: /^Name/ });
    // Required attributes are checked before anything is sent.
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(within(dialog).getByRole('textbox', { name: /^Name/ })).toHaveAccessibleDescription('Name is required');

    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Restart app pool');
    await user.type(within(dialog).getByRole('textbox', { name: 'Applications Applicable' }), 'ora');
    await user.click(await screen.findByRole('option', { name: /Oracle CRM/ }));
    await user.click(within(dialog).getByRole('textbox', { name: 'Approved by' }));
    await user.click(await screen.findByRole('option', { name: /Alana Grant/ }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Implementation Plan' }), 'Recycle it.');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/cmdb/objects/PS-77'));
    expect(sent).toEqual({
      objectTypeId: 5,
      attributes: {
        Name: 'Restart app pool',
        'Approved by': 'alana',
        'Applications Applicable': ['SVC-2'],
        'Implementation Plan': 'Recycle it.',
      },
    });
    expect(searches).toContain('objectType = "Applications" AND label LIKE "ora"');
  });

  it("shows a server error under the attribute it names", async () => {
    stubServer({
      'GET /api/v1/cmdb/objecttypes/5': () => jsonResponse(200, standardChangesType),
      'POST /api/v1/cmdb/objects': () =>
        jsonResponse(409, {
          error: { code: 'cmdb.notUnique', message: 'another object is named "Patch System"', field: 'attributes.Name' },
        }),
    });
    const { user } = renderCreate();

    const name = await screen.findByRole('textbox', { name: /^Name/ });
    await user.type(name, 'Patch System');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(name).toHaveAccessibleDescription('another object is named "Patch System"'));
  });
});
