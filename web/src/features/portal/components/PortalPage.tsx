import { Alert, Box, Group, Paper, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconSpeakerphone } from '@tabler/icons-react';
import { useId } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { EmptyState } from '@/components/EmptyState';
import { PageError } from '@/components/PageError';
import { usePageTitle } from '@/lib/usePageTitle';
import { usePortal } from '../api/portals';
import type { PortalDetail, PortalRequestType } from '../api/types';
import { groupRequestTypes } from '../lib/groupRequestTypes';
import { matchCountTitle, searchRequestTypes } from '../lib/searchRequestTypes';
import { HelpCenterSearch } from './HelpCenterSearch';
import { PortalBreadcrumbs } from './PortalBreadcrumbs';
import { RequestTypeCard } from './RequestTypeCard';
import { useSearchParam } from './useSearchParam';
import classes from './portal.module.css';

/** /portal/:portalId — a portal: its announcement and its request types by group. */
export function PortalPage() {
  const { portalId = '' } = useParams();
  const portal = usePortal(Number(portalId));
  usePageTitle(portal.data?.name ?? 'Help Center');

  if (portal.isPending) return <PortalPageSkeleton />;
  if (portal.isError) {
    return (
      <Stack gap="md">
        <PortalBreadcrumbs />
        <PageError error={portal.error} onRetry={() => void portal.refetch()} />
      </Stack>
    );
  }
  return <PortalView portal={portal.data} />;
}

function PortalView({ portal }: { portal: PortalDetail }) {
  const [query, setQuery] = useSearchParam('q');
  return (
    <Stack gap="lg">
      <PortalBreadcrumbs portal={portal} />
      <header className={classes.hero}>
        <Stack gap="xs">
          <Title order={1} size="h2" c="white">
            {portal.name}
          </Title>
          {portal.description && <Text c="blue.0">{portal.description}</Text>}
          <Box mt="sm" maw={560}>
            <HelpCenterSearch value={query} onChange={setQuery} />
          </Box>
        </Stack>
      </header>

      {portal.announcement && (
        <Alert
          variant="light"
          color="orange"
          radius="md"
          title={portal.announcement.title}
          icon={<IconSpeakerphone aria-hidden />}
        >
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {portal.announcement.message}
          </Text>
        </Alert>
      )}

      {portal.requestTypes.length === 0 ? (
        <EmptyState
          title="No request types yet"
          description="This portal does not take requests yet. Please come back later."
        />
      ) : query.trim() ? (
        <PortalSearchResults portal={portal} query={query} />
      ) : (
        <RequestTypeGroups portal={portal} />
      )}
    </Stack>
  );
}

/**
 * The groups as tabs (a column on the left on wide screens). The first tab shows every request
 * type under its group's heading (each type once, under its first group); the others one group.
 */
function RequestTypeGroups({ portal }: { portal: PortalDetail }) {
  const wide = useMediaQuery('(min-width: 48em)', false, { getInitialValueInEffect: false }) ?? false;
  const [params, setParams] = useSearchParams();
  const headingId = useId();
  const groups = groupRequestTypes(portal.groups, portal.requestTypes);
  const requested = params.get('group');
  const active = groups.find((g) => g.key === requested)?.key ?? ALL_KEY;

  const select = (key: string | null) => {
    if (!key) return;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (key === ALL_KEY) next.delete('group');
        else next.set('group', key);
        return next;
      },
      { replace: true },
    );
  };

  // In the overview each request type appears once, under the first group that lists it.
  const shown = new Set<number>();
  const overview = groups
    .map((g) => ({
      ...g,
      types: g.types.filter((t) => (shown.has(t.id) ? false : (shown.add(t.id), true))),
    }))
    .filter((g) => g.types.length > 0);

  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb="sm">
        Choose a request type
      </Title>
      <Tabs
        value={active}
        onChange={select}
        orientation={wide ? 'vertical' : 'horizontal'}
        variant="pills"
        radius="md"
        keepMounted={false}
        activateTabWithKeyboard
      >
        <Tabs.List
          aria-label="Request type groups"
          w={wide ? 260 : undefined}
          mb={wide ? 0 : 'md'}
          mr={wide ? 'lg' : 0}
          style={{ flexShrink: 0, alignSelf: 'flex-start' }}
        >
          <GroupTab value={ALL_KEY} wide={wide} label="All request types" />
          {groups.map((g) => (
            <GroupTab key={g.key} value={g.key} wide={wide} label={g.name} />
          ))}
        </Tabs.List>
        <Tabs.Panel value={ALL_KEY} style={{ flex: 1, minWidth: 0 }}>
          <Stack gap="lg">
            {overview.map((g) => (
              <RequestTypeList key={g.key} title={overview.length > 1 ? g.name : undefined} portalId={portal.id} types={g.types} />
            ))}
          </Stack>
        </Tabs.Panel>
        {groups.map((g) => (
          <Tabs.Panel key={g.key} value={g.key} style={{ flex: 1, minWidth: 0 }}>
            <RequestTypeList portalId={portal.id} types={g.types} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </section>
  );
}

const ALL_KEY = 'all';

function GroupTab({ value, label, wide }: { value: string; label: string; wide: boolean }) {
  return (
    <Tabs.Tab value={value} style={wide ? { justifyContent: 'flex-start' } : undefined}>
      <Text size="sm" fw={500} ta="left" style={{ whiteSpace: 'normal' }}>
        {label}
      </Text>
    </Tabs.Tab>
  );
}

/** Request type cards in a bordered list, under an optional group heading. */
function RequestTypeList({
  title,
  portalId,
  types,
}: {
  title?: string | undefined;
  portalId: number;
  types: readonly PortalRequestType[];
}) {
  const headingId = useId();
  return (
    <div role={title ? 'group' : undefined} aria-labelledby={title ? headingId : undefined}>
      {title && (
        <Title order={3} size="h5" id={headingId} mb={6} c="dimmed">
          {title}
        </Title>
      )}
      <Paper withBorder radius="md" p="xs">
        <Stack gap={2}>
          {types.map((t) => (
            <RequestTypeCard key={t.id} portalId={portalId} requestType={t} />
          ))}
        </Stack>
      </Paper>
    </div>
  );
}

function PortalSearchResults({ portal, query }: { portal: PortalDetail; query: string }) {
  const headingId = useId();
  const matches: PortalRequestType[] = searchRequestTypes(portal.requestTypes, query);
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb="sm">
        {matchCountTitle(matches.length)}
      </Title>
      {matches.length === 0 ? (
        <EmptyState
          title={`Nothing found for “${query.trim()}”`}
          description="Try other words, or clear the search to browse every request type."
        />
      ) : (
        <RequestTypeList portalId={portal.id} types={matches} />
      )}
    </section>
  );
}

function PortalPageSkeleton() {
  return (
    <Stack gap="lg" role="status" aria-label="Loading the portal">
      <Skeleton height={14} width={160} />
      <Skeleton height={150} radius="md" />
      <Group align="flex-start" wrap="nowrap" gap="lg">
        <Stack gap="xs" w={240} visibleFrom="sm">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={36} radius="md" />
          ))}
        </Stack>
        <Stack gap="md" style={{ flex: 1 }}>
          {[0, 1, 2].map((i) => (
            <Group key={i} wrap="nowrap" gap="md">
              <Skeleton height={40} width={40} radius="md" />
              <Stack gap={6} style={{ flex: 1 }}>
                <Skeleton height={14} width="45%" />
                <Skeleton height={12} width="80%" />
              </Stack>
            </Group>
          ))}
        </Stack>
      </Group>
    </Stack>
  );
}
