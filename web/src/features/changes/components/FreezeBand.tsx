import { Tooltip } from '@mantine/core';
import { IconSnowflake } from '@tabler/icons-react';
import type { CSSProperties } from 'react';
import type { BandSegment } from '../lib/calendar';
import type { FreezeSpan } from '../lib/calendarItems';
import { describeFreeze } from '../lib/calendarItems';
import classes from './Changes.module.css';

export interface FreezeBandProps {
  segment: BandSegment<FreezeSpan>;
  /** Its place in the row's grid (columns it spans) */
  style: CSSProperties;
}

/**
 * A freeze window across the days of a calendar row: cyan for `block`, dashed violet for `flag`,
 * its name, squared off where it goes on into the previous or next row.
 */
export function FreezeBand({ segment, style }: FreezeBandProps) {
  const { window } = segment.item;
  const description = describeFreeze(window);
  return (
    <Tooltip label={description} withinPortal openDelay={250}>
      <div
        role="note"
        aria-label={`Freeze window: ${description}`}
        data-mode={window.mode}
        className={[
          classes.band,
          segment.continuesBefore ? classes.bandContinuesBefore : '',
          segment.continuesAfter ? classes.bandContinuesAfter : '',
        ].join(' ')}
        style={style}
      >
        <IconSnowflake size={12} aria-hidden style={{ flexShrink: 0 }} />
        <span className={classes.bandLabel}>{window.name}</span>
      </div>
    </Tooltip>
  );
}
