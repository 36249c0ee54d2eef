import {
  ActionIcon,
  Button,
  Group,
  LoadingOverlay,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconChevronLeft, IconChevronRight, IconPlus, IconSnowflake } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '@/api/session';
import { PageError } from '@/components/PageError';
import { RISK_LEVELS, riskColor } from '@/lib/changeRisk';
import { usePageTitle } from '@/lib/usePageTitle';
import { useChangeCalendar } from '../api/calendar';
import { useChangeStatuses, useServices } from '../api/lookups';
import type { ChangeType } from '../api/types';
import type { CalendarView } from '../lib/calendar';
import { formatDay, isCalendarView, parseDay, shiftAnchor, viewRange, viewTitle } from '../lib/calendar';
import { changeSpans, freezeSpans } from '../lib/calendarItems';
import { ChangeTable } from './ChangeTable';
import classes from './Changes.module.css';
import { FreezeWindowDialog } from './FreezeWindowDialog';
import { FreezeWindowList } from './FreezeWindowList';
import { MonthView } from './MonthView';
import { TimeGridView } from './TimeGridView';

const VIEWS: { value: CalendarView; label: string }[] = [
  { value: 'month', label: 'Month' },
  { value: 'week', label: 'Week' },
  { value: 'day', label: 'Day' },
];

const CHANGE_TYPES: ChangeType[] = ['Standard', 'Normal', 'Emergency'];

/**
 * /projects/:projectKey/change-calendar?view=&date=&changeType=&service=&status= — changes by
 * their planned window in a month, week or day view, filtered by change type, service and status
 * (all in the URL). Conflicting changes are outlined in red with the keys they conflict with;
 * freeze windows run as bands. Below: the period's changes as a table, and the freeze windows,
 * which administrators add and delete.
 */
