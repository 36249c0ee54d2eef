import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createTestQueryClient, jsonResponse, renderWithProviders, stubServer } from '@/testing/render';
import type { Approval } from '@/api/types';
import type { CustomerRequest } from '../api/types';
import { casey, raisedRequest, signIn } from '../testing/fixtures';
import { RequestPage } from './RequestPage';

const noApprovals = {
  'GET /api/v1/issues/ITO-2052/approvals': () => jsonResponse(200, { values: [] }),
  'GET /api/v1/issues/ITO-1/approvals': () => jsonResponse(200, { values: [] }),
};

function renderRequest(url = '/portal/requests/ito-2052') {
  const queryClient = createTestQueryClient();
  signIn(queryClient, casey);
  return renderWithProviders(<RequestPage />, { url, path: '/portal/requests/:issueKey', queryClient });
}

describe('RequestPage', () => {
  it('shows the request: summary, who raised it, details, status and who it is shared with', async () => {
    stubServer({
      ...noApprovals, 'GET /api/v1/requests/ITO-2052': () => jsonResponse(200, raisedRequest) });
    const { user } = renderRequest();

    expect(await screen.findByRole('heading', { level: 1, name: 'Patch the Oracle CRM database' })).toBeInTheDocument();
    const crumbs = screen.getByRole('navigation', { name: 'Breadcrumbs' });
    expect(crumbs).toHaveTextContent('Help Center/Operations/ITO-2052');
    expect(within(crumbs).getByRole('link', { name: 'Operations' })).toHaveAttribute('href', '/portal/1');
    expect(screen.getByText(/raised this on/).textContent).toMatch(/^Casey Morgan raised this on .*2026/);

    const aside = screen.getByRole('complementary', { name: 'Request information' });
    expect(within(aside).getByText('Awaiting implementation').closest('[data-category]')).toHaveAttribute('data-category', 'in_progress');
    expect(within(aside).getByText('Request routine maintenance (standard change)')).toBeInTheDocument();
    const shared = within(aside).getByRole('region', { name: 'Shared with' });
    // (Initials avatars are hidden from assistive technology but part of the text.)
    expect(within(shared).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'CMCasey MorganCreator',
      'JPJordan PatelParticipant',
      'Retail DivisionOrganization',
    ]);

    // Details: labelled answers, lists joined, dates formatted; the toggle hides them.
    expect(screen.getByText('Application to Change').nextSibling).toHaveTextContent('Oracle CRM');
    expect(screen.getByText('Affected services').nextSibling).toHaveTextContent('Billing, VPN');
    expect(screen.getByText('Needed by').nextSibling?.textContent).not.toBe('2026-12-01');
    const toggle = screen.getByRole('button', { name: 'Hide details' });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await user.click(toggle);
    expect(screen.queryByText('Application to Change')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Show details' })).toHaveAttribute('aria-expanded', 'false');
  });

  it('shows the activity oldest first and never renders a comment body as HTML', async () => {
    stubServer({
      ...noApprovals, 'GET /api/v1/requests/ITO-2052': () => jsonResponse(200, raisedRequest) });
    const { container } = renderRequest();

    const activity = await screen.findByRole('region', { name: 'Activity' });
    const status = within(activity).getByText('Status changed from Waiting for support to Awaiting implementation');
    const body = within(activity).getByText('<img src=x onerror=alert(1)> scheduled for Sunday');
    expect(status.compareDocumentPosition(body) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();
    expect(document.querySelector('img[src="x"]')).toBeNull();
  });

  it('posts a reply as a public comment and reloads the request', async () => {
    let posted: unknown;
    let current: CustomerRequest = raisedRequest;
    stubServer({
      ...noApprovals,
      'GET /api/v1/requests/ITO-2052': () => jsonResponse(200, current),
      'POST /api/v1/issues/ITO-2052/comments': async (request) => {
        posted = await request.json();
        current = {
          ...raisedRequest,
          activity: [
            ...raisedRequest.activity,
            { type: 'comment', id: 13, author: casey, body: 'Sunday is fine', created: '2026-11-22T08:00:00.000Z' },
          ],
        };
        return jsonResponse(201, { id: 13 });
      },
    });
    const { user } = renderRequest();

    const reply = await screen.findByRole('textbox', { name: 'Reply' });
    expect(screen.getByRole('button', { name: 'Add reply' })).toBeDisabled();
    await user.type(reply, 'Sunday is fine');
    await user.click(screen.getByRole('button', { name: 'Add reply' }));

    const activity = screen.getByRole('region', { name: 'Activity' });
    expect(await within(activity).findByText('Sunday is fine')).toBeInTheDocument();
    expect(posted).toEqual({ body: 'Sunday is fine', internal: false });
    await waitFor(() => expect(reply).toHaveValue(''));
  });

  it('shares with more people and shows the server refusal', async () => {
    let patched: unknown;
    stubServer({
      ...noApprovals,
      'GET /api/v1/requests/ITO-2052': () => jsonResponse(200, raisedRequest),
      'PATCH /api/v1/issues/ITO-2052': async (request) => {
        patched = await request.json();
        return jsonResponse(403, {
          error: {
            code: 'tickets.notYourOrganization',
            message: 'you can share requests only with people of your organizations',
          },
        });
      },
    });
    const { user } = renderRequest();

    await user.click(await screen.findByRole('button', { name: 'Share' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share this request' });
    await user.type(within(dialog).getByRole('textbox', { name: 'People' }), 'sam.okafor{Enter}');
    await user.click(within(dialog).getByRole('button', { name: 'Share' }));

    expect(await within(dialog).findByText('you can share requests only with people of your organizations')).toBeInTheDocument();
    expect(patched).toEqual({ requestParticipants: ['jordan.patel', 'sam.okafor'] });
  });

  it('shows the API message for a request the user may not see', async () => {
    stubServer({
      ...noApprovals,
      'GET /api/v1/requests/ITO-1': () =>
        jsonResponse(404, { error: { code: 'tickets.unknownIssue', message: 'no issue ITO-1' } }),
    });
    renderRequest('/portal/requests/ITO-1');
    expect(await screen.findByRole('alert')).toHaveTextContent('no issue ITO-1');
  });

  it('shows the approvals of a request and lets an approver approve with a comment', async () => {
    const approval: Approval = {
      id: 4,
      name: 'Change manager',
      status: 'pending',
      statusName: 'Awaiting approval',
      required: { kind: 'any' },
      needed: 1,
      approvedCount: 0,
      declinedCount: 0,
      autoApproved: false,
      createdAt: '2026-11-26T10:00:00.000Z',
      canDecide: true,
      approvers: [{ user: { username: 'customer', displayName: 'Casey Morgan' }, decision: 'pending' }],
    };
    const bodies: unknown[] = [];
    let current = { ...raisedRequest, status: { name: 'Waiting for approval', category: 'in_progress' as const } };
    let approvals = [approval];
    stubServer({
      'GET /api/v1/requests/ITO-2052': () => jsonResponse(200, current),
      'GET /api/v1/issues/ITO-2052/approvals': () => jsonResponse(200, { values: approvals }),
      'POST /api/v1/issues/ITO-2052/approvals': async (request) => {
        bodies.push(await request.json());
        approvals = [
          {
            ...approval,
            status: 'approved',
            approvedCount: 1,
            canDecide: false,
            approvers: [{ ...approval.approvers[0]!, decision: 'approved', comment: 'Go ahead' }],
          },
        ];
        current = { ...raisedRequest, status: { name: 'Awaiting implementation', category: 'in_progress' } };
        return jsonResponse(200, approvals[0]);
      },
    });
    const { user } = renderRequest();

    const section = await screen.findByRole('region', { name: 'Approvals' });
    const card = await within(section).findByRole('article', { name: 'Change manager' });
    expect(within(card).getByText('Waiting for approval')).toBeInTheDocument();
    await user.type(within(card).getByRole('textbox', { name: /Comment/ }), 'Go ahead');
    await user.click(within(card).getByRole('button', { name: 'Approve' }));

    await waitFor(() => expect(bodies).toEqual([{ decision: 'approve', comment: 'Go ahead' }]));
    await waitFor(() => expect(card).toHaveAttribute('data-status', 'approved'));
    expect(within(card).getByText('“Go ahead”')).toBeInTheDocument();
    // The request is refetched: its new status shows.
    const aside = screen.getByRole('complementary', { name: 'Request information' });
    expect(await within(aside).findByText('Awaiting implementation')).toBeInTheDocument();
  });
});

