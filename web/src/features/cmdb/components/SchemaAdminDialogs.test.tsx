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

describe('ObjectTypeFormDialog in edit mode', () => {
  it('is prefilled, keeps the parent fixed and PUTs the fields the server accepts', async () => {
    let sent: unknown;
    const fetch = stubServer({
      'PUT /api/v1/cmdb/objecttypes/5': async (request) => {
        sent = await request.json();
        return jsonResponse(200, { ...standardChangesType, name: 'Standard changes (CAB)' });
      },
    });
    const onClose = vi.fn();
    const { user } = renderWithProviders(
      <ObjectTypeFormDialog opened onClose={onClose} schemaKey="PS" types={psDetail.objectTypes} type={standardChangesType} />,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Edit Standard Changes' });
    const name = within(dialog).getByRole('textbox', { name: /^Name/ });
    expect(name).toHaveValue('Standard Changes');
    expect(within(dialog).getByRole('textbox', { name: 'Description' })).toHaveValue('Pre-approved changes');
    expect(within(dialog).getByRole('combobox', { name: /^Parent type/ })).toHaveValue('2');
    expect(within(dialog).getByRole('combobox', { name: /^Parent type/ })).toBeDisabled();
    expect(within(dialog).getByRole('checkbox', { name: /Allow children to inherit/ })).toBeChecked();

    await user.clear(name);
    await user.type(name, 'Standard changes (CAB)');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(sent).toEqual({
      name: 'Standard changes (CAB)',
      description: 'Pre-approved changes',
      icon: '',
      abstract: false,
      inheritAttributes: true,
    });
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
    expect(sent).toEqual({
      name: 'Region',
      type: 'select',
      required: true,
      unique: false,
      options: ['EMEA', 'Americas'],
      minCardinality: 1,
    });
  });

  it('sends a reference with its target, kind and an empty maximum as maxCardinality -1', async () => {
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
    await user.clear(within(dialog).getByRole('textbox', { name: /^Maximum values/ }));
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

describe('AttributeFormDialog in edit mode', () => {
  it('is prefilled, keeps the type fixed and PUTs the changed attribute without its type', async () => {
    let sent: unknown;
    stubServer({
      'PUT /api/v1/cmdb/attributes/6': async (request) => {
        sent = await request.json();
        return jsonResponse(200, { ...standardChangesType.attributes[5], name: 'Risk level' });
      },
    });
    const onClose = vi.fn();
    const { user } = renderWithProviders(
      <AttributeFormDialog
        opened
        onClose={onClose}
        typeId={5}
        typeName="Standard Changes"
        types={psDetail.objectTypes}
        attribute={standardChangesType.attributes[5]}
      />,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Edit attribute Risk' });
    const name = within(dialog).getByRole('textbox', { name: /^Name/ });
    expect(name).toHaveValue('Risk');
    expect(within(dialog).getByRole('combobox', { name: /^Type/ })).toHaveValue('select');
    expect(within(dialog).getByRole('combobox', { name: /^Type/ })).toBeDisabled();
    expect(within(dialog).getByRole('textbox', { name: /^Options/ })).toHaveValue('Low\nMedium\nHigh');

    await user.clear(name);
    await user.type(name, 'Risk level');
    await user.type(within(dialog).getByRole('textbox', { name: /^Options/ }), '{Enter}Critical');
    await user.click(within(dialog).getByRole('checkbox', { name: 'Required' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent).toEqual({
      name: 'Risk level',
      description: '',
      required: true,
      unique: false,
      options: ['Low', 'Medium', 'High', 'Critical'],
      minCardinality: 1,
    });
  });
});

describe('AttributeFormDialog: cardinality', () => {
  it('sends an exact cardinality and keeps "Required" in step with the minimum', async () => {
    let sent: unknown;
    const fetch = stubServer({
      'POST /api/v1/cmdb/objecttypes/5/attributes': async (request) => {
        sent = await request.json();
        return jsonResponse(201, { ...standardChangesType.attributes[1], id: 11, name: 'Aliases', type: 'text' });
      },
    });
    const { user, onClose } = renderAttributeDialog();
    const dialog = await screen.findByRole('dialog', { name: 'Add attribute to Standard Changes' });
    const min = within(dialog).getByRole('textbox', { name: /^Minimum values/ });
    const max = within(dialog).getByRole('textbox', { name: /^Maximum values/ });
    const required = within(dialog).getByRole('checkbox', { name: 'Required' });
    expect(min).toHaveValue('0');
    expect(max).toHaveValue('1');
    expect(required).not.toBeChecked();

    // Required means at least one value, and a minimum of one or more means required.
    await user.click(required);
    expect(min).toHaveValue('1');
    await user.click(required);
    expect(min).toHaveValue('0');
    await user.clear(min);
    await user.type(min, '3');
    expect(required).toBeChecked();
    await user.clear(min);
    await user.type(min, '0');
    expect(required).not.toBeChecked();

    // Checked before sending: the maximum is at least the minimum.
    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Aliases');
    await user.clear(min);
    await user.type(min, '3');
    await user.clear(max);
    await user.type(max, '2');
    await user.click(within(dialog).getByRole('button', { name: 'Add attribute' }));
    expect(max).toHaveAccessibleDescription(expect.stringContaining('At least the minimum (3)'));
    expect(fetch).not.toHaveBeenCalled();

    await user.clear(min);
    await user.type(min, '1');
    await user.click(within(dialog).getByRole('button', { name: 'Add attribute' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent).toEqual({ name: 'Aliases', type: 'text', required: true, unique: false, minCardinality: 1, maxCardinality: 2 });
  });

  it('takes -1 or an empty maximum as any number', async () => {
    const bodies: unknown[] = [];
    stubServer({
      'POST /api/v1/cmdb/objecttypes/5/attributes': async (request) => {
        bodies.push(await request.json());
        return jsonResponse(201, { ...standardChangesType.attributes[1], id: 11, name: 'Tags', type: 'text' });
      },
    });
    const { user, onClose } = renderAttributeDialog();
    const dialog = await screen.findByRole('dialog', { name: 'Add attribute to Standard Changes' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Tags');
    const max = within(dialog).getByRole('textbox', { name: /^Maximum values/ });
    await user.clear(max);
    await user.type(max, '-1');
    await user.click(within(dialog).getByRole('button', { name: 'Add attribute' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(bodies).toEqual([{ name: 'Tags', type: 'text', required: false, unique: false, maxCardinality: -1 }]);
  });

  it("shows the server's cardinality refusal at the maximum", async () => {
    stubServer({
      'POST /api/v1/cmdb/objecttypes/5/attributes': () =>
        jsonResponse(400, {
          error: {
            code: 'cmdb.badAttribute',
            message: 'cardinality: 0 ≤ minCardinality ≤ maxCardinality ≤ 1000, maxCardinality -1 for unlimited',
            field: 'maxCardinality',
          },
        }),
    });
    const { user, onClose } = renderAttributeDialog();
    const dialog = await screen.findByRole('dialog', { name: 'Add attribute to Standard Changes' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Aliases');
    await user.click(within(dialog).getByRole('button', { name: 'Add attribute' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('textbox', { name: /^Maximum values/ })).toHaveAccessibleDescription(
        expect.stringContaining('cardinality: 0 ≤ minCardinality'),
      ),
    );
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('offers no cardinality for yes/no attributes', async () => {
    const { user } = renderAttributeDialog();
    const dialog = await screen.findByRole('dialog', { name: 'Add attribute to Standard Changes' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Type' }), 'boolean');
    expect(within(dialog).queryByRole('textbox', { name: /^Minimum values/ })).toBeNull();
    expect(within(dialog).queryByRole('textbox', { name: /^Maximum values/ })).toBeNull();
  });

  it('sends only the cardinality that changed when editing', async () => {
    let sent: unknown;
    stubServer({
      'PUT /api/v1/cmdb/attributes/3': async (request) => {
        sent = await request.json();
        return jsonResponse(200, standardChangesType.attributes[2]);
      },
    });
    const onClose = vi.fn();
    const { user } = renderWithProviders(
      <AttributeFormDialog
        opened
        onClose={onClose}
        typeId={5}
        typeName="Standard Changes"
        types={psDetail.objectTypes}
        attributes={standardChangesType.attributes}
        attribute={standardChangesType.attributes[2]}
      />,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Edit attribute Applications Applicable' });
    const max = within(dialog).getByRole('textbox', { name: /^Maximum values/ });
    expect(within(dialog).getByRole('textbox', { name: /^Minimum values/ })).toHaveValue('0');
    expect(max).toHaveValue('');
    await user.type(max, '5');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent).toEqual({
      name: 'Applications Applicable',
      description: '',
      required: false,
      unique: false,
      referenceObjectTypeId: 12,
      referenceKind: 'applies to',
      maxCardinality: 5,
    });
  });
});

describe('AttributeFormDialog: the label', () => {
  const attrs = standardChangesType.attributes;
  const attr = (name: string) => {
    const found = attrs.find((a) => a.name === name);
    if (!found) throw new Error(name);
    return found;
  };
  function renderWith(attribute?: (typeof attrs)[number], attributes: readonly (typeof attrs)[number][] = attrs) {
    const onClose = vi.fn();
    const result = renderWithProviders(
      <AttributeFormDialog
        opened
        onClose={onClose}
        typeId={5}
        typeName="Standard Changes"
        types={psDetail.objectTypes}
        attributes={attributes}
        attribute={attribute}
      />,
    );
    return { ...result, onClose };
  }

  it('makes a new attribute the label instead of the current one, and required', async () => {
    let sent: unknown;
    stubServer({
      'POST /api/v1/cmdb/objecttypes/5/attributes': async (request) => {
        sent = await request.json();
        return jsonResponse(201, { ...attr('Name'), id: 12, name: 'Title', label: true });
      },
    });
    const { user, onClose } = renderWith();
    const dialog = await screen.findByRole('dialog', { name: 'Add attribute to Standard Changes' });
    await user.type(within(dialog).getByRole('textbox', { name: /^Name/ }), 'Title');
    const label = within(dialog).getByRole('checkbox', { name: 'Label' });
    expect(label).toBeEnabled();
    expect(label).toHaveAccessibleDescription("Its value is the object's label");
    await user.click(label);
    expect(label).toHaveAccessibleDescription("Its value becomes the object's label, instead of Name");
    const required = within(dialog).getByRole('checkbox', { name: 'Required' });
    expect(required).toBeChecked();
    expect(required).toBeDisabled();
    expect(required).toHaveAccessibleDescription('The label always needs a value');
    expect(within(dialog).getByRole('textbox', { name: /^Minimum values/ })).toHaveValue('1');
    await user.click(within(dialog).getByRole('button', { name: 'Add attribute' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(sent).toEqual({ name: 'Title', type: 'text', required: true, unique: false, label: true, minCardinality: 1 });
  });

  it('offers the label only to attributes that hold text', async () => {
    const { user } = renderWith();
    const dialog = await screen.findByRole('dialog', { name: 'Add attribute to Standard Changes' });
    const label = within(dialog).getByRole('checkbox', { name: 'Label' });
    await user.click(label);
    expect(label).toBeChecked();
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Type' }), 'integer');
    expect(label).not.toBeChecked();
    expect(label).toBeDisabled();
    expect(label).toHaveAccessibleDescription(expect.stringContaining('Only a text, long text, URL, e-mail, select or status'));
    for (const type of ['textarea', 'url', 'email', 'select', 'status']) {
      await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Type' }), type);
      expect(label).toBeEnabled();
    }
    for (const type of ['reference', 'user', 'team', 'date', 'boolean']) {
      await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Type' }), type);
      expect(label).toBeDisabled();
    }
  });

  it("keeps the current label ticked (another attribute takes it over) and shows the server's refusal at the label", async () => {
    let sent: unknown;
    stubServer({
      'PUT /api/v1/cmdb/attributes/5': async (request) => {
        sent = await request.json();
        return jsonResponse(400, { error: { code: 'cmdb.badAttribute', message: 'the label attribute must hold text', field: 'label' } });
      },
    });
    const { user, unmount } = renderWith(attr('Name'));
    const current = await screen.findByRole('dialog', { name: 'Edit attribute Name' });
    const locked = within(current).getByRole('checkbox', { name: 'Label' });
    expect(locked).toBeChecked();
    expect(locked).toBeDisabled();
    expect(locked).toHaveAccessibleDescription(expect.stringContaining('make another attribute the label'));
    unmount();

    const { onClose } = renderWith(attr('Backout Plan'));
    const dialog = await screen.findByRole('dialog', { name: 'Edit attribute Backout Plan' });
    await user.click(within(dialog).getByRole('checkbox', { name: 'Label' }));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(within(dialog).getByRole('checkbox', { name: 'Label' })).toHaveAccessibleDescription(
        expect.stringContaining('the label attribute must hold text'),
      ),
    );
    expect(sent).toEqual({ name: 'Backout Plan', description: '', required: true, unique: false, label: true, minCardinality: 1 });
    expect(onClose).not.toHaveBeenCalled();
  });

  it('leaves an inherited label to the type that declares it', async () => {
    const inheritedName = { ...attr('Name'), id: 30, objectTypeId: 2, inheritedFrom: 'Standard Infrastructure Requests' };
    renderWith(undefined, [inheritedName, ...attrs.slice(1)]);
    const dialog = await screen.findByRole('dialog', { name: 'Add attribute to Standard Changes' });
    const label = within(dialog).getByRole('checkbox', { name: 'Label' });
    expect(label).toBeDisabled();
    expect(label).toHaveAccessibleDescription(
      'The label, Name, is inherited from Standard Infrastructure Requests: change it there',
    );
  });
});

describe('SchemaPage administration', () => {
  const alana: User = { id: 2, username: 'alana', displayName: 'Alana Grant', kind: 'agent' };
  const admin: User = { id: 1, username: 'admin', displayName: 'Ada Admin', kind: 'admin' };

  const inherited = { ...standardChangesType.attributes[1], id: 20, name: 'Owner', objectTypeId: 2, inheritedFrom: 'Standard Infrastructure Requests' };
  const withInherited = { ...standardChangesType, attributes: [inherited, ...standardChangesType.attributes] };

  function renderAs(user: User, routes: Parameters<typeof stubServer>[0] = {}) {
    const fetch = stubServer({
      'GET /api/v1/cmdb/schemas/PS': () => jsonResponse(200, psDetail),
      'GET /api/v1/cmdb/objecttypes/5': () => jsonResponse(200, withInherited),
      'GET /api/v1/cmdb/objects': () => jsonResponse(200, { objects: [], total: 0, start: 0, limit: 25 }),
      ...routes,
    });
    const queryClient = createTestQueryClient();
    queryClient.setQueryData(queryKeys.session(), { user, csrfToken: 'c' });
    return { ...renderWithProviders(<SchemaPage />, { url: '/cmdb/PS?type=5', path: '/cmdb/:schemaKey', queryClient }), fetch };
  }

  it('offers administrators "New object type" and the attributes with "Add attribute"', async () => {
    renderAs(admin);
    expect(await screen.findByRole('button', { name: 'New object type' })).toBeInTheDocument();
    const attrs = await screen.findByRole('region', { name: 'Attributes of Standard Changes' });
    expect(within(attrs).getByText(/Risk · select/)).toBeInTheDocument();
    expect(within(attrs).getByRole('button', { name: 'Add attribute' })).toBeInTheDocument();
  });

  it('shows agents none of the schema controls', async () => {
    renderAs(alana);
    await screen.findByRole('navigation', { name: 'Object types' });
    await screen.findByRole('heading', { name: 'No Standard Changes yet' });
    expect(screen.queryByRole('button', { name: 'New object type' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Add attribute' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^(Edit|Delete) object type/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^(Edit|Delete) attribute/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Move attribute/ })).toBeNull();
  });

  it('offers edit and delete for own attributes only, not inherited ones', async () => {
    renderAs(admin);
    const attrs = await screen.findByRole('region', { name: 'Attributes of Standard Changes' });
    expect(within(attrs).getByText(/Owner · user/)).toBeInTheDocument();
    expect(within(attrs).queryByRole('button', { name: 'Edit attribute Owner' })).toBeNull();
    expect(within(attrs).queryByRole('button', { name: 'Delete attribute Owner' })).toBeNull();
    expect(within(attrs).getByRole('button', { name: 'Edit attribute Risk' })).toBeInTheDocument();
    expect(within(attrs).getByRole('button', { name: 'Delete attribute Risk' })).toBeInTheDocument();
  });

  it('offers "Move up" and "Move down" for own attributes only, never above the inherited ones', async () => {
    renderAs(admin);
    const attrs = await screen.findByRole('region', { name: 'Attributes of Standard Changes' });
    expect(within(attrs).queryByRole('button', { name: /^Move attribute Owner/ })).toBeNull();
    // Name is the first own attribute (after the inherited Owner), Risk the last.
    expect(within(attrs).getByRole('button', { name: 'Move attribute Name up' })).toBeDisabled();
    expect(within(attrs).getByRole('button', { name: 'Move attribute Name down' })).toBeEnabled();
    expect(within(attrs).getByRole('button', { name: 'Move attribute Risk up' })).toBeEnabled();
    expect(within(attrs).getByRole('button', { name: 'Move attribute Risk down' })).toBeDisabled();
  });

  /** A server that keeps the type's attributes and answers PUTs of positions (the failing ids refuse). */
  function positionServer(failing: readonly number[] = []) {
    let own = standardChangesType.attributes.map((a) => ({ ...a }));
    const puts: { id: number; body: unknown }[] = [];
    const routes: Parameters<typeof stubServer>[0] = {
      'GET /api/v1/cmdb/objecttypes/5': () => jsonResponse(200, { ...withInherited, attributes: [inherited, ...own] }),
    };
    for (const a of own) {
      routes[`PUT /api/v1/cmdb/attributes/${a.id}`] = async (request) => {
        const body = (await request.json()) as { position: number };
        puts.push({ id: a.id, body });
        if (failing.includes(a.id)) {
          return jsonResponse(403, { error: { code: 'forbidden', message: 'Only administrators change schemas' } });
        }
        own = own
          .map((o) => (o.id === a.id ? { ...o, position: body.position } : o))
          .sort((x, y) => x.position - y.position || x.id - y.id);
        return jsonResponse(200, own.find((o) => o.id === a.id));
      };
    }
    return { routes, puts };
  }

  const order = (region: HTMLElement) =>
    within(region)
      .getAllByRole('listitem')
      .map((li) => li.textContent?.split(' · ')[0]);

  it('moves an attribute by swapping positions with its neighbour (two PUTs), then shows the new order', async () => {
    const server = positionServer();
    const { user } = renderAs(admin, server.routes);
    const attrs = await screen.findByRole('region', { name: 'Attributes of Standard Changes' });
    expect(order(attrs)).toEqual(['Owner', 'Name', 'Approved by', 'Applications Applicable', 'Implementation Plan', 'Backout Plan', 'Risk']);

    await user.click(within(attrs).getByRole('button', { name: 'Move attribute Risk up' }));
    await waitFor(() => expect(order(attrs)).toEqual(['Owner', 'Name', 'Approved by', 'Applications Applicable', 'Implementation Plan', 'Risk', 'Backout Plan']));
    expect(server.puts).toEqual([
      { id: 6, body: { position: 5 } },
      { id: 5, body: { position: 6 } },
    ]);

    await user.click(within(attrs).getByRole('button', { name: 'Move attribute Approved by down' }));
    await waitFor(() => expect(order(attrs)).toEqual(['Owner', 'Name', 'Applications Applicable', 'Approved by', 'Implementation Plan', 'Risk', 'Backout Plan']));
    expect(server.puts.slice(2)).toEqual([
      { id: 3, body: { position: 2 } },
      { id: 2, body: { position: 3 } },
    ]);
    expect(within(attrs).queryByRole('alert')).toBeNull();
  });

  it("shows the server's refusal in place and refreshes the list", async () => {
    const server = positionServer([5]);
    const { user, fetch } = renderAs(admin, server.routes);
    const attrs = await screen.findByRole('region', { name: 'Attributes of Standard Changes' });
    const typeReads = () => fetch.mock.calls.filter(([r]) => (r as Request).method === 'GET' && (r as Request).url.endsWith('/objecttypes/5')).length;
    const before = typeReads();
    await user.click(within(attrs).getByRole('button', { name: 'Move attribute Risk up' }));
    const alert = await within(attrs).findByRole('alert');
    expect(alert).toHaveTextContent('The attribute was not moved');
    expect(alert).toHaveTextContent('Only administrators change schemas');
    expect(server.puts.map((p) => p.id)).toEqual([6, 5]);
    await waitFor(() => expect(typeReads()).toBeGreaterThan(before));

    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    expect(within(attrs).queryByRole('alert')).toBeNull();
  });

  it("deletes an attribute after confirmation and shows the server's refusal in the dialog", async () => {
    let answer = jsonResponse(409, {
      error: { code: 'cmdb.labelAttribute', message: 'the label attribute cannot be deleted; make another attribute the label first' },
    });
    const deleted = vi.fn();
    const { user } = renderAs(admin, {
      'DELETE /api/v1/cmdb/attributes/6': () => {
        deleted();
        return answer;
      },
    });
    const attrs = await screen.findByRole('region', { name: 'Attributes of Standard Changes' });
    await user.click(within(attrs).getByRole('button', { name: 'Delete attribute Risk' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete the attribute Risk?' });
    expect(deleted).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('the label attribute cannot be deleted');
    expect(screen.getByRole('dialog', { name: 'Delete the attribute Risk?' })).toBeInTheDocument();

    answer = new Response(null, { status: 204 });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Delete the attribute Risk?' })).toBeNull());
    expect(deleted).toHaveBeenCalledTimes(2);
  });

  it("asks before deleting an object type and shows why the server refuses", async () => {
    const deleted = vi.fn();
    const { user } = renderAs(admin, {
      'DELETE /api/v1/cmdb/objecttypes/5': () => {
        deleted();
        return jsonResponse(409, { error: { code: 'cmdb.typeHasObjects', message: '"Standard Changes" still has objects' } });
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Delete object type Standard Changes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete the object type Standard Changes?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: /Delete the object type/ })).toBeNull());
    expect(deleted).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Delete object type Standard Changes' }));
    const again = await screen.findByRole('dialog', { name: 'Delete the object type Standard Changes?' });
    await user.click(within(again).getByRole('button', { name: 'Delete' }));
    expect(await within(again).findByRole('alert')).toHaveTextContent('"Standard Changes" still has objects');
    expect(deleted).toHaveBeenCalledTimes(1);
  });

  it('edits the chosen object type from the tree panel', async () => {
    let sent: unknown;
    const { user } = renderAs(admin, {
      'PUT /api/v1/cmdb/objecttypes/5': async (request) => {
        sent = await request.json();
        return jsonResponse(200, { ...standardChangesType, description: 'CAB-approved' });
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Edit object type Standard Changes' }));
    const dialog = await screen.findByRole('dialog', { name: 'Edit Standard Changes' });
    const description = within(dialog).getByRole('textbox', { name: 'Description' });
    await user.clear(description);
    await user.type(description, 'CAB-approved');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Edit Standard Changes' })).toBeNull());
    expect(sent).toMatchObject({ name: 'Standard Changes', description: 'CAB-approved' });
  });
});
