import { Group, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useId } from 'react';
import type { Bar, Series } from '../lib/changesByType';
import { axisTicks } from '../lib/changesByType';

export interface StackedBarChartProps {
  bars: readonly Bar[];
  series: readonly Series[];
  /** What the chart shows, for screen readers (the table beside it has the numbers) */
  title: string;
  height?: number;
}

const LEFT = 40;
const BOTTOM = 28;
const TOP = 16;
/** Narrowest and widest room per bar, in pixels */
const MIN_SLOT = 44;
const MAX_SLOT = 120;

/**
 * A stacked bar chart in plain SVG, as wide as its container (scrolling sideways when the bars
 * need more room): one bar per entry, one segment per series (bottom up in the series' order), a
 * rounded y axis with grid lines, the total above each bar and a legend. Each segment has a
 * tooltip (SVG title) with its number.
 */
export function StackedBarChart({ bars, series, title, height = 280 }: StackedBarChartProps) {
  const titleId = useId();
  const { ref, width: available } = useElementSize();
  const ticks = axisTicks(Math.max(0, ...bars.map((b) => b.total)));
  const top = ticks[ticks.length - 1] ?? 1;
  const room = (available > 0 ? available : 640) - LEFT - 8;
  const slot = Math.min(MAX_SLOT, Math.max(MIN_SLOT, room / Math.max(1, bars.length)));
  const width = LEFT + bars.length * slot + 8;
  const plot = height - TOP - BOTTOM;
  const y = (v: number) => TOP + plot - (v / top) * plot;
  const barWidth = Math.min(48, slot * 0.6);

  return (
    <div>
      <div ref={ref} style={{ overflowX: 'auto' }}>
        <svg role="img" aria-labelledby={titleId} width={width} height={height} style={{ display: 'block' }}>
          <title id={titleId}>{title}</title>
          {ticks.map((t) => (
            <g key={t}>
              <line x1={LEFT} x2={width - 4} y1={y(t)} y2={y(t)} stroke="var(--mantine-color-gray-3)" strokeWidth={1} />
              <text x={LEFT - 6} y={y(t)} textAnchor="end" dominantBaseline="middle" fontSize={10} fill="var(--mantine-color-gray-6)">
                {t}
              </text>
            </g>
          ))}
          {bars.map((bar, i) => {
            const x = LEFT + i * slot + (slot - barWidth) / 2;
            let base = 0;
            return (
              <g key={bar.month} data-month={bar.month}>
                {series.map((s) => {
                  const value = bar.values[s.key];
                  if (value <= 0) return null;
                  const rect = (
                    <rect
                      key={s.key}
                      x={x}
                      width={barWidth}
                      y={y(base + value)}
                      height={Math.max(0, y(base) - y(base + value))}
                      fill={`var(--mantine-color-${s.color}-6)`}
                      data-series={s.key}
                    >
                      <title>{`${bar.label}: ${value} ${s.label.toLowerCase()}`}</title>
                    </rect>
                  );
                  base += value;
                  return rect;
                })}
                <text x={x + barWidth / 2} y={y(bar.total) - 4} textAnchor="middle" fontSize={10} fontWeight={600} fill="var(--mantine-color-gray-8)">
                  {bar.total}
                </text>
                <text x={x + barWidth / 2} y={height - BOTTOM + 14} textAnchor="middle" fontSize={10} fill="var(--mantine-color-gray-7)">
                  {bar.label}
                </text>
              </g>
            );
          })}
        </svg>
      </div>
      <Group gap="md" mt="xs" aria-hidden>
        {series.map((s) => (
          <Group key={s.key} gap={6} wrap="nowrap">
            <span style={{ width: 12, height: 12, borderRadius: 3, background: `var(--mantine-color-${s.color}-6)` }} />
            <Text size="xs">{s.label}</Text>
          </Group>
        ))}
      </Group>
    </div>
  );
}
