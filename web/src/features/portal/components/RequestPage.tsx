import {
  Box,
  Button,
  Divider,
  Grid,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconBuilding, IconChevronDown, IconChevronUp, IconShare } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApprovalList } from '@/components/ApprovalList';
import { PageError } from '@/components/PageError';
import { UserAvatar } from '@/components/UserAvatar';
import { paths } from '@/lib/paths';
import { formatDateTime } from '@/lib/time';
import { usePageTitle } from '@/lib/usePageTitle';
import { useRequest } from '../api/requests';
import type { CustomerRequest } from '../api/types';
import { formatFieldValue } from '../lib/formatFieldValue';
import { ObjectBadges } from '@/components/ObjectBadges';
import { isObjectValue, toObjectValues } from '@/lib/objectValues';

/** CMDB objects (an object field's answer): shown as badges. */
const isObjectList = (value: unknown): boolean =>
  Array.isArray(value) && value.length > 0 && value.every(isObjectValue);
import { CustomerStatusBadge } from './CustomerStatusBadge';
import { PortalBreadcrumbs } from './PortalBreadcrumbs';
import { ReplyForm } from './ReplyForm';
import { RequestActivity } from './RequestActivity';
import { RequestTypeIcon } from './RequestTypeIcon';
import { ShareRequestDialog } from './ShareRequestDialog';

/**
 * /portal/requests/:issueKey — a request as its customer sees it: the answers, its approvals
 * (an approver approves or declines here, with a comment), the activity and who it is shared with.
 */
export function RequestPage() {
  const { issueKey = '' } = useParams();
  const key = issueKey.toUpperCase();
  const request = useRequest(key);
  usePageTitle(request.data ? `${request.data.key}: ${request.data.summary}` : key);

  if (request.isPending) return <RequestSkeleton />;
  if (request.isError) {
    return (
      <Stack gap="md">
        <PortalBreadcrumbs current={key} />
        <PageError error={request.error} onRetry={() => void request.refetch()}>
          <Button size="xs" variant="subtle" component={Link} to={paths.myRequests()}>
            My requests
          </Button>
        </PageError>
      </Stack>
    );
  }
  return <RequestView request={request.data} />;
}

function RequestView({ request }: { request: CustomerRequest }) {
  const [detailsShown, setDetailsShown] = useState(true);
  const [shareOpened, share] = useDisclosure(false);
  const wide = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false }) ?? true;
  const detailsId = useId();
  const activityId = useId();
  const approvalsId = useId();
  const created = new Date(request.created);

  return (
    <Stack gap="md">
      <PortalBreadcrumbs portal={request.portal} current={request.key} />
      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <Stack gap="xs">
              <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
                {request.summary}
              </Title>
              <Group gap="xs" wrap="wrap" justify="space-between">
                <Group gap={8} wrap="nowrap">
                  <UserAvatar user={request.reporter} size="sm" decorative />
                  <Text size="sm" c="dimmed">
                    <Text span fw={600} c="var(--mantine-color-text)">
                      {request.reporter?.displayName ?? 'Someone'}
                    </Text>{' '}
                    raised this on{' '}
                    <time dateTime={request.created}>
                      {Number.isNaN(created.getTime()) ? request.created : formatDateTime(created)}
                    </time>
                  </Text>
                </Group>
                {request.fields.length > 0 && (
                  <UnstyledButton
                    onClick={() => setDetailsShown((v) => !v)}
                    aria-expanded={detailsShown}
                    aria-controls={detailsId}
                    c="blue.7"
                    fz="sm"
                    fw={500}
                  >
                    <Group gap={4} wrap="nowrap">
                      {detailsShown ? 'Hide details' : 'Show details'}
                      {detailsShown ? <IconChevronUp size={14} aria-hidden /> : <IconChevronDown size={14} aria-hidden />}
                    </Group>
                  </UnstyledButton>
                )}
              </Group>
              {!wide && (
                // Phones: the status right under the title (the side panel comes after the activity).
                <Group gap="xs" aria-hidden>
                  <CustomerStatusBadge status={request.status} size="md" />
                </Group>
              )}
            </Stack>

            {request.fields.length > 0 && detailsShown && (
              <Paper withBorder radius="md" p="md" id={detailsId}>
                <Stack gap="sm" component="dl" m={0}>
                  {request.fields.map((f) => (
                    <div key={f.field}>
                      <Text component="dt" size="sm" fw={600}>
                        {f.label}
                      </Text>
                      {isObjectList(f.value) ? (
                        <Box component="dd" m={0} mt={4}>
                          <ObjectBadges objects={toObjectValues(f.value)} />
                        </Box>
                      ) : (
                        <Text component="dd" size="sm" m={0} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                          {formatFieldValue(f.value) || '—'}
                        </Text>
                      )}
                    </div>
                  ))}
                </Stack>
              </Paper>
            )}

            <ApprovalList
              issueKey={request.key}
              empty={null}
              frame={(list) => (
                <section aria-labelledby={approvalsId}>
                  <Title order={2} size="h4" id={approvalsId} mb="md">
                    Approvals
                  </Title>
                  {list}
                </section>
              )}
            />

            <section aria-labelledby={activityId}>
              <Title order={2} size="h4" id={activityId} mb="md">
                Activity
              </Title>
              <Stack gap="lg">
                <RequestActivity items={request.activity} />
                {request.canComment ? (
                  <ReplyForm requestKey={request.key} />
                ) : (
                  <Text size="sm" c="dimmed">
                    You cannot reply to this request.
                  </Text>
                )}
              </Stack>
            </section>
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper withBorder radius="md" p="md" component="aside" aria-label="Request information">
            <Stack gap="md">
              <div>
                <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={6}>
                  Status
                </Text>
                <CustomerStatusBadge status={request.status} size="lg" />
              </div>
              {request.requestType && (
                <div>
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={6}>
                    Request type
                  </Text>
                  <Group gap={8} wrap="nowrap">
                    <RequestTypeIcon icon={request.requestType.icon} size="md" />
                    <Text size="sm">{request.requestType.name}</Text>
                  </Group>
                </div>
              )}
              <Divider />
              <SharedWith request={request} onShare={share.open} />
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
      {request.canShare && <ShareRequestDialog request={request} opened={shareOpened} onClose={share.close} />}
    </Stack>
  );
}

