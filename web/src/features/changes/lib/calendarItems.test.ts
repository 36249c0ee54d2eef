import { describe, expect, it } from 'vitest';
import type { CalendarChange, FreezeWindow } from '../api/types';
import { changeSpans, conflictText, describeChange, describeFreeze, freezeSpans, riskVar } from './calendarItems';

const change = (key: string, start: string, extra: Partial<CalendarChange> = {}): CalendarChange => ({
  key,
  summary: `Change ${key}`,
  changeType: 'Normal',
  risk: 'High',
  status: { id: 3, name: 'Awaiting approval', category: 'in_progress' },
  plannedStart: start,
  plannedEnd: new Date(new Date(start).getTime() + 2 * 3600_000).toISOString(),
  services: [{ key: 'SVC-438', label: 'Payment Processing' }],
  conflicts: [],
  frozen: false,
  ...extra,
});

describe('calendar items', () => {
  it('turns changes into spans ordered by start, dropping broken dates', () => {
    const spans = changeSpans([
      change('ITO-2', '2026-11-26T12:00:00Z'),
      change('ITO-1', '2026-11-26T09:00:00Z'),
      change('ITO-3', '2026-11-26T09:00:00Z', { plannedStart: 'soon' }),
    ]);
    expect(spans.map((s) => s.change.key)).toEqual(['ITO-1', 'ITO-2']);
    expect(spans[0]!.end.getTime() - spans[0]!.start.getTime()).toBe(2 * 3600_000);
  });

  it('describes a change with its conflicts and freeze', () => {
    const [span] = changeSpans([change('ITO-1', '2026-11-26T09:00:00Z', { conflicts: ['ITO-2', 'ITO-3'], frozen: true })]);
    const text = describeChange(span!);
    expect(text).toMatch(/^ITO-1 Change ITO-1 · .+ · Normal, High risk · Awaiting approval · Payment Processing · /);
    expect(text).toContain('Conflicts with ITO-2, ITO-3');
    expect(text).toContain('In a freeze window');
    expect(conflictText({ conflicts: [] })).toBe('');
  });

  it('describes freeze windows', () => {
    const all: FreezeWindow = { id: 1, name: 'Year-end freeze', start: '2026-12-20T00:00:00Z', end: '2027-01-02T00:00:00Z', mode: 'block', services: [] };
    const vpn: FreezeWindow = { ...all, id: 2, name: 'VPN audit', mode: 'flag', services: [{ key: 'SVC-1', label: 'VPN' }] };
    expect(describeFreeze(all)).toBe('Year-end freeze · blocks changes · all services');
    expect(describeFreeze(vpn)).toBe('VPN audit · flags changes · VPN');
    expect(freezeSpans([vpn, { ...all, start: '2026-01-01T00:00:00Z' }]).map((s) => s.window.id)).toEqual([1, 2]);
  });

  it('colours by risk', () => {
    expect(riskVar('Critical')).toBe('var(--mantine-color-red-6)');
    expect(riskVar(null)).toBe('var(--mantine-color-gray-6)');
  });
});
