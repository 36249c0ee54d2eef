/**
 * The project sidebar: Queues, the issue lists by type, then the operations areas: the change
 * calendar and deployments (change enablement), Services and Assets (the CMDB), the areas later
 * capabilities fill (each renders ComingLater until its feature replaces the route) and Reports;
 * last the settings areas (Automation, Change management).
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
  IconAdjustmentsHorizontal,
  IconDatabase,
  IconExchange,
  IconHeadset,
  IconLayoutList,
  IconRocket,
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
];

const CHANGE_ITEMS: readonly ProjectNavItem[] = [
  { label: 'Change calendar', icon: IconCalendarEvent, href: (key) => paths.changeCalendar(key) },
  { label: 'Deployments', icon: IconRocket, href: (key) => paths.deployments(key) },
];

const CMDB_ITEMS: readonly ProjectNavItem[] = [
  { label: 'Services', icon: IconServer2, href: () => paths.services() },
  { label: 'Assets', icon: IconDatabase, href: () => paths.cmdb() },
];

const REPORT_ITEMS: readonly ProjectNavItem[] = [
  { label: 'Reports', icon: IconChartBar, href: (key) => paths.reports(key) },
];

/**
 * The "Operations" section: the change calendar and deployments, Services and Assets, the later
 * areas, then Reports.
 */
export const OPERATIONS_ITEMS: readonly ProjectNavItem[] = [
  ...CHANGE_ITEMS,
  ...CMDB_ITEMS,
  ...COMING_AREAS.map((area) => ({
    label: area.label,
    icon: area.icon,
    href: (key: string) => paths.projectArea(key, area.slug),
  })),
  ...REPORT_ITEMS,
];

/** The "Settings" section: areas that configure how the workspace works, for agents and admins. */
export const SETTINGS_ITEMS: readonly ProjectNavItem[] = [
  { label: 'Automation', icon: IconBolt, href: () => paths.automation() },
  { label: 'Change management', icon: IconAdjustmentsHorizontal, href: () => paths.changeSettings() },
];
