import { Text } from '@mantine/core';
import { ApprovalList } from '@/components/ApprovalList';
import { Section } from './Section';

export interface ApprovalsSectionProps {
  issueKey: string;
  /** Changes always show the section ("No approvals yet"); other issues only when they have some */
  alwaysShown: boolean;
}

/**
 * "Approvals" of the issue view: each approval with its approvers and their decisions; an
 * approver approves or declines the pending one here, with an optional comment. The decision
 * refreshes the issue, whose status it moves.
 */
export function ApprovalsSection({ issueKey, alwaysShown }: ApprovalsSectionProps) {
  return (
    <ApprovalList
      issueKey={issueKey}
      empty={
        alwaysShown ? (
          <Text size="sm" c="dimmed">
            No approvals yet. They start when the change is sent for approval.
          </Text>
        ) : null
      }
      frame={(list) => <Section title="Approvals">{list}</Section>}
    />
  );
}
