import { Divider, NavLink, ScrollArea, Select, Stack, Text } from '@mantine/core';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useProjects } from '@/api/projects';
import { paths } from '@/lib/paths';
import { GlobalSearch } from './GlobalSearch';
import { OPERATIONS_ITEMS, SETTINGS_ITEMS, WORK_ITEMS } from './projectAreas';
import type { ProjectNavItem } from './projectAreas';

export interface ProjectNavProps {
  projectKey: string | undefined;
  /** Called after a link is followed (closes the navbar on phones) */
  onNavigate?: () => void;
}

/** The sidebar of the agent workspace: project switcher, work lists, later areas, settings. */
export function ProjectNav({ projectKey, onNavigate }: ProjectNavProps) {
  const projects = useProjects();
  const navigate = useNavigate();
  const project = projects.data?.find((p) => p.key === projectKey);

  return (
    <ScrollArea type="scroll" style={{ flex: 1 }}>
      <Stack gap="xs" p="sm">
        {/* The header has the search box from the `sm` breakpoint up; below it, it lives here. */}
        <Stack hiddenFrom="sm">
          <GlobalSearch />
        </Stack>
        {projects.data && projects.data.length > 1 ? (
          <Select
            label="Project"
            size="sm"
            data={projects.data.map((p) => ({ value: p.key, label: `${p.name} (${p.key})` }))}
            value={projectKey ?? null}
            onChange={(key) => {
              if (key) {
                navigate(paths.queues(key));
                onNavigate?.();
              }
            }}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
          />
        ) : (
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Project
            </Text>
            <Text fw={600} truncate>
              {project ? project.name : (projectKey ?? (projects.isPending ? '…' : 'No project'))}
            </Text>
          </div>
        )}
        {projectKey ? (
          <>
            <NavSection label="Work" items={WORK_ITEMS} projectKey={projectKey} onNavigate={onNavigate} />
            <Divider />
            <NavSection label="Operations" items={OPERATIONS_ITEMS} projectKey={projectKey} onNavigate={onNavigate} />
          </>
        ) : (
          !projects.isPending && (
            <Text size="sm" c="dimmed">
              You have no role in any project yet.
            </Text>
          )
        )}
        <Divider />
        <NavSection label="Settings" items={SETTINGS_ITEMS} projectKey={projectKey ?? ''} onNavigate={onNavigate} />
      </Stack>
    </ScrollArea>
  );
}

interface NavSectionProps {
  label: string;
  items: readonly ProjectNavItem[];
  projectKey: string;
  onNavigate?: (() => void) | undefined;
}

function NavSection({ label, items, projectKey, onNavigate }: NavSectionProps) {
  const { pathname } = useLocation();
  // The most specific entry is the current one (/cmdb/SVC is Services, not Assets).
  const matches = (href: string) => pathname === href || pathname.startsWith(`${href}/`);
  const current = items
    .map((item) => item.href(projectKey))
    .filter(matches)
    .sort((a, b) => b.length - a.length)[0];
  return (
    <div role="group" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} px="xs" pb={4}>
        {label}
      </Text>
      {items.map((item) => {
        const href = item.href(projectKey);
        const active = href === current;
        const ItemIcon = item.icon;
        return (
          <NavLink
            key={item.label}
            component={Link}
            to={href}
            label={item.label}
            leftSection={<ItemIcon size={18} stroke={1.6} aria-hidden />}
            active={active}
            aria-current={active ? 'page' : undefined}
            onClick={onNavigate}
            variant="light"
          />
        );
      })}
    </div>
  );
}
