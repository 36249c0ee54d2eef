import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createTestQueryClient, jsonResponse, renderWithProviders, stubServer } from '@/testing/render';
import type { RequestType } from '../api/types';
import { alana, casey, operations, raisedRequest, signIn, standardChange } from '../testing/fixtures';
import { CreateRequestPage } from './CreateRequestPage';

function renderForm(type: RequestType, who = casey) {
  const queryClient = createTestQueryClient();
  signIn(queryClient, who);
  return renderWithProviders(<CreateRequestPage />, {
    url: `/portal/1/create/${type.id}`,
    path: '/portal/:portalId/create/:requestTypeId',
    routes: [{ path: '/portal/requests/:issueKey', element: <h1>request view</h1> }],
    queryClient,
  });
}

/** A form with one field of each kind the server may send. */
const everyKind: RequestType = {
  ...standardChange,
  id: 9,
  name: 'Tell us everything',
  helpText: '',
  fields: [
    { field: 'summary', label: 'Headline', help: '', required: true, name: 'summary', type: 'text' },
    { field: 'description', label: 'Details', help: 'Steps and errors', required: false, name: 'description', type: 'paragraph' },
    { field: 'dueDate', label: 'Needed by', help: '', required: false, name: 'dueDate', type: 'date' },
    { field: 'customfield_7', label: 'Planned start', help: '', required: false, name: 'Planned start', type: 'datetime' },
    { field: 'customfield_12', label: 'Seats', help: '', required: false, name: 'Seats', type: 'number' },
    { field: 'customfield_13', label: 'Is it urgent?', help: '', required: false, name: 'Urgent', type: 'yesno' },
    { field: 'customfield_14', label: 'Link', help: '', required: false, name: 'Link', type: 'url' },
    { field: 'labels', label: 'Tags', help: '', required: false, name: 'labels', type: 'labels' },
    {
      field: 'customfield_4',
      label: 'Affected services',
      help: '',
      required: false,
      name: 'Affected services',
      type: 'multiselect',
      options: ['Billing', 'VPN'],
    },
  ],
};

