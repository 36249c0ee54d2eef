import { Avatar, Tooltip } from '@mantine/core';
import { IconUser } from '@tabler/icons-react';
import type { UserRef } from '@/api/types';

export interface UserAvatarProps {
  user: Pick<UserRef, 'username' | 'displayName'> | null | undefined;
  size?: 'xs' | 'sm' | 'md' | 'lg' | number;
  /** Show the name in a tooltip on hover and focus */
  withTooltip?: boolean;
  /** The name is written next to it: hide the avatar from screen readers */
  decorative?: boolean;
}

/** Initials avatar of a user (stable colour per name); "Unassigned" when there is no user. */
export function UserAvatar({ user, size = 'sm', withTooltip = false, decorative = false }: UserAvatarProps) {
  const label = user ? user.displayName : 'Unassigned';
  const a11y = decorative ? { 'aria-hidden': true } : { role: 'img', 'aria-label': label };
  const avatar = user ? (
    <Avatar name={user.displayName} color="initials" size={size} radius="xl" {...a11y} />
  ) : (
    <Avatar size={size} radius="xl" {...a11y}>
      <IconUser size="60%" aria-hidden />
    </Avatar>
  );
  return withTooltip ? (
    <Tooltip label={label} withArrow openDelay={300}>
      {avatar}
    </Tooltip>
  ) : (
    avatar
  );
}
