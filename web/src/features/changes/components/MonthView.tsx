import { Tooltip } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import { paths } from '@/lib/paths';
import type { CalendarRange } from '../lib/calendar';
import { bandSegments, formatTime, onDay, sameDay, weeksOf } from '../lib/calendar';
import type { ChangeSpan, FreezeSpan } from '../lib/calendarItems';
import { describeChange, riskVar } from '../lib/calendarItems';
import classes from './Changes.module.css';
import { FreezeBand } from './FreezeBand';

export interface MonthViewProps {
  range: CalendarRange;
  /** Any day of the month shown (days of other months are greyed) */
  month: Date;
  changes: readonly ChangeSpan[];
  freezes: readonly FreezeSpan[];
  /** "+N more" opens that day */
  onShowDay: (day: Date) => void;
  /** Changes shown in a day before "+N more" */
  perDay?: number;
  today?: Date;
}

const weekdayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short' });
const dayLabelFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });

/**
 * The month grid: whole weeks from Monday, each day with its changes (coloured by risk, red
 * outline and ⚠ when in conflict, greyed once done), freeze windows as bands across the days they
 * cover (hatched days underneath); "+N more" opens the day view.
 */
export function MonthView({ range, month, changes, freezes, onShowDay, perDay = 3, today = new Date() }: MonthViewProps) {
  const weeks = weeksOf(range.days);
  return (
    <div className={classes.calendarScroll}>
      <div className={classes.calendarInner}>
        <div className={classes.weekdays} aria-hidden>
          {(weeks[0] ?? []).map((d) => (
            <div key={d.getDay()} className={classes.weekday}>
              {weekdayFormat.format(d)}
            </div>
          ))}
        </div>
        {weeks.map((week) => {
          const bands = bandSegments(freezes, week);
          const changesRow = bands.length + 2;
          return (
            <div key={week[0]!.getTime()} className={classes.week} style={{ gridTemplateRows: `auto ${'auto '.repeat(bands.length)}1fr` }}>
              {week.map((day, column) => {
                const outside = day.getMonth() !== month.getMonth();
                const frozen = onDay(freezes, day);
                const hatch = frozen.some((f) => f.window.mode === 'block')
                  ? classes.frozenDay
                  : frozen.length > 0
                    ? classes.flaggedDay
                    : '';
                return (
                  <div
                    key={`bg-${day.getTime()}`}
                    className={[classes.dayCell, outside ? classes.outside : '', hatch].join(' ')}
                    style={{ gridColumn: column + 1, gridRow: `1 / ${changesRow + 1}` }}
                  />
                );
              })}
              {week.map((day, column) => (
                <div
                  key={`n-${day.getTime()}`}
                  className={[classes.dayNumber, day.getMonth() !== month.getMonth() ? classes.dayNumberOutside : ''].join(' ')}
                  style={{ gridColumn: column + 1, gridRow: 1 }}
                  aria-hidden
                >
                  <span className={sameDay(day, today) ? classes.today : undefined}>{day.getDate()}</span>
                </div>
              ))}
              {bands.map((segment, i) => (
                <FreezeBand
                  key={`f-${segment.item.window.id}`}
                  segment={segment}
                  style={{ gridColumn: `${segment.startColumn + 1} / ${segment.endColumn + 2}`, gridRow: i + 2 }}
                />
              ))}
              {week.map((day, column) => (
                <DayChanges
                  key={`c-${day.getTime()}`}
                  day={day}
                  changes={onDay(changes, day)}
                  perDay={perDay}
                  onShowDay={onShowDay}
                  style={{ gridColumn: column + 1, gridRow: changesRow }}
                />
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}

interface DayChangesProps {
  day: Date;
  changes: ChangeSpan[];
  perDay: number;
  onShowDay: (day: Date) => void;
  style: React.CSSProperties;
}

function DayChanges({ day, changes, perDay, onShowDay, style }: DayChangesProps) {
  const shown = changes.length > perDay ? changes.slice(0, perDay - 1) : changes;
  const hidden = changes.length - shown.length;
  const label = dayLabelFormat.format(day);
  return (
    <div className={classes.dayChanges} style={style} role="group" aria-label={label}>
      {shown.map((span) => (
        <ChangeChip key={span.change.key} span={span} day={day} />
      ))}
      {hidden > 0 && (
        <button type="button" className={classes.moreButton} onClick={() => onShowDay(day)} aria-label={`${hidden} more changes on ${label}`}>
          +{hidden} more
        </button>
      )}
    </div>
  );
}

function ChangeChip({ span, day }: { span: ChangeSpan; day: Date }) {
  const { change } = span;
  const conflict = change.conflicts.length > 0;
  const description = describeChange(span);
  return (
    <Tooltip label={description} multiline w={300} withinPortal openDelay={250}>
      <Link
        to={paths.issue(change.key)}
        className={classes.chip}
        data-conflict={conflict}
        data-done={change.status.category === 'done'}
        style={{ '--risk-color': riskVar(change.risk) } as React.CSSProperties}
        aria-label={description}
      >
        {conflict && <IconAlertTriangle size={12} className={classes.conflictIcon} aria-hidden />}
        <span className={classes.chipTime}>{sameDay(span.start, day) ? formatTime(span.start) : '…'}</span>
        <span className={classes.chipText}>
          <span className={classes.chipKey}>{change.key}</span> {change.summary}
        </span>
      </Link>
    </Tooltip>
  );
}
