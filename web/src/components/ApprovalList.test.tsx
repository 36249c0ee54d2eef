import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Approval } from '@/api/types';
import { queryKeys } from '@/api/keys';
import { createTestQueryClient, jsonResponse, renderWithProviders, stubServer } from '@/testing/render';
import type { ReactElement } from 'react';
import { ApprovalList } from './ApprovalList';

/** Renders signed in as Paul, one of the CAB's approvers. */
function renderAsPaul(element: ReactElement) {
  const queryClient = createTestQueryClient();
  queryClient.setQueryData(queryKeys.session(), {
    user: { id: 6, username: 'paul', displayName: 'Paul Buffington', kind: 'agent' },
    csrfToken: 'c',
  });
  return renderWithProviders(element, { queryClient });
}

const cab: Approval = {
  id: 1,
  name: 'CAB review',
  status: 'pending',
  statusName: 'Awaiting approval',
  required: { kind: 'count', value: 2 },
  needed: 2,
  approvedCount: 1,
  declinedCount: 0,
  autoApproved: false,
  createdAt: '2026-11-26T10:00:00.000Z',
  completedAt: null as unknown as undefined,
  canDecide: true,
  approvers: [
    {
      user: { username: 'mitch', displayName: 'Mitch Davis' },
      decision: 'approved',
      comment: 'Looks safe',
      decidedAt: '2026-11-26T11:00:00.000Z',
    },
    { user: { username: 'paul', displayName: 'Paul Buffington' }, decision: 'pending' },
  ],
};

const auto: Approval = {
  ...cab,
  id: 2,
  name: 'Auto-approval',
  status: 'approved',
  required: { kind: 'any' },
  needed: 1,
  approvedCount: 0,
  autoApproved: true,
  canDecide: false,
  approvers: [],
};

describe('ApprovalList', () => {
  it('shows each approval with its approvers, decisions and comments', async () => {
    stubServer({ 'GET /api/v1/issues/ITO-9/approvals': () => jsonResponse(200, { values: [auto, { ...cab, canDecide: false }] }) });
    renderAsPaul(<ApprovalList issueKey="ITO-9" />);

    const review = await screen.findByRole('article', { name: 'CAB review' });
    expect(within(review).getByText('Waiting for approval')).toBeInTheDocument();
    expect(within(review).getByText('Needs 2 approvals · 1 of 2 approved')).toBeInTheDocument();
    const approvers = within(review).getByRole('list', { name: 'Approvers of CAB review' });
    const [mitch, paul] = within(approvers).getAllByRole('listitem');
    expect(mitch).toHaveTextContent('Mitch Davis');
    expect(mitch).toHaveTextContent('Approved');
    expect(mitch).toHaveTextContent('“Looks safe”');
    expect(paul).toHaveTextContent('Pending');
    expect(paul).toHaveTextContent('Paul Buffington (you)');
    expect(mitch).not.toHaveTextContent('(you)');
    // Not an approver (canDecide false): no buttons.
    expect(within(review).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();

    const policy = screen.getByRole('article', { name: 'Auto-approval' });
    expect(within(policy).getByText('Approved')).toBeInTheDocument();
    expect(within(policy).getByText('Needs one approval · Approved automatically by policy')).toBeInTheDocument();
    expect(within(policy).getByText(/No approver needed/)).toBeInTheDocument();
  });

  it('approves with a comment as the caller and refreshes the approvals', async () => {
    const bodies: unknown[] = [];
    let current: Approval = cab;
    stubServer({
      'GET /api/v1/issues/ITO-9/approvals': () => jsonResponse(200, { values: [current] }),
      'POST /api/v1/issues/ITO-9/approvals': async (request) => {
        bodies.push(await request.json());
        current = {
          ...cab,
          status: 'approved',
          approvedCount: 2,
          canDecide: false,
          approvers: [cab.approvers[0]!, { ...cab.approvers[1]!, decision: 'approved', comment: 'Fine by me' }],
        };
        return jsonResponse(200, current);
      },
    });
    const { user } = renderAsPaul(<ApprovalList issueKey="ITO-9" />);

    const review = await screen.findByRole('article', { name: 'CAB review' });
    await user.type(within(review).getByRole('textbox', { name: /Comment/ }), 'Fine by me');
    await user.click(within(review).getByRole('button', { name: 'Approve' }));

    await waitFor(() => expect(bodies).toEqual([{ decision: 'approve', comment: 'Fine by me' }]));
    await waitFor(() => expect(review).toHaveAttribute('data-status', 'approved'));
    expect(within(review).getByText('Needs 2 approvals · Approved')).toBeInTheDocument();
    expect(within(review).queryByRole('button', { name: 'Approve' })).not.toBeInTheDocument();
  });

  it('declines without a comment and shows the server refusal', async () => {
    const bodies: unknown[] = [];
    stubServer({
      'GET /api/v1/issues/ITO-9/approvals': () => jsonResponse(200, { values: [cab] }),
      'POST /api/v1/issues/ITO-9/approvals': async (request) => {
        bodies.push(await request.json());
        return jsonResponse(409, {
          error: { code: 'approvals.alreadyDecided', message: 'you have already decided this approval' },
        });
      },
    });
    const { user } = renderAsPaul(<ApprovalList issueKey="ITO-9" />);

    await user.click(await screen.findByRole('button', { name: 'Decline' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('you have already decided this approval');
    expect(bodies).toEqual([{ decision: 'decline' }]);
    expect(screen.getByRole('button', { name: 'Approve' })).toBeEnabled();
  });

  it('shows nothing, or the text given, when there are no approvals', async () => {
    const fetch = stubServer({ 'GET /api/v1/issues/ITO-9/approvals': () => jsonResponse(200, { values: [] }) });
    const { unmount } = renderAsPaul(<ApprovalList issueKey="ITO-9" empty={null} />);
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByText(/approv/i)).not.toBeInTheDocument();
    expect(screen.queryByRole('article')).not.toBeInTheDocument();
    unmount();

    renderAsPaul(<ApprovalList issueKey="ITO-9" empty="No approvals yet." />);
    expect(await screen.findByText('No approvals yet.')).toBeInTheDocument();
  });
});
