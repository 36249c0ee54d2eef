import { ActionIcon, Badge, Collapse, Group, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconArrowsSplit2, IconBolt, IconChevronDown, IconChevronRight, IconFilter, IconPlayerPlay, IconPuzzle, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useState } from 'react';
import classes from './Automation.module.css';

export type CardKind = 'trigger' | 'condition' | 'action' | 'block' | 'unknown';

const LOOK: Record<CardKind, { color: string; icon: ReactNode; tag: string }> = {
  trigger: { color: 'violet', icon: <IconBolt size={20} />, tag: 'When' },
  condition: { color: 'yellow', icon: <IconFilter size={20} />, tag: 'If' },
  action: { color: 'blue', icon: <IconPlayerPlay size={20} />, tag: 'Then' },
  block: { color: 'teal', icon: <IconArrowsSplit2 size={20} />, tag: 'If / else' },
  unknown: { color: 'gray', icon: <IconPuzzle size={20} />, tag: 'Component' },
};

/** The DOM id of a card (or branch), to scroll to the first one with an error. */
export const cardDomId = (uid: string) => `rule-part-${uid}`;

export interface CardControls {
  /** Undefined at the top of its list */
  onUp?: (() => void) | undefined;
  /** Undefined at the bottom of its list */
  onDown?: (() => void) | undefined;
  onRemove?: (() => void) | undefined;
}

export interface ChainCardProps {
  uid: string;
  kind: CardKind;
  title: string;
  summary?: string;
  hasError?: boolean;
  /** Move and remove buttons (left out when the rule is read-only) */
  controls?: CardControls | undefined;
  /** Start folded to the title and summary */
  folded?: boolean;
  children?: ReactNode;
}

/**
 * A card of the rule's chain: the "When / If / Then" tag and icon, the component's name and a
 * one-line summary, buttons to move it, fold it and remove it, then its settings.
 */
export function ChainCard({ uid, kind, title, summary, hasError = false, controls, folded = false, children }: ChainCardProps) {
  const [open, setOpen] = useState(!folded);
  const look = LOOK[kind];
  return (
    <section
      id={cardDomId(uid)}
      className={classes.card}
      data-kind={kind}
      data-error={hasError || undefined}
      aria-label={title}
      tabIndex={-1}
    >
      <div className={classes.cardHeader}>
        <ThemeIcon size={36} radius="md" variant="light" color={look.color} aria-hidden>
          {look.icon}
        </ThemeIcon>
        <div className={classes.cardTitle}>
          <Group gap={6} wrap="nowrap">
            <Badge size="xs" radius="sm" variant="light" color={look.color}>
              {look.tag}
            </Badge>
            <Text fw={600} size="sm" truncate>
              {title}
            </Text>
          </Group>
          {summary && (
            <Text size="xs" c="dimmed" truncate>
              {summary}
            </Text>
          )}
        </div>
        <Group gap={2} wrap="nowrap">
          {controls && (
            <>
              <Tooltip label="Move up" withinPortal>
                <ActionIcon variant="subtle" color="gray" aria-label={`Move ${title} up`} disabled={!controls.onUp} onClick={controls.onUp}>
                  <IconArrowUp size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
              <Tooltip label="Move down" withinPortal>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={`Move ${title} down`}
                  disabled={!controls.onDown}
                  onClick={controls.onDown}
                >
                  <IconArrowDown size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
            </>
          )}
          {children !== undefined && (
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={open ? `Fold ${title}` : `Unfold ${title}`}
              aria-expanded={open}
              onClick={() => setOpen((o) => !o)}
            >
              {open ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
            </ActionIcon>
          )}
          {controls?.onRemove && (
            <Tooltip label="Remove" withinPortal>
              <ActionIcon variant="subtle" color="red" aria-label={`Remove ${title}`} onClick={controls.onRemove}>
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      </div>
      {children !== undefined && (
        <Collapse in={open || hasError} transitionDuration={120}>
          <div className={classes.cardBody}>{children}</div>
        </Collapse>
      )}
    </section>
  );
}
