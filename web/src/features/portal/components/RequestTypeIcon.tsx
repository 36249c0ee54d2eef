import { ThemeIcon } from '@mantine/core';
import type { MantineSize } from '@mantine/core';
import {
  IconAlertTriangle,
  IconApps,
  IconBriefcase,
  IconBug,
  IconBuilding,
  IconCalendar,
  IconCloud,
  IconCreditCard,
  IconDatabase,
  IconDeviceLaptop,
  IconFile,
  IconGitPullRequest,
  IconHeadset,
  IconHelp,
  IconKey,
  IconLifebuoy,
  IconLock,
  IconMail,
  IconMessageCircle,
  IconPackage,
  IconPhone,
  IconPrinter,
  IconRocket,
  IconServer,
  IconSettings,
  IconShield,
  IconSpeakerphone,
  IconTool,
  IconTruck,
  IconUserPlus,
  IconUsers,
  IconWifi,
  IconWorld,
} from '@tabler/icons-react';
import type { TablerIcon } from '@tabler/icons-react';

/** Icon names a request type may carry (Tabler names), with the colour of their tile. */
const ICONS: Record<string, { icon: TablerIcon; color: string }> = {
  lifebuoy: { icon: IconLifebuoy, color: 'blue' },
  help: { icon: IconHelp, color: 'blue' },
  apps: { icon: IconApps, color: 'violet' },
  'alert-triangle': { icon: IconAlertTriangle, color: 'red' },
  bug: { icon: IconBug, color: 'red' },
  tool: { icon: IconTool, color: 'teal' },
  'git-pull-request': { icon: IconGitPullRequest, color: 'grape' },
  'device-laptop': { icon: IconDeviceLaptop, color: 'indigo' },
  key: { icon: IconKey, color: 'yellow' },
  lock: { icon: IconLock, color: 'yellow' },
  shield: { icon: IconShield, color: 'orange' },
  mail: { icon: IconMail, color: 'cyan' },
  'message-circle': { icon: IconMessageCircle, color: 'cyan' },
  headset: { icon: IconHeadset, color: 'blue' },
  phone: { icon: IconPhone, color: 'cyan' },
  'user-plus': { icon: IconUserPlus, color: 'green' },
  users: { icon: IconUsers, color: 'green' },
  server: { icon: IconServer, color: 'indigo' },
  cloud: { icon: IconCloud, color: 'blue' },
  database: { icon: IconDatabase, color: 'indigo' },
  calendar: { icon: IconCalendar, color: 'orange' },
  file: { icon: IconFile, color: 'gray' },
  package: { icon: IconPackage, color: 'orange' },
  world: { icon: IconWorld, color: 'teal' },
  wifi: { icon: IconWifi, color: 'teal' },
  printer: { icon: IconPrinter, color: 'gray' },
  settings: { icon: IconSettings, color: 'gray' },
  briefcase: { icon: IconBriefcase, color: 'pink' },
  'credit-card': { icon: IconCreditCard, color: 'pink' },
  speakerphone: { icon: IconSpeakerphone, color: 'orange' },
  rocket: { icon: IconRocket, color: 'grape' },
  truck: { icon: IconTruck, color: 'lime' },
  building: { icon: IconBuilding, color: 'gray' },
};

const DEFAULT_ICON = { icon: IconHelp, color: 'blue' };

/** The Tabler icon and colour for a request type's icon name (a help icon for unknown names). */
export function requestTypeIcon(name: string | null | undefined): { icon: TablerIcon; color: string } {
  if (!name) return DEFAULT_ICON;
  return ICONS[name.trim().toLowerCase().replace(/^icon-?/, '')] ?? DEFAULT_ICON;
}

export interface RequestTypeIconProps {
  icon: string | null | undefined;
  size?: MantineSize | number;
}

/** A request type's icon on a coloured tile; decorative (the name is always written beside it). */
export function RequestTypeIcon({ icon, size = 'lg' }: RequestTypeIconProps) {
  const { icon: Glyph, color } = requestTypeIcon(icon);
  return (
    <ThemeIcon size={size} radius="md" variant="light" color={color} aria-hidden>
      <Glyph style={{ width: '62%', height: '62%' }} stroke={1.8} />
    </ThemeIcon>
  );
}
