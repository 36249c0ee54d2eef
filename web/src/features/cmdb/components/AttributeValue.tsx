import { Anchor, Badge, Group, Stack, Text } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { ObjectBadges } from '@/components/ObjectBadges';
import { UserAvatar } from '@/components/UserAvatar';
import { isObjectValue, toObjectValues } from '@/lib/objectValues';
import type { CmdbAttribute } from '../api/types';
import { isUserRef } from '../lib/attributeValues';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "2026-11-28" → "Nov 28, 2026" (a calendar date: no time zone shift). */
export function formatDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  return dateFormat.format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

export function formatDateTime(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateTimeFormat.format(d);
}

const isSafeUrl = (value: string) => /^https?:\/\//i.test(value.trim());
const isEmail = (value: string) => /^[^\s@<>]+@[^\s@<>]+$/.test(value.trim());

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

export interface AttributeValueProps {
  attribute: Pick<CmdbAttribute, 'type' | 'name'>;
  value: unknown;
  /** One line (table cells): lists joined, long text cut */
  compact?: boolean;
}

/** An attribute's value by its type: people, teams, references as links, dates, links, text. */
export function AttributeValue({ attribute, value, compact = false }: AttributeValueProps) {
  if (isEmpty(value)) {
    return (
      <Text size="sm" c="dimmed">
        {compact ? '—' : 'None'}
      </Text>
    );
  }
  if (attribute.type === 'reference' || isObjectValue(value) || (Array.isArray(value) && value.every(isObjectValue))) {
    return <ObjectBadges objects={toObjectValues(value)} linked />;
  }
  const list: unknown[] = Array.isArray(value) ? value : [value];
  if (list.length > 1 && !compact) {
    return (
      <Stack gap={4}>
        {list.map((v, i) => (
          <One key={i} type={attribute.type} value={v} compact={compact} />
        ))}
      </Stack>
    );
  }
  if (list.length > 1) {
    return (
      <Group gap={6} wrap="wrap">
        {list.map((v, i) => (
          <One key={i} type={attribute.type} value={v} compact />
        ))}
      </Group>
    );
  }
  return <One type={attribute.type} value={list[0]} compact={compact} />;
}

function One({ type, value, compact }: { type: string; value: unknown; compact: boolean }) {
  if (isUserRef(value)) {
    return (
      <Group gap={6} wrap="nowrap">
        <UserAvatar user={value} size={compact ? 20 : 24} decorative />
        <Text size="sm" truncate>
          {value.displayName}
        </Text>
      </Group>
    );
  }
  if (typeof value === 'object' && value !== null && typeof (value as { name?: unknown }).name === 'string') {
    return (
      <Group gap={6} wrap="nowrap">
        <IconUsersGroup size={16} aria-hidden />
        <Text size="sm">{(value as { name: string }).name}</Text>
      </Group>
    );
  }
  if (typeof value === 'boolean') return <Text size="sm">{value ? 'Yes' : 'No'}</Text>;
  if (typeof value === 'number') return <Text size="sm">{value.toLocaleString()}</Text>;
  const text = String(value);
  switch (type) {
    case 'status':
      return (
        <Badge variant="light" radius="sm" tt="none" fw={600} size="md">
          {text}
        </Badge>
      );
    case 'date':
      return (
        <Text size="sm" component="time" dateTime={text}>
          {formatDate(text)}
        </Text>
      );
    case 'datetime':
      return (
        <Text size="sm" component="time" dateTime={text} title={text}>
          {formatDateTime(text)}
        </Text>
      );
    case 'url':
      return isSafeUrl(text) ? (
        <Anchor href={text} target="_blank" rel="noopener noreferrer nofollow" size="sm" style={{ overflowWrap: 'anywhere' }}>
          {text}
        </Anchor>
      ) : (
        <Text size="sm">{text}</Text>
      );
    case 'email':
      return isEmail(text) ? (
        <Anchor href={`mailto:${text}`} size="sm">
          {text}
        </Anchor>
      ) : (
        <Text size="sm">{text}</Text>
      );
    case 'textarea':
      return compact ? (
        <Text size="sm" lineClamp={2}>
          {text}
        </Text>
      ) : (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {text}
        </Text>
      );
    default:
      return (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }} lineClamp={compact ? 2 : undefined}>
          {text}
        </Text>
      );
  }
}
