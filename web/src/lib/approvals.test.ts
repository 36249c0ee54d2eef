import { describe, expect, it } from 'vitest';
import { approvalProgress, approvalRequirement } from './approvals';

describe('approvals', () => {
  it('says what an approval needs', () => {
    expect(approvalRequirement({ required: { kind: 'any' }, needed: 1 })).toBe('Needs one approval');
    expect(approvalRequirement({ required: { kind: 'all' }, needed: 3 })).toBe('Needs all 3 approvers');
    expect(approvalRequirement({ required: { kind: 'count', value: 2 }, needed: 2 })).toBe('Needs 2 approvals');
    expect(approvalRequirement({ required: { kind: 'count', value: 1 }, needed: 1 })).toBe('Needs one approval');
    expect(approvalRequirement({ required: { kind: 'percent', value: 50 }, needed: 2 })).toBe('Needs 50% of approvers (2)');
  });

  it('says where it stands', () => {
    expect(approvalProgress({ status: 'pending', approvedCount: 1, needed: 2, autoApproved: false })).toBe('1 of 2 approved');
    expect(approvalProgress({ status: 'approved', approvedCount: 2, needed: 2, autoApproved: false })).toBe('Approved');
    expect(approvalProgress({ status: 'declined', approvedCount: 0, needed: 2, autoApproved: false })).toBe('Declined');
    expect(approvalProgress({ status: 'approved', approvedCount: 0, needed: 1, autoApproved: true })).toBe(
      'Approved automatically by policy',
    );
  });
});
