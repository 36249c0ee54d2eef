import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconCheck, IconRobot, IconX } from '@tabler/icons-react';
import { useId, useState } from 'react';
import type { Approval, ApprovalDecision } from '@/api/types';
import { APPROVAL_STATUS, DECISION, approvalProgress, approvalRequirement } from '@/lib/approvals';
import { errorMessage } from './PageError';
import { RelativeTime } from './RelativeTime';
import { UserAvatar } from './UserAvatar';

export interface ApprovalCardProps {
  approval: Approval;
  /**
   * Sends the caller's decision; the Approve / Decline form shows only when it is given and the
   * approval says the caller may decide (`canDecide`).
   */
  onDecide?: ((decision: ApprovalDecision) => Promise<unknown>) | undefined;
  /** The decision is on its way */
  deciding?: boolean;
  /** Heading level of the approval's name (3 under a section heading) */
  headingOrder?: 3 | 4;
  /** The signed-in user's username: their row says "you" */
  me?: string | undefined;
}

/**
 * One approval: its name and outcome, what it needs, each approver with their decision and
 * comment, and — for an approver who has not decided — Approve and Decline with an optional
 * comment. The server's refusal (not an approver, already decided) shows above the buttons.
 */
export function ApprovalCard({ approval, onDecide, deciding = false, headingOrder = 3, me }: ApprovalCardProps) {
  const headingId = useId();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [choice, setChoice] = useState<ApprovalDecision['decision'] | null>(null);
  const status = APPROVAL_STATUS[approval.status];
  const canDecide = !!onDecide && approval.canDecide && approval.status === 'pending';
  const busy = deciding || choice !== null;

  const decide = async (decision: ApprovalDecision['decision']) => {
    if (!onDecide) return;
    setError(null);
    setChoice(decision);
    const text = comment.trim();
    try {
      await onDecide(text ? { decision, comment: text } : { decision });
      setComment('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setChoice(null);
    }
  };

  return (
    <Paper component="article" aria-labelledby={headingId} withBorder radius="md" p="sm" data-status={approval.status}>
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
            <Title order={headingOrder} size="h6" id={headingId}>
              {approval.name}
            </Title>
            <Badge color={status.color} variant="light" radius="sm" tt="none" style={{ flexShrink: 0 }}>
              {status.label}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed">
            {approvalRequirement(approval)} · {approvalProgress(approval)}
          </Text>
        </Group>

        {approval.autoApproved ? (
          <Group gap={6} wrap="nowrap">
            <IconRobot size={16} aria-hidden />
            <Text size="sm">No approver needed: the policy approves this kind of change at once.</Text>
          </Group>
        ) : approval.approvers.length === 0 ? (
          <Text size="sm" c="dimmed">
            No approvers.
          </Text>
        ) : (
          <Stack component="ul" gap={6} m={0} p={0} style={{ listStyle: 'none' }} aria-label={`Approvers of ${approval.name}`}>
            {approval.approvers.map((a) => {
              const decision = DECISION[a.decision];
              return (
                <li key={a.user.username}>
                  <Group gap="xs" wrap="nowrap" align="flex-start">
                    <UserAvatar user={a.user} size="sm" decorative />
                    <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                      <Group gap={6} wrap="wrap">
                        <Text size="sm" fw={500}>
                          {a.user.displayName}
                          {a.user.username === me && (
                            <Text span size="sm" c="dimmed" fw={400}>
                              {' '}
                              (you)
                            </Text>
                          )}
                        </Text>
                        <Badge color={decision.color} variant={a.decision === 'pending' ? 'outline' : 'light'} size="xs" radius="sm" tt="none">
                          {decision.label}
                        </Badge>
                        {a.decidedAt && (
                          <Text size="xs" c="dimmed">
                            <RelativeTime value={a.decidedAt} />
                          </Text>
                        )}
                      </Group>
                      {a.comment && (
                        <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                          “{a.comment}”
                        </Text>
                      )}
                    </Stack>
                  </Group>
                </li>
              );
            })}
          </Stack>
        )}

        {canDecide && (
          <Stack gap="xs" pt={4}>
            <Textarea
              label="Comment"
              description="Optional; the requester and the other approvers see it."
              placeholder="Why you approve or decline"
              autosize
              minRows={2}
              maxRows={8}
              maxLength={5000}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
              disabled={busy}
            />
            {error && (
              <Alert color="red" variant="light" role="alert" p="xs">
                <Text size="sm">{error}</Text>
              </Alert>
            )}
            <Group gap="xs">
              <Button
                color="green"
                leftSection={<IconCheck size={16} aria-hidden />}
                onClick={() => void decide('approve')}
                loading={choice === 'approve'}
                disabled={busy && choice !== 'approve'}
              >
                Approve
              </Button>
              <Button
                color="red"
                variant="light"
                leftSection={<IconX size={16} aria-hidden />}
                onClick={() => void decide('decline')}
                loading={choice === 'decline'}
                disabled={busy && choice !== 'decline'}
              >
                Decline
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
