import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { queryKeys } from '@/api/keys';
import type { User } from '@/api/types';
import { createTestQueryClient, jsonResponse, renderWithProviders, stubServer } from '@/testing/render';
import { psDetail, standardChangesType } from '../testing/fixtures';
import { AttributeFormDialog } from './AttributeFormDialog';
import { ObjectTypeFormDialog } from './ObjectTypeFormDialog';
import { SchemaPage } from './SchemaPage';

const newType = { ...standardChangesType, id: 40, name: 'Load balancers', parentId: null, attributes: [] };

function renderTypeDialog(onClose = vi.fn()) {
  const result = renderWithProviders(
    <ObjectTypeFormDialog opened onClose={onClose} schemaKey="PS" types={psDetail.objectTypes} />,
  );
  return { ...result, onClose };
}

function renderAttributeDialog(onClose = vi.fn()) {
  const result = renderWithProviders(
    <AttributeFormDialog opened onClose={onClose} typeId={5} typeName="Standard Changes" types={psDetail.objectTypes} />,
  );
  return { ...result, onClose };
}

describe('ObjectTypeFormDialog', () => {
  it('requires a name, then sends the fields the server accepts', async () => {
    let sent: unknown;
    const fetch = stubServer({
      'POST /api/v1/cmdb/schemas/PS/objecttypes': async (request) => {
        sent = await request.json();
        return jsonResponse(201, newType);
      },
    });
    const { user, onClose } = renderTypeDialog();
    const dialog = await screen.findByRole('dialog', { name: 'New object type' });

    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(within(dialog).getByRole('textbox', { name: /^Name/ })).toHaveAccessibleDescription('Name is required');
    expect(fetch).not.toHaveBeenCalled();

    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), '  Load balancers ');
    await user.type(within(dialog).getByRole('textbox', { name: 'Description' }), 'Traffic spreaders');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Parent type' }), '2');
    await user.type(within(dialog).getByRole('textbox', { name: /^Icon/ }), 'server');
    await user.click(within(dialog).getByRole('checkbox', { name: /Allow children to inherit/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent).toEqual({
      name: 'Load balancers',
      description: 'Traffic spreaders',
      parentId: 2,
      icon: 'server',
      abstract: false,
      inheritAttributes: true,
    });
  });

  it('leaves out parent and icon when not given', async () => {
    let sent: unknown;
    stubServer({
      'POST /api/v1/cmdb/schemas/PS/objecttypes': async (request) => {
        sent = await request.json();
        return jsonResponse(201, newType);
      },
    });
    const { user, onClose } = renderTypeDialog();
    const dialog = await screen.findByRole('dialog', { name: 'New object type' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Racks');
    await user.click(within(dialog).getByRole('checkbox', { name: /Abstract/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent).toEqual({ name: 'Racks', description: '', abstract: true, inheritAttributes: false });
  });

  it("shows the server's error beside the field it names, else at the top, and stays open", async () => {
    let answer = jsonResponse(409, {
      error: { code: 'cmdb.objectTypeExists', message: 'Practice Standards already has an object type "Racks"', field: 'name' },
    });
    stubServer({ 'POST /api/v1/cmdb/schemas/PS/objecttypes': () => answer });
    const { user, onClose } = renderTypeDialog();
    const dialog = await screen.findByRole('dialog', { name: 'New object type' });
    const name = within(dialog).getByRole('textbox', { name: /^Name/ });
    await user.type(name, 'Racks');
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(name).toHaveAccessibleDescription('Practice Standards already has an object type "Racks"'));
    expect(within(dialog).queryByRole('alert')).toBeNull();

    answer = jsonResponse(403, { error: { code: 'forbidden', message: 'Only administrators change schemas' } });
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Only administrators change schemas');
    expect(screen.getByRole('dialog', { name: 'New object type' })).toBeInTheDocument();
    expect(onClose).not.toHaveBeenCalled();
  });
});

describe('AttributeFormDialog', () => {
  it('asks for the options of a select attribute and sends them one a line', async () => {
    let sent: unknown;
    const fetch = stubServer({
      'POST /api/v1/cmdb/objecttypes/5/attributes': async (request) => {
        sent = await request.json();
        return jsonResponse(201, { ...standardChangesType.attributes[5], id: 9, name: 'Region' });
      },
    });
    const { user, onClose } = renderAttributeDialog();
    const dialog = await screen.findByRole('dialog', { name: 'Add attribute to Standard Changes' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Region');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Type' }), 'select');
    await user.click(within(dialog).getByRole('button', { name: 'Add attribute' }));
    expect(within(dialog).getByRole('textbox', { name: /^Options/ })).toHaveAccessibleDescription(
      expect.stringContaining('A select attribute needs at least one option'),
    );
    expect(fetch).not.toHaveBeenCalled();

    await user.type(within(dialog).getByRole('textbox', { name: /^Options/ }), 'EMEA{Enter}{Enter} Americas {Enter}');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Required' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add attribute' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent).toEqual({ name: 'Region', type: 'select', required: true, unique: false, options: ['EMEA', 'Americas'] });
  });

  it('sends a reference with its target, kind and "multiple values" as maxCardinality -1', async () => {
    let sent: unknown;
    stubServer({
      'POST /api/v1/cmdb/objecttypes/5/attributes': async (request) => {
        sent = await request.json();
        return jsonResponse(201, { ...standardChangesType.attributes[2], id: 10, name: 'Depends on' });
      },
    });
    const { user, onClose } = renderAttributeDialog();
    const dialog = await screen.findByRole('dialog', { name: 'Add attribute to Standard Changes' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Depends on');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Type' }), 'reference');
    await user.click(within(dialog).getByRole('button', { name: 'Add attribute' }));
    expect(within(dialog).getByRole('combobox', { name: /^Target object type/ })).toHaveAccessibleDescription(
      'Choose the object type it references',
    );
    await user.selectOptions(within(dialog).getByRole('combobox', { name: /^Target object type/ }), '4');
    await user.type(within(dialog).getByRole('textbox', { name: /^Reference kind/ }), 'depends on');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Multiple values' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add attribute' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent).toEqual({
      name: 'Depends on',
      type: 'reference',
      required: false,
      unique: false,
      referenceObjectTypeId: 4,
      referenceKind: 'depends on',
      maxCardinality: -1,
    });
  });

  it("shows the server's error beside the field it names and stays open", async () => {
    stubServer({
      'POST /api/v1/cmdb/objecttypes/5/attributes': () =>
        jsonResponse(409, {
          error: { code: 'cmdb.attributeExists', message: '"Standard Changes" already has an attribute "Risk"', field: 'name' },
        }),
    });
    const { user, onClose } = renderAttributeDialog();
    const dialog = await screen.findByRole('dialog', { name: 'Add attribute to Standard Changes' });
    const name = within(dialog).getByRole('textbox', { name: /^Name/ });
    await user.type(name, 'Risk');
    await user.click(within(dialog).getByRole('button', { name: 'Add attribute' }));
    await waitFor(() => expect(name).toHaveAccessibleDescription('"Standard Changes" already has an attribute "Risk"'));
    expect(onClose).not.toHaveBeenCalled();
  });
});

