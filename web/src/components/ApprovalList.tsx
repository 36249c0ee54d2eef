import { Alert, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { useApprovals, useDecideApproval } from '@/api/approvals';
import { useSession } from '@/api/session';
import type { Approval, ApprovalDecision } from '@/api/types';
import { ApprovalCard } from './ApprovalCard';
import { errorMessage } from './PageError';

export interface ApprovalListProps {
  issueKey: string;
  /** What an issue without approvals shows; `null` shows nothing at all */
  empty?: ReactNode;
  /** Wraps the list when there is something to show (a section with its heading) */
  frame?: (list: ReactNode) => ReactNode;
  /** Heading level of each approval's name */
  headingOrder?: 3 | 4;
  /** After the caller's decision was stored (the issue and its lists are refreshed already) */
  onDecided?: (approval: Approval) => void;
}

/**
 * The approvals of an issue (GET /api/v1/issues/{key}/approvals), oldest first with the pending
 * one last, each an {@link ApprovalCard}; an approver decides the pending one here. Used by the
 * issue view and the help center's request view.
 */
export function ApprovalList({ issueKey, empty, frame = (list) => list, headingOrder = 3, onDecided }: ApprovalListProps) {
  const approvals = useApprovals(issueKey);
  const decide = useDecideApproval(issueKey);
  const me = useSession().data?.user.username;

  const send = async (body: ApprovalDecision) => {
    const approval = await decide.mutateAsync(body);
    notifications.show({
      color: body.decision === 'approve' ? 'green' : 'red',
      message: `You ${body.decision === 'approve' ? 'approved' : 'declined'} ${approval.name} of ${issueKey.toUpperCase()}.`,
    });
    onDecided?.(approval);
  };

  if (approvals.isPending) {
    return empty === null ? null : frame(<Skeleton height={72} radius="md" aria-label="Loading approvals" />);
  }
  if (approvals.isError) {
    if (empty === null) return null;
    return frame(
      <Alert color="red" variant="light" p="xs">
        <Text size="sm">Could not load the approvals: {errorMessage(approvals.error)}</Text>
      </Alert>,
    );
  }
  if (approvals.data.length === 0) {
    if (empty === null) return null;
    return frame(
      empty ?? (
        <Text size="sm" c="dimmed">
          No approvals.
        </Text>
      ),
    );
  }
  return frame(
    <Stack gap="sm">
      {approvals.data.map((approval) => (
        <ApprovalCard
          key={approval.id}
          approval={approval}
          headingOrder={headingOrder}
          onDecide={send}
          deciding={decide.isPending}
          me={me}
        />
      ))}
    </Stack>,
  );
}
