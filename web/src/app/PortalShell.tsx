import { Anchor, AppShell, Container, Group } from '@mantine/core';
import { Link, Outlet } from 'react-router-dom';
import { paths } from '@/lib/paths';
import { Brand } from './Brand';
import { useLiveUpdates } from './live';
import { NavigationProgress } from './NavigationProgress';
import { SkipLink } from './SkipLink';
import { UserMenu } from './UserMenu';

/** The help center: a light header over a centred column, for customers (and staff visiting). */
export function PortalShell() {
  useLiveUpdates();
  return (
    <>
      <SkipLink />
      <NavigationProgress />
      <AppShell header={{ height: 56 }} padding="md">
        <AppShell.Header>
          <Container size="md" h="100%">
            <Group h="100%" justify="space-between" wrap="nowrap">
              <Brand to={paths.portal()} label="Help center" />
              <Group gap="md" wrap="nowrap" component="nav" aria-label="Help center">
                <Anchor component={Link} to={paths.myRequests()} size="sm">
                  My requests
                </Anchor>
                <UserMenu place="portal" />
              </Group>
            </Group>
          </Container>
        </AppShell.Header>
        <AppShell.Main id="main-content" tabIndex={-1}>
          <Container size="md" px={0}>
            <Outlet />
          </Container>
        </AppShell.Main>
      </AppShell>
    </>
  );
}
