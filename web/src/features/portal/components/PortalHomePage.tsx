import { Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconBuildingStore, IconSpeakerphone } from '@tabler/icons-react';
import { useId } from 'react';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '@/api/session';
import { EmptyState } from '@/components/EmptyState';
import { PageError } from '@/components/PageError';
import { paths } from '@/lib/paths';
import { usePageTitle } from '@/lib/usePageTitle';
import { usePortalDetails, usePortals } from '../api/portals';
import type { Portal } from '../api/types';
import { matchCountTitle, searchRequestTypes } from '../lib/searchRequestTypes';
import { HelpCenterSearch } from './HelpCenterSearch';
import { RequestTypeCard } from './RequestTypeCard';
import { useSearchParam } from './useSearchParam';
import classes from './portal.module.css';

/** /portal — the help center: a search over every request type, and the portals as cards. */
export function PortalHomePage() {
  usePageTitle('Help Center');
  const user = useCurrentUser();
  const [query, setQuery] = useSearchParam('q');
  const portals = usePortals();
  const searching = query.trim().length > 0;

  return (
    <Stack gap="xl">
      <header className={classes.hero}>
        <Stack gap="md" maw={640} mx="auto" ta="center">
          <Title order={1} size="h2" c="white">
            Welcome to the help center, {user.displayName}
          </Title>
          <Text c="blue.0">Raise a request or find out how the ones you raised are going.</Text>
          <HelpCenterSearch value={query} onChange={setQuery} />
        </Stack>
      </header>

      {portals.isPending ? (
        <PortalCardsSkeleton />
      ) : portals.isError ? (
        <PageError error={portals.error} onRetry={() => void portals.refetch()} />
      ) : portals.data.length === 0 ? (
        <EmptyState
          title="No help center portals"
          description="You have no portals to raise requests in yet. Ask your service desk to add you as a customer."
        />
      ) : searching ? (
        <SearchResults portals={portals.data} query={query} />
      ) : (
        <PortalCards portals={portals.data} />
      )}
    </Stack>
  );
}

function PortalCards({ portals }: { portals: readonly Portal[] }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb="sm">
        Portals
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
        {portals.map((portal) => (
          <PortalCard key={portal.id} portal={portal} />
        ))}
      </SimpleGrid>
    </section>
  );
}

function PortalCard({ portal }: { portal: Portal }) {
  const id = useId();
  const count = portal.requestTypeCount;
  return (
    <Paper
      component={Link}
      to={paths.portalHome(portal.id)}
      withBorder
      radius="md"
      p="lg"
      className={classes.portalCard}
      aria-labelledby={`${id}-name`}
      aria-describedby={`${id}-desc`}
    >
      <Stack gap="sm">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon size={44} radius="md" variant="light" aria-hidden>
            <IconBuildingStore size={26} stroke={1.6} />
          </ThemeIcon>
          <Text id={`${id}-name`} fw={700} size="lg" c="blue.8">
            {portal.name}
          </Text>
        </Group>
        <Stack gap={6} id={`${id}-desc`}>
          {portal.description && (
            <Text size="sm" c="dimmed" lineClamp={3}>
              {portal.description}
            </Text>
          )}
          <Group gap="xs">
            {count !== undefined && (
              <Badge variant="default" radius="sm" tt="none" fw={500}>
                {count === 1 ? '1 request type' : `${count} request types`}
              </Badge>
            )}
            {portal.announcement && (
              <Badge
                color="orange"
                variant="light"
                radius="sm"
                tt="none"
                fw={500}
                leftSection={<IconSpeakerphone size={12} aria-hidden />}
              >
                Announcement
              </Badge>
            )}
          </Group>
        </Stack>
      </Stack>
    </Paper>
  );
}

/** Request types of every portal that match the search box. */
function SearchResults({ portals, query }: { portals: readonly Portal[]; query: string }) {
  const headingId = useId();
  const details = usePortalDetails(
    portals.map((p) => p.id),
    true,
  );
  const failed = details.find((d) => d.isError);
  if (failed) return <PageError error={failed.error} onRetry={() => void failed.refetch()} />;
  if (details.some((d) => d.isPending)) return <PortalCardsSkeleton label="Searching request types" />;

  const all = details.flatMap((d) =>
    d.data ? d.data.requestTypes.map((t) => ({ ...t, portalId: d.data.id, portalName: d.data.name })) : [],
  );
  const matches = searchRequestTypes(all, query);
  return (
    <section aria-labelledby={headingId}>
      <Title order={2} size="h4" id={headingId} mb="sm">
        {matchCountTitle(matches.length)}
      </Title>
      {matches.length === 0 ? (
        <EmptyState
          title={`Nothing found for “${query.trim()}”`}
          description="Try other words, or pick a portal and browse its request types."
        />
      ) : (
        <Paper withBorder radius="md" p="xs">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing={4} verticalSpacing={4}>
            {matches.map((t) => (
              <RequestTypeCard
                key={`${t.portalId}-${t.id}`}
                portalId={t.portalId}
                requestType={t}
                context={portals.length > 1 ? t.portalName : undefined}
              />
            ))}
          </SimpleGrid>
        </Paper>
      )}
    </section>
  );
}

function PortalCardsSkeleton({ label = 'Loading portals' }: { label?: string }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md" role="status" aria-label={label}>
      {[0, 1, 2].map((i) => (
        <Paper key={i} withBorder radius="md" p="lg">
          <Group gap="sm" mb="sm">
            <Skeleton height={44} width={44} radius="md" />
            <Skeleton height={20} width="50%" />
          </Group>
          <Skeleton height={12} mb={6} />
          <Skeleton height={12} width="70%" />
        </Paper>
      ))}
    </SimpleGrid>
  );
}
