/** How an approval (S6.3) reads to people: what it needs and where it stands. */
import type { Approval } from '@/api/types';

/** "Needs 2 approvals", "Needs one approval", "Needs all 3 approvers", "Needs 50% of approvers (2)". */
export function approvalRequirement(approval: Pick<Approval, 'required' | 'needed'>): string {
  const { kind, value } = approval.required;
  switch (kind) {
    case 'any':
      return 'Needs one approval';
    case 'all':
      return `Needs all ${approval.needed} approvers`;
    case 'count': {
      const n = value ?? approval.needed;
      return n === 1 ? 'Needs one approval' : `Needs ${n} approvals`;
    }
    case 'percent':
      return `Needs ${value ?? 100}% of approvers (${approval.needed})`;
    default:
      return `Needs ${approval.needed} approvals`;
  }
}

/** "1 of 2 approved" while pending; the outcome once decided. */
export function approvalProgress(approval: Pick<Approval, 'status' | 'approvedCount' | 'needed' | 'autoApproved'>): string {
  if (approval.autoApproved) return 'Approved automatically by policy';
  if (approval.status === 'pending') return `${approval.approvedCount} of ${approval.needed} approved`;
  return approval.status === 'approved' ? 'Approved' : 'Declined';
}

export const APPROVAL_STATUS: Record<Approval['status'], { label: string; color: string }> = {
  pending: { label: 'Waiting for approval', color: 'yellow' },
  approved: { label: 'Approved', color: 'green' },
  declined: { label: 'Declined', color: 'red' },
};

export const DECISION: Record<'pending' | 'approved' | 'declined', { label: string; color: string }> = {
  pending: { label: 'Pending', color: 'gray' },
  approved: { label: 'Approved', color: 'green' },
  declined: { label: 'Declined', color: 'red' },
};
