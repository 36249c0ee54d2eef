import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import type { UserRef } from '@/api/types';
import { ObjectBadges } from '@/components/ObjectBadges';
import { isObjectValue, toObjectValues } from '@/lib/objectValues';
import { UserAvatar } from '@/components/UserAvatar';
import type { EditorType } from '../lib/fieldValues';
import { formatDate, formatDateTimeValue, isEmptyValue, isSafeUrl, isUserRef } from '../lib/fieldValues';
import { PlainText } from './PlainText';

export function UserLine({ user, fallback = 'None' }: { user: UserRef | null | undefined; fallback?: string }) {
  return (
    <Group gap={8} wrap="nowrap">
      <UserAvatar user={user} size={24} decorative />
      <Text size="sm" c={user ? undefined : 'dimmed'} truncate>
        {user ? user.displayName : fallback}
      </Text>
    </Group>
  );
}

export function None({ text = 'None' }: { text?: string }) {
  return (
    <Text size="sm" c="dimmed">
      {text}
    </Text>
  );
}

export function BadgeList({ values }: { values: readonly string[] }) {
  if (values.length === 0) return <None />;
  return (
    <Group gap={4}>
      {values.map((v) => (
        <Badge key={v} variant="light" color="gray" c="dark.6" radius="sm" tt="none" fw={500} size="md" style={{ maxWidth: '100%' }}>
          {v}
        </Badge>
      ))}
    </Group>
  );
}

export function UserList({ users }: { users: readonly UserRef[] }) {
  if (users.length === 0) return <None />;
  return (
    <Stack gap={4}>
      {users.map((u) => (
        <UserLine key={u.username} user={u} />
      ))}
    </Stack>
  );
}

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/**
 * A field value by its type (from the field definition when known, else from the value's shape):
 * strings, arrays as badges, users with avatars, yes/no, dates and times, links.
 */
export function FieldValue({ type, value }: { type: EditorType | undefined; value: unknown }) {
  if (isEmptyValue(value)) return <None />;
  if (type === 'object' || (Array.isArray(value) && value.every(isObjectValue))) {
    return <ObjectBadges objects={toObjectValues(value)} linked />;
  }
  if (typeof value === 'boolean') return <Text size="sm">{value ? 'Yes' : 'No'}</Text>;
  if (typeof value === 'number') return <Text size="sm">{value.toLocaleString()}</Text>;
  if (isUserRef(value)) return <UserLine user={value} />;
  if (Array.isArray(value)) {
    if (value.every(isUserRef)) return <UserList users={value} />;
    return <BadgeList values={value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)))} />;
  }
  if (typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string') {
    return (
      <Group gap={6} wrap="nowrap">
        <IconUsersGroup size={16} aria-hidden />
        <Text size="sm">{(value as { name: string }).name}</Text>
      </Group>
    );
  }
  const text = String(value);
  if (type === 'url' || (type === undefined && isSafeUrl(text))) {
    return isSafeUrl(text) ? (
      <Anchor href={text} target="_blank" rel="noopener noreferrer nofollow" size="sm" style={{ overflowWrap: 'anywhere' }}>
        {text}
      </Anchor>
    ) : (
      <Text size="sm">{text}</Text>
    );
  }
  if (type === 'date' || (type === undefined && DATE_RE.test(text))) {
    return (
      <Text size="sm" component="time" dateTime={text}>
        {formatDate(text)}
      </Text>
    );
  }
  if (type === 'datetime' || (type === undefined && DATETIME_RE.test(text))) {
    return (
      <Text size="sm" component="time" dateTime={text} title={text}>
        {formatDateTimeValue(text)}
      </Text>
    );
  }
  if (type === 'paragraph') return <PlainText text={text} />;
  return (
    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
      {text}
    </Text>
  );
}
