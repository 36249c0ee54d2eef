/**
 * The change calendar's items: changes and freeze windows as spans of local time, and the words
 * that describe them in tooltips and for screen readers.
 */
import { riskColor } from '@/lib/changeRisk';
import type { CalendarChange, FreezeWindow } from '../api/types';
import type { Span } from './calendar';
import { formatWindow } from './calendar';

export interface ChangeSpan extends Span {
  change: CalendarChange;
}

export interface FreezeSpan extends Span {
  window: FreezeWindow;
}

export function changeSpans(changes: readonly CalendarChange[]): ChangeSpan[] {
  return changes
    .map((change) => ({ change, start: new Date(change.plannedStart), end: new Date(change.plannedEnd) }))
    .filter((s) => !Number.isNaN(s.start.getTime()) && !Number.isNaN(s.end.getTime()))
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.change.key.localeCompare(b.change.key));
}

export function freezeSpans(windows: readonly FreezeWindow[]): FreezeSpan[] {
  return windows
    .map((window) => ({ window, start: new Date(window.start), end: new Date(window.end) }))
    .filter((s) => !Number.isNaN(s.start.getTime()) && !Number.isNaN(s.end.getTime()))
    .sort((a, b) => a.start.getTime() - b.start.getTime());
}

/** "Conflicts with ITO-2, ITO-3" or ''. */
export function conflictText(change: Pick<CalendarChange, 'conflicts'>): string {
  return change.conflicts.length > 0 ? `Conflicts with ${change.conflicts.join(', ')}` : '';
}

/** One line about a change: key, summary, window, type, risk, status, services, conflicts, freeze. */
export function describeChange(span: ChangeSpan): string {
  const { change } = span;
  const parts = [
    `${change.key} ${change.summary}`,
    formatWindow(span.start, span.end),
    [change.changeType, change.risk ? `${change.risk} risk` : ''].filter(Boolean).join(', '),
    change.status.name,
    change.services.map((s) => s.label).join(', '),
    conflictText(change),
    change.frozen ? 'In a freeze window' : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

/** "Year-end freeze · blocks changes · all services" */
export function describeFreeze(window: FreezeWindow): string {
  const services = window.services.length === 0 ? 'all services' : window.services.map((s) => s.label).join(', ');
  return `${window.name} · ${window.mode === 'block' ? 'blocks changes' : 'flags changes'} · ${services}`;
}

/** The CSS colour of a change's risk, for its chip's left border. */
export function riskVar(risk: string | null | undefined): string {
  return `var(--mantine-color-${riskColor(risk)}-6)`;
}
