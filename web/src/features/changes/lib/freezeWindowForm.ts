/** The "Add freeze window" form: its draft (local date-times), checks and the body it sends. */
import type { NewFreezeWindow } from '../api/types';
import { formatDay } from './calendar';

export type FreezeField = 'name' | 'start' | 'end' | 'mode' | 'services';
export type FreezeErrors = Partial<Record<FreezeField | 'form', string>>;

export interface FreezeDraft {
  name: string;
  /** datetime-local values ("2026-12-20T00:00") */
  start: string;
  end: string;
  mode: 'block' | 'flag';
  /** Service object keys; none means every service */
  services: string[];
}

/** A whole day: from its midnight to 23:59. */
export function emptyFreezeDraft(day: Date = new Date()): FreezeDraft {
  const date = formatDay(day);
  return { name: '', start: `${date}T00:00`, end: `${date}T23:59`, mode: 'block', services: [] };
}

/** What can be checked before sending: a name, two dates, the end after the start. */
export function validateFreezeWindow(draft: FreezeDraft): FreezeErrors {
  const errors: FreezeErrors = {};
  if (!draft.name.trim()) errors.name = 'Give the freeze window a name';
  const start = new Date(draft.start);
  const end = new Date(draft.end);
  if (!draft.start || Number.isNaN(start.getTime())) errors.start = 'Choose when the freeze starts';
  if (!draft.end || Number.isNaN(end.getTime())) errors.end = 'Choose when the freeze ends';
  else if (!errors.start && end.getTime() <= start.getTime()) errors.end = 'The end must be after the start';
  return errors;
}

/** The POST body: times as ISO 8601 UTC. */
export function toNewFreezeWindow(draft: FreezeDraft): NewFreezeWindow {
  return {
    name: draft.name.trim(),
    start: new Date(draft.start).toISOString(),
    end: new Date(draft.end).toISOString(),
    mode: draft.mode,
    services: draft.services,
  };
}