describe('CreateRequestPage', () => {
  it('renders the form with the customer-facing labels, help and required marks', async () => {
    stubServer({
      'GET /api/v1/portals/1': () => jsonResponse(200, operations),
      'GET /api/v1/portals/1/requesttypes/4': () => jsonResponse(200, standardChange),
    });
    renderForm(standardChange);

    expect(
      await screen.findByRole('heading', { level: 1, name: 'Request routine maintenance (standard change)' }),
    ).toBeInTheDocument();
    expect(screen.getByText(standardChange.helpText)).toBeInTheDocument();

    const app = screen.getByRole('textbox', { name: 'Application to Change' });
    expect(app).toBeRequired();
    expect(app).toHaveAttribute('aria-required', 'true');
    expect(app).toHaveAccessibleDescription('Which Application will be impacted?');
    expect(screen.getByText('Application to Change').parentElement).toHaveTextContent('Application to Change *');
    expect(screen.getByRole('textbox', { name: 'Which type of standard change is this for?' })).toBeRequired();
    expect(screen.getByRole('textbox', { name: 'Summary' })).toBeRequired();
    const start = screen.getByLabelText('Planned start');
    expect(start).not.toBeRequired();
    expect(start).toHaveAttribute('type', 'datetime-local');
    // Customers cannot raise on behalf of someone else.
    expect(screen.queryByLabelText(/Raise this request on behalf of/)).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Send' })).toBeEnabled();
  });

  it('checks required fields before sending anything', async () => {
    const fetch = stubServer({
      'GET /api/v1/portals/1': () => jsonResponse(200, operations),
      'GET /api/v1/portals/1/requesttypes/4': () => jsonResponse(200, standardChange),
    });
    const { user } = renderForm(standardChange);

    await user.click(await screen.findByRole('button', { name: 'Send' }));

    const summary = screen.getByRole('textbox', { name: 'Summary' });
    expect(summary).toHaveAccessibleDescription('Summary is required');
    expect(summary).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('textbox', { name: 'Application to Change' })).toHaveAccessibleDescription(
      /Application to Change is required/,
    );
    await waitFor(() => expect(summary).toHaveFocus());
    expect(fetch.mock.calls.some(([r]) => (r as Request).method === 'POST')).toBe(false);
  });

  it('shows a server field error under the field it names', async () => {
    stubServer({
      'GET /api/v1/portals/1': () => jsonResponse(200, operations),
      'GET /api/v1/portals/1/requesttypes/4': () => jsonResponse(200, standardChange),
      'POST /api/v1/requests': () =>
        jsonResponse(400, {
          error: {
            code: 'tickets.invalidOption',
            message: 'Patch System is not available for SAP ERP',
            field: 'values.customfield_6',
          },
        }),
    });
    const { user } = renderForm(standardChange);

    await user.type(await screen.findByRole('textbox', { name: 'Summary' }), 'Patch the CRM');
    await user.click(screen.getByRole('textbox', { name: 'Application to Change' }));
    await user.click(await screen.findByRole('option', { name: 'SAP ERP' }));
    await user.click(screen.getByRole('textbox', { name: 'Which type of standard change is this for?' }));
    await user.click(await screen.findByRole('option', { name: 'Patch System' }));
    await user.click(screen.getByRole('button', { name: 'Send' }));

    const type = screen.getByRole('textbox', { name: 'Which type of standard change is this for?' });
    await waitFor(() =>
      expect(type).toHaveAccessibleDescription(/Patch System is not available for SAP ERP/),
    );
    expect(type).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('textbox', { name: 'Summary' })).toHaveAttribute('aria-invalid', 'false');
  });

  it('shows an error of no field above the form', async () => {
    stubServer({
      'GET /api/v1/portals/1': () => jsonResponse(200, operations),
      'GET /api/v1/portals/1/requesttypes/9': () => jsonResponse(200, everyKind),
      'POST /api/v1/requests': () =>
        jsonResponse(404, { error: { code: 'requests.noRequestType', message: 'no request type 9' } }),
    });
    const { user } = renderForm(everyKind);
    await user.type(await screen.findByRole('textbox', { name: 'Headline' }), 'Hello');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    expect(await screen.findByRole('alert', { name: 'The request was not sent' })).toHaveTextContent('no request type 9');
  });

  it('sends each kind of answer as the API takes it and opens the new request', async () => {
    let sent: unknown;
    stubServer({
      'GET /api/v1/portals/1': () => jsonResponse(200, operations),
      'GET /api/v1/portals/1/requesttypes/9': () => jsonResponse(200, everyKind),
      'POST /api/v1/requests': async (request) => {
        sent = await request.json();
        return jsonResponse(201, raisedRequest);
      },
    });
    const { user, router } = renderForm(everyKind);

    await user.type(await screen.findByRole('textbox', { name: 'Headline' }), '  New laptop  ');
    await user.type(screen.getByRole('textbox', { name: 'Details' }), 'Mine broke');
    await user.type(screen.getByLabelText('Needed by'), '2026-12-01');
    await user.type(screen.getByLabelText('Planned start'), '2026-12-01T09:30');
    await user.type(screen.getByRole('textbox', { name: 'Seats' }), '3');
    await user.click(screen.getByRole('radio', { name: 'Yes' }));
    await user.type(screen.getByRole('textbox', { name: 'Link' }), 'https://example.com');
    await user.type(screen.getByRole('textbox', { name: 'Tags' }), 'hardware{Enter}');
    await user.click(screen.getByRole('textbox', { name: 'Affected services' }));
    await user.click(await screen.findByRole('option', { name: 'VPN' }));
    await user.click(screen.getByRole('button', { name: 'Send' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/portal/requests/ITO-2052'));
    expect(sent).toEqual({
      requestTypeId: 9,
      values: {
        summary: 'New laptop',
        description: 'Mine broke',
        dueDate: '2026-12-01',
        customfield_7: new Date('2026-12-01T09:30').toISOString(),
        customfield_12: 3,
        customfield_13: true,
        customfield_14: 'https://example.com',
        labels: ['hardware'],
        customfield_4: ['VPN'],
      },
    });
  });

  it('lets agents raise a request on behalf of a customer', async () => {
    let sent: Record<string, unknown> = {};
    stubServer({
      'GET /api/v1/portals/1': () => jsonResponse(200, operations),
      'GET /api/v1/portals/1/requesttypes/4': () => jsonResponse(200, { ...standardChange, canRaiseOnBehalf: true }),
      'GET /api/v1/users': () =>
        jsonResponse(200, { values: [{ id: 6, username: 'customer', displayName: 'Casey Morgan' }] }),
      'POST /api/v1/requests': async (request) => {
        sent = (await request.json()) as Record<string, unknown>;
        return jsonResponse(400, {
          error: { code: 'tickets.unknownUser', message: 'no user "nobody"', field: 'raiseOnBehalfOf' },
        });
      },
    });
    const { user } = renderForm(standardChange, alana);

    const behalf = await screen.findByRole('textbox', { name: 'Raise this request on behalf of' });
    expect(behalf).toBeRequired();
    expect(behalf).toHaveValue('alana');
    await user.clear(behalf);
    await user.type(behalf, 'nobody');
    await user.type(screen.getByRole('textbox', { name: 'Summary' }), 'Patch it');
    await user.click(screen.getByRole('textbox', { name: 'Application to Change' }));
    await user.click(await screen.findByRole('option', { name: 'Oracle CRM' }));
    await user.click(screen.getByRole('textbox', { name: 'Which type of standard change is this for?' }));
    await user.click(await screen.findByRole('option', { name: 'Add Backup Node' }));
    await user.click(screen.getByRole('button', { name: 'Send' }));

    await waitFor(() => expect(behalf).toHaveAccessibleDescription(/no user "nobody"/));
    expect(sent.raiseOnBehalfOf).toBe('nobody');
  });

  it('offers CMDB objects that fit the other answers and sends their keys', async () => {
    const objectForm: RequestType = {
      ...standardChange,
      id: 10,
      fields: [
        { field: 'summary', label: 'Summary', help: '', required: true, name: 'summary', type: 'text' },
        {
          field: 'customfield_5',
          label: 'Application to Change',
          help: '',
          required: true,
          name: 'Application to change',
          type: 'object',
          multiple: false,
        },
        {
          field: 'customfield_6',
          label: 'Which type of standard change is this for?',
          help: '',
          required: true,
          name: 'Type of standard change',
          type: 'object',
          multiple: false,
        },
      ],
    };
    const contexts: (string | null)[] = [];
    let sent: unknown;
    stubServer({
      'GET /api/v1/portals/1': () => jsonResponse(200, operations),
      'GET /api/v1/portals/1/requesttypes/10': () => jsonResponse(200, objectForm),
      'GET /api/v1/fields/5/objects': () =>
        jsonResponse(200, {
          objects: [
            { key: 'SVC-2', label: 'Oracle CRM', objectType: 'Applications' },
            { key: 'SVC-3', label: 'MongoDB Atlas', objectType: 'Applications' },
          ],
        }),
      'GET /api/v1/fields/6/objects': (request) => {
        const context = new URL(request.url).searchParams.get('context');
        contexts.push(context);
        const oracle = context?.includes('SVC-2');
        return jsonResponse(200, {
          objects: oracle
            ? [{ key: 'PS-31', label: 'Reindex columnstore indexes', objectType: 'Standard Changes' }]
            : [],
        });
      },
      'POST /api/v1/requests': async (request) => {
        sent = await request.json();
        return jsonResponse(201, raisedRequest);
      },
    });
    const { user, router } = renderForm(objectForm);

    await user.type(await screen.findByRole('textbox', { name: 'Summary' }), 'Reindex the CRM');
    await user.click(screen.getByRole('textbox', { name: 'Application to Change' }));
    await user.click(await screen.findByRole('option', { name: /Oracle CRM/ }));
    const type = screen.getByRole('textbox', { name: 'Which type of standard change is this for?' });
    await user.click(type);
    await user.click(await screen.findByRole('option', { name: /Reindex columnstore indexes/ }));
    expect(contexts).toContain('{"Application to change":"SVC-2"}');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/portal/requests/ITO-2052'));
    expect(sent).toEqual({
      requestTypeId: 10,
      values: { summary: 'Reindex the CRM', customfield_5: 'SVC-2', customfield_6: 'PS-31' },
    });
  });
});
