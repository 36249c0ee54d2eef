/**
 * The project sidebar: Queues, the issue lists by type, then the operations areas: Services and
 * Assets (the CMDB), and the areas later capabilities fill (each renders ComingLater until its
 * feature replaces the route); last the settings areas (Automation).
 */
import {
  IconAlertTriangle,
  IconBell,
  IconBolt,
  IconBook2,
  IconBug,
  IconCalendarEvent,
  IconChartBar,
  IconClipboardCheck,
  IconDatabase,
  IconExchange,
  IconHeadset,
  IconLayoutList,
  IconServer2,
  IconUsersGroup,
  IconZoomQuestion,
} from '@tabler/icons-react';
import type { Icon } from '@tabler/icons-react';
import { ISSUE_KINDS } from '@/lib/issueKinds';
import { paths } from '@/lib/paths';

export interface ProjectNavItem {
  label: string;
  icon: Icon;
  href: (projectKey: string) => string;
}

const KIND_ICONS: Record<string, Icon> = {
  'service-requests': IconHeadset,
  incidents: IconAlertTriangle,
  problems: IconZoomQuestion,
  changes: IconExchange,
  'post-incident-reviews': IconClipboardCheck,
};

export const WORK_ITEMS: readonly ProjectNavItem[] = [
  { label: 'Queues', icon: IconLayoutList, href: (key) => paths.queues(key) },
  ...ISSUE_KINDS.map((kind) => ({
    label: kind.label,
    icon: KIND_ICONS[kind.slug] ?? IconBug,
    href: (key: string) => paths.issueList(key, kind.slug),
  })),
];

export interface ComingArea {
  /** URL segment under /projects/:projectKey/ */
  slug: string;
  label: string;
  icon: Icon;
  capability: string;
  spec: string;
  description: string;
}

export const COMING_AREAS: readonly ComingArea[] = [
  {
    slug: 'change-calendar',
    label: 'Change calendar',
    icon: IconCalendarEvent,
    capability: 'change enablement',
    spec: 'S6',
    description: 'It will show planned changes, freezes and conflicts by service.',
  },
  {
    slug: 'alerts',
    label: 'Alerts',
    icon: IconBell,
    capability: 'alerts and integrations',
    spec: 'S8',
    description: 'It will show incoming alerts from monitoring tools and their activity.',
  },
  {
    slug: 'on-call',
    label: 'On-call',
    icon: IconUsersGroup,
    capability: 'on-call schedules and escalations',
    spec: 'S8',
    description: 'It will show who is on call, schedules, rotations and escalation policies.',
  },
  {
    slug: 'knowledge',
    label: 'Knowledge base',
    icon: IconBook2,
    capability: 'the knowledge base',
    spec: 'S10',
    description: 'It will hold runbooks, known errors and post-incident reviews.',
  },
  {
    slug: 'reports',
    label: 'Reports',
    icon: IconChartBar,
    capability: 'reports and dashboards',
    spec: 'S12',
    description: 'It will chart workload, SLAs, incidents by priority and DORA metrics.',
  },
];

const CMDB_ITEMS: readonly ProjectNavItem[] = [
  { label: 'Services', icon: IconServer2, href: () => paths.services() },
  { label: 'Assets', icon: IconDatabase, href: () => paths.cmdb() },
];

/** The "Operations" section: the change calendar, Services and Assets, then the later areas. */
export const OPERATIONS_ITEMS: readonly ProjectNavItem[] = COMING_AREAS.flatMap((area) => {
  const item: ProjectNavItem = {
    label: area.label,
    icon: area.icon,
    href: (key: string) => paths.projectArea(key, area.slug),
  };
  return area.slug === 'change-calendar' ? [item, ...CMDB_ITEMS] : [item];
});

/** The "Settings" section: areas that configure how the workspace works, for agents and admins. */
export const SETTINGS_ITEMS: readonly ProjectNavItem[] = [
  { label: 'Automation', icon: IconBolt, href: () => paths.automation() },
];
