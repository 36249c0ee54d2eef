import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useMemo, useRef } from 'react';
import type { CSSProperties } from 'react';
import { Link } from 'react-router-dom';
import { paths } from '@/lib/paths';
import { bandSegments, formatWindow, layoutDay, onDay, sameDay } from '../lib/calendar';
import type { ChangeSpan, FreezeSpan } from '../lib/calendarItems';
import { conflictText, describeChange, describeFreeze, riskVar } from '../lib/calendarItems';
import classes from './Changes.module.css';
import { FreezeBand } from './FreezeBand';

export interface TimeGridViewProps {
  /** The days shown side by side: seven for the week view, one for the day view */
  days: readonly Date[];
  changes: readonly ChangeSpan[];
  freezes: readonly FreezeSpan[];
  today?: Date;
}

const HOUR_HEIGHT = 44;
const GUTTER = 56;
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const headerFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
const dayHeaderFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const hourFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/**
 * The week and day views: a column per day over 24 hours, each change a block from its planned
 * start to its planned end (overlapping ones side by side, coloured by risk, red and "Conflicts
 * with …" when in conflict); freeze windows as bands above the grid and hatched over the hours
 * they cover. Opens scrolled to the first change of the period, or to the morning.
 */
export function TimeGridView({ days, changes, freezes, today = new Date() }: TimeGridViewProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const columns = `${GUTTER}px repeat(${days.length}, minmax(0, 1fr))`;
  const layouts = useMemo(() => days.map((day) => layoutDay(changes, day)), [days, changes]);
  const bands = bandSegments(freezes, days);
  // The first change of the period, or the morning when there is none.
  const tops = layouts.flat().map((b) => b.top);
  const firstTop = tops.length > 0 ? Math.min(...tops) : 7 * 60;

  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = Math.max(0, (firstTop / 60 - 0.5) * HOUR_HEIGHT);
  }, [firstTop, days]);

  return (
    <div className={classes.calendarScroll}>
      <div className={days.length > 1 ? classes.calendarInner : undefined}>
        <div className={classes.timeHeader} style={{ gridTemplateColumns: columns }}>
          <div />
          {days.map((day) => (
            <div key={day.getTime()} className={classes.timeHeaderDay}>
              <span className={sameDay(day, today) ? classes.today : undefined}>
                {(days.length > 1 ? headerFormat : dayHeaderFormat).format(day)}
              </span>
            </div>
          ))}
        </div>
        {bands.length > 0 && (
          <div className={classes.timeBands} style={{ gridTemplateColumns: columns }}>
            {bands.map((segment, i) => (
              <FreezeBand
                key={segment.item.window.id}
                segment={segment}
                style={{ gridColumn: `${segment.startColumn + 2} / ${segment.endColumn + 3}`, gridRow: i + 1 }}
              />
            ))}
          </div>
        )}
        <div ref={scroller} className={classes.timeScroll}>
          <div
            className={classes.timeBody}
            style={{ gridTemplateColumns: columns, height: 24 * HOUR_HEIGHT, '--hour-height': `${HOUR_HEIGHT}px` } as CSSProperties}
          >
            <div className={classes.hourGutter} aria-hidden>
              {HOURS.slice(1).map((h) => (
                <span key={h} className={classes.hourLabel} style={{ top: h * HOUR_HEIGHT }}>
                  {hourFormat.format(new Date(2000, 0, 1, h))}
                </span>
              ))}
            </div>
            {days.map((day, i) => (
              <DayColumn key={day.getTime()} day={day} blocks={layouts[i] ?? []} freezes={freezes} today={sameDay(day, today)} />
            ))}
          </div>
        </div>
      </div>
    </div>
  );
}

interface DayColumnProps {
  day: Date;
  blocks: ReturnType<typeof layoutDay<ChangeSpan>>;
  freezes: readonly FreezeSpan[];
  today: boolean;
}

const px = (minutes: number) => (minutes / 60) * HOUR_HEIGHT;

function DayColumn({ day, blocks, freezes, today }: DayColumnProps) {
  const dayStart = day.getTime();
  return (
    <div
      className={[classes.dayColumn, today ? classes.todayColumn : ''].join(' ')}
      role="group"
      aria-label={dayHeaderFormat.format(day)}
    >
      {onDay(freezes, day).map((f) => {
        const top = Math.max(0, (f.start.getTime() - dayStart) / 60_000);
        const bottom = Math.min(24 * 60, (f.end.getTime() - dayStart) / 60_000);
        return (
          <div
            key={f.window.id}
            className={classes.freezeOverlay}
            data-mode={f.window.mode}
            title={describeFreeze(f.window)}
            style={{ top: px(top), height: px(Math.max(0, bottom - top)) }}
          />
        );
      })}
      {blocks.map((block) => {
        const { change } = block.item;
        const conflict = change.conflicts.length > 0;
        return (
          <Link
            key={change.key}
            to={paths.issue(change.key)}
            className={classes.block}
            data-conflict={conflict}
            data-done={change.status.category === 'done'}
            aria-label={describeChange(block.item)}
            title={describeChange(block.item)}
            style={
              {
                '--risk-color': riskVar(change.risk),
                top: px(block.top) + 1,
                height: px(block.height) - 2,
                left: `calc(${(block.lane / block.lanes) * 100}% + 2px)`,
                width: `calc(${100 / block.lanes}% - 4px)`,
              } as CSSProperties
            }
          >
            <span>
              <strong>{change.key}</strong> {formatWindow(block.item.start, block.item.end)}
            </span>
            <span>{change.summary}</span>
            {conflict && (
              <span className={classes.blockConflicts}>
                <IconAlertTriangle size={11} aria-hidden /> {conflictText(change)}
              </span>
            )}
          </Link>
        );
      })}
    </div>
  );
}