export function ChangeCalendarPage() {
  usePageTitle('Change calendar');
  const me = useCurrentUser();
  const isAdmin = me.kind === 'admin';
  const [params, setParams] = useSearchParams();
  const [freezeOpened, freezeDialog] = useDisclosure(false);

  const view: CalendarView = isCalendarView(params.get('view')) ? (params.get('view') as CalendarView) : 'month';
  const dateParam = params.get('date');
  const anchor = useMemo(() => parseDay(dateParam) ?? new Date(), [dateParam]);
  const changeTypeParam = params.get('changeType');
  const changeType = CHANGE_TYPES.find((t) => t === changeTypeParam);
  const service = params.get('service') ?? undefined;
  const status = params.get('status') ?? undefined;

  const range = useMemo(() => viewRange(view, anchor), [view, anchor]);
  const calendar = useChangeCalendar({
    from: range.start.toISOString(),
    to: range.end.toISOString(),
    changeType,
    service,
    status,
  });
  const services = useServices();
  const statuses = useChangeStatuses();

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        for (const [name, value] of Object.entries(changes)) {
          if (value) next.set(name, value);
          else next.delete(name);
        }
        return next;
      },
      { replace: true },
    );
  const go = (day: Date, nextView: CalendarView = view) =>
    update({ date: formatDay(day), view: nextView === 'month' ? null : nextView });

  const changes = useMemo(() => changeSpans(calendar.data?.changes ?? []), [calendar.data]);
  const freezes = useMemo(() => freezeSpans(calendar.data?.freezeWindows ?? []), [calendar.data]);
  const conflicts = changes.filter((c) => c.change.conflicts.length > 0).length;
  const title = viewTitle(view, anchor);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={1} size="h2">
            Change calendar
          </Title>
          <Text size="sm" c="dimmed">
            Planned changes by their window, conflicts between them and freeze windows.
          </Text>
        </Stack>
        {isAdmin && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={freezeDialog.open}>
            Add freeze window
          </Button>
        )}
      </Group>

      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="xs" wrap="nowrap">
          <Button variant="default" size="sm" onClick={() => go(new Date())}>
            Today
          </Button>
          <Tooltip label={`Previous ${view}`}>
            <ActionIcon variant="default" size="lg" aria-label={`Previous ${view}`} onClick={() => go(shiftAnchor(view, anchor, -1))}>
              <IconChevronLeft size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={`Next ${view}`}>
            <ActionIcon variant="default" size="lg" aria-label={`Next ${view}`} onClick={() => go(shiftAnchor(view, anchor, 1))}>
              <IconChevronRight size={18} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Title order={2} size="h4" aria-live="polite">
            {title}
          </Title>
        </Group>
        <SegmentedControl
          aria-label="Calendar view"
          data={VIEWS}
          value={view}
          onChange={(v) => go(anchor, isCalendarView(v) ? v : 'month')}
        />
      </Group>

      <Group gap="sm" wrap="wrap" align="flex-end">
        <Select
          label="Change type"
          placeholder="All types"
          data={CHANGE_TYPES}
          value={changeType ?? null}
          onChange={(v) => update({ changeType: v })}
          clearable
          w={170}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label="Service"
          placeholder="All services"
          data={(services.data ?? []).map((s) => ({ value: s.key, label: s.label }))}
          value={service ?? null}
          onChange={(v) => update({ service: v })}
          searchable
          clearable
          w={230}
          nothingFoundMessage={services.isPending ? 'Loading…' : 'No matching services'}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label="Status"
          placeholder="All statuses"
          data={statuses.data ?? (status ? [status] : [])}
          value={status ?? null}
          onChange={(v) => update({ status: v })}
          clearable
          w={220}
          comboboxProps={{ withinPortal: true }}
        />
        <Legend />
      </Group>

      {calendar.isError && !calendar.data ? (
        <PageError error={calendar.error} onRetry={() => void calendar.refetch()} />
      ) : (
        <Paper className={classes.calendar} pos="relative" aria-label={`Change calendar: ${title}`} role="region">
          <LoadingOverlay visible={calendar.isPending || calendar.isPlaceholderData} zIndex={5} overlayProps={{ blur: 1 }} />
          {view === 'month' ? (
            <MonthView
              range={range}
              month={anchor}
              changes={changes}
              freezes={freezes}
              onShowDay={(day) => go(day, 'day')}
            />
          ) : (
            <TimeGridView days={range.days} changes={changes} freezes={freezes} />
          )}
        </Paper>
      )}
      {calendar.isError && calendar.data && (
        <Text size="sm" c="red.7" role="alert">
          Could not refresh the calendar. It shows what was loaded before.
        </Text>
      )}

      <Stack gap="xs" component="section" aria-labelledby="calendar-changes">
        <Group gap="xs">
          <Title order={2} size="h4" id="calendar-changes">
            Changes in this period
          </Title>
          {calendar.data && (
            <Text size="sm" c="dimmed">
              {changes.length} {changes.length === 1 ? 'change' : 'changes'}
              {conflicts > 0 ? `, ${conflicts} in conflict` : ''}
            </Text>
          )}
        </Group>
        {calendar.data ? <ChangeTable changes={changes} /> : null}
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="calendar-freezes">
        <Title order={2} size="h4" id="calendar-freezes">
          Freeze windows
        </Title>
        <FreezeWindowList canManage={isAdmin} />
      </Stack>

      {isAdmin && <FreezeWindowDialog opened={freezeOpened} onClose={freezeDialog.close} initialDay={anchor} />}
    </Stack>
  );
}

/** What the colours mean: risk levels, conflicts, freeze windows. */
function Legend() {
  return (
    <Group gap="sm" wrap="wrap" ml="auto" aria-label="Legend" role="group" pb={6}>
      {RISK_LEVELS.map((level) => (
        <Group key={level} gap={4} wrap="nowrap">
          <span className={classes.legendSwatch} style={{ background: `var(--mantine-color-${riskColor(level)}-6)` }} aria-hidden />
          <Text size="xs">{level}</Text>
        </Group>
      ))}
      <Group gap={4} wrap="nowrap">
        <IconAlertTriangle size={14} color="var(--mantine-color-red-7)" aria-hidden />
        <Text size="xs">Conflict</Text>
      </Group>
      <Group gap={4} wrap="nowrap">
        <IconSnowflake size={14} color="var(--mantine-color-cyan-8)" aria-hidden />
        <Text size="xs">Freeze</Text>
      </Group>
    </Group>
  );
}
