/** A request's answers as text: lists comma-joined, dates and times formatted, yes/no spelt out. */

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function formatString(value: string): string {
  const date = DATE_RE.exec(value);
  if (date) {
    // A calendar date: no time zone shift.
    const d = new Date(Number(date[1]), Number(date[2]) - 1, Number(date[3]));
    return Number.isNaN(d.getTime()) ? value : dateFormat.format(d);
  }
  if (DATE_TIME_RE.test(value)) {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? value : dateTimeFormat.format(d);
  }
  return value;
}

export function formatFieldValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return formatString(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map(formatFieldValue).filter(Boolean).join(', ');
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    // A CMDB object: "Oracle CRM (APP-12)".
    if (typeof o.label === 'string' && typeof o.key === 'string') return `${o.label} (${o.key})`;
    for (const key of ['displayName', 'name', 'value', 'username', 'key']) {
      if (typeof o[key] === 'string') return o[key];
    }
  }
  return String(value);
}