describe('SchemaPage administration', () => {
  const alana: User = { id: 2, username: 'alana', displayName: 'Alana Grant', kind: 'agent' };
  const admin: User = { id: 1, username: 'admin', displayName: 'Ada Admin', kind: 'admin' };

  function renderAs(user: User) {
    stubServer({
      'GET /api/v1/cmdb/schemas/PS': () => jsonResponse(200, psDetail),
      'GET /api/v1/cmdb/objecttypes/5': () => jsonResponse(200, standardChangesType),
      'GET /api/v1/cmdb/objects': () => jsonResponse(200, { objects: [], total: 0, start: 0, limit: 25 }),
    });
    const queryClient = createTestQueryClient();
    queryClient.setQueryData(queryKeys.session(), { user, csrfToken: 'c' });
    return renderWithProviders(<SchemaPage />, { url: '/cmdb/PS?type=5', path: '/cmdb/:schemaKey', queryClient });
  }

  it('offers administrators "New object type" and the attributes with "Add attribute"', async () => {
    renderAs(admin);
    expect(await screen.findByRole('button', { name: 'New object type' })).toBeInTheDocument();
    const attrs = await screen.findByRole('region', { name: 'Attributes of Standard Changes' });
    expect(within(attrs).getByText(/Risk · select/)).toBeInTheDocument();
    expect(within(attrs).getByRole('button', { name: 'Add attribute' })).toBeInTheDocument();
  });

  it('shows agents neither', async () => {
    renderAs(alana);
    await screen.findByRole('navigation', { name: 'Object types' });
    await screen.findByRole('heading', { name: 'No Standard Changes yet' });
    expect(screen.queryByRole('button', { name: 'New object type' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add attribute' })).toBeNull();
  });
});
