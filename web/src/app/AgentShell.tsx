import { AppShell, Burger, Button, Group } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconPlus } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { CreateIssueDialog } from '@/features/issues';
import { paths } from '@/lib/paths';
import { Brand } from './Brand';
import { CreateIssueProvider, useCreateIssue } from './createIssue';
import { GlobalSearch } from './GlobalSearch';
import { useLiveUpdates } from './live';
import { NavigationProgress } from './NavigationProgress';
import { ProjectNav } from './ProjectNav';
import { SkipLink } from './SkipLink';
import { useCurrentProjectKey } from './useCurrentProjectKey';
import { UserMenu } from './UserMenu';

/**
 * The agent workspace: header (brand, search, Create, user menu) and the project sidebar, which
 * collapses behind a burger below the `sm` breakpoint. Shortcuts: `c` create, `/` search.
 */
export function AgentShell() {
  useLiveUpdates();
  const [navOpened, nav] = useDisclosure(false);
  const closeNav = nav.close;
  const { pathname } = useLocation();
  const projectKey = useCurrentProjectKey();

  // On phones the sidebar overlays the page: close it whenever the page changes.
  useEffect(() => closeNav(), [pathname, closeNav]);

  return (
    <CreateIssueProvider dialog={CreateIssueDialog}>
      <SkipLink />
      <NavigationProgress />
      <AppShell
        header={{ height: 56 }}
        navbar={{ width: 248, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding="md"
      >
        <AppShell.Header>
          <AgentHeader
            projectKey={projectKey}
            navOpened={navOpened}
            onToggleNav={nav.toggle}
          />
        </AppShell.Header>
        <AppShell.Navbar aria-label="Project navigation">
          <ProjectNav projectKey={projectKey} onNavigate={closeNav} />
        </AppShell.Navbar>
        <AppShell.Main id="main-content" tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </CreateIssueProvider>
  );
}

interface AgentHeaderProps {
  projectKey: string | undefined;
  navOpened: boolean;
  onToggleNav: () => void;
}

function AgentHeader({ projectKey, navOpened, onToggleNav }: AgentHeaderProps) {
  const createIssue = useCreateIssue();
  const searchRef = useRef<HTMLInputElement>(null);
  const openCreate = () => createIssue.open(projectKey ? { projectKey } : {});
  useHotkeys([
    ['c', openCreate],
    ['/', () => searchRef.current?.focus()],
  ]);

  return (
    <Group h="100%" px="md" gap="sm" wrap="nowrap" justify="space-between">
      <Group gap="sm" wrap="nowrap">
        <Burger
          opened={navOpened}
          onClick={onToggleNav}
          hiddenFrom="sm"
          size="sm"
          aria-label={navOpened ? 'Close navigation' : 'Open navigation'}
        />
        <Brand to={paths.home()} />
      </Group>
      <Group gap="sm" wrap="nowrap" style={{ flex: 1 }} justify="flex-end">
        <Group visibleFrom="sm" style={{ flex: 1, maxWidth: 420 }}>
          <GlobalSearch ref={searchRef} withShortcutHint />
        </Group>
        <Button leftSection={<IconPlus size={16} />} onClick={openCreate} aria-keyshortcuts="c">
          Create
        </Button>
        <UserMenu place="agent" />
      </Group>
    </Group>
  );
}
