import { Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconHelpCircle, IconLayoutDashboard, IconLogout } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { isStaff, useCurrentUser } from '@/api/session';
import { UserAvatar } from '@/components/UserAvatar';
import { useLogout } from '@/features/auth';
import { paths } from '@/lib/paths';

export interface UserMenuProps {
  /** Which shell it sits in: the other one is offered as a link */
  place: 'agent' | 'portal';
}

/** Avatar and name; the menu links to the other side of the app and signs out. */
export function UserMenu({ place }: UserMenuProps) {
  const user = useCurrentUser();
  const logout = useLogout();
  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={`Account menu for ${user.displayName}`} p={4} style={{ borderRadius: 4 }}>
          <Group gap={8} wrap="nowrap">
            <UserAvatar user={user} size="sm" decorative />
            <Text size="sm" fw={500} visibleFrom="sm" truncate maw={160}>
              {user.displayName}
            </Text>
            <IconChevronDown size={14} aria-hidden />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {user.displayName}
          <br />@{user.username}
        </Menu.Label>
        {place === 'agent' ? (
          <Menu.Item component={Link} to={paths.portal()} leftSection={<IconHelpCircle size={16} />}>
            Help center
          </Menu.Item>
        ) : (
          isStaff(user) && (
            <Menu.Item component={Link} to={paths.home()} leftSection={<IconLayoutDashboard size={16} />}>
              Agent workspace
            </Menu.Item>
          )
        )}
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconLogout size={16} />}
          onClick={() => logout.mutate()}
          disabled={logout.isPending}
        >
          Log out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