function SharedWith({ request, onShare }: { request: CustomerRequest; onShare: () => void }) {
  const headingId = useId();
  const participants = request.requestParticipants.filter((p) => p.username !== request.reporter?.username);
  return (
    <section aria-labelledby={headingId}>
      <Group justify="space-between" mb={8}>
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" id={headingId}>
          Shared with
        </Text>
        {request.canShare && (
          <Button size="compact-sm" variant="subtle" leftSection={<IconShare size={14} aria-hidden />} onClick={onShare}>
            Share
          </Button>
        )}
      </Group>
      <Stack gap={8} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {request.reporter && (
          <Group component="li" gap={8} wrap="nowrap">
            <UserAvatar user={request.reporter} size="sm" decorative />
            <div>
              <Text size="sm">{request.reporter.displayName}</Text>
              <Text size="xs" c="dimmed">
                Creator
              </Text>
            </div>
          </Group>
        )}
        {participants.map((p) => (
          <Group component="li" key={p.username} gap={8} wrap="nowrap">
            <UserAvatar user={p} size="sm" decorative />
            <div>
              <Text size="sm">{p.displayName}</Text>
              <Text size="xs" c="dimmed">
                Participant
              </Text>
            </div>
          </Group>
        ))}
        {request.organizations.map((name) => (
          <Group component="li" key={`org-${name}`} gap={8} wrap="nowrap">
            <Avatarish />
            <div>
              <Text size="sm">{name}</Text>
              <Text size="xs" c="dimmed">
                Organization
              </Text>
            </div>
          </Group>
        ))}
      </Stack>
    </section>
  );
}

function Avatarish() {
  return (
    <Group
      justify="center"
      w={26}
      h={26}
      style={{ borderRadius: '50%', background: 'var(--mantine-color-gray-2)', flexShrink: 0 }}
      aria-hidden
    >
      <IconBuilding size={14} />
    </Group>
  );
}

function RequestSkeleton() {
  return (
    <Stack gap="md" role="status" aria-label="Loading the request">
      <Skeleton height={14} width={240} />
      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="sm">
            <Skeleton height={30} width="80%" />
            <Skeleton height={14} width="50%" />
            <Skeleton height={120} radius="md" mt="md" />
            <Skeleton height={18} width={90} mt="md" />
            <Skeleton height={60} radius="md" />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Skeleton height={220} radius="md" />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
