/** How the outcome of a rule's execution (an audit log entry) is shown. */
import type { AutomationOutcome } from '../api/types';

interface OutcomeStyle {
  label: string;
  color: string;
  description: string;
}

export const OUTCOMES: Record<AutomationOutcome, OutcomeStyle> = {
  SUCCESS: { label: 'Success', color: 'green', description: 'The rule ran and its actions succeeded' },
  NO_ACTIONS: { label: 'No actions', color: 'gray', description: 'A condition did not hold: nothing was done' },
  SOME_ERRORS: { label: 'Some errors', color: 'orange', description: 'Some actions failed' },
  FAILED: { label: 'Failed', color: 'red', description: 'The rule failed' },
  LOOP: { label: 'Loop', color: 'violet', description: 'Stopped: rules triggered each other too deep' },
  THROTTLED: { label: 'Throttled', color: 'violet', description: 'Stopped: the rule ran too often' },
  IN_PROGRESS: { label: 'In progress', color: 'blue', description: 'Running, or waiting for a web response' },
};

/** An outcome the server may add later gets a neutral look. */
export function outcomeStyle(outcome: string): OutcomeStyle {
  return (
    (OUTCOMES as Record<string, OutcomeStyle | undefined>)[outcome] ?? {
      label: outcome,
      color: 'gray',
      description: outcome,
    }
  );
}

/** "12 ms", "1.4 s", "2 min 5 s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1) return '< 1 ms';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1000);
  return seconds ? `${minutes} min ${seconds} s` : `${minutes} min`;
}

const TOPICS: Record<string, string> = {
  'issue.created': 'Issue created',
  'issue.updated': 'Issue updated',
  'issue.transitioned': 'Issue transitioned',
  'comment.created': 'Issue commented',
  'link.created': 'Issue linked',
  'automation.scheduled': 'Scheduled',
  'automation.webhook': 'Incoming webhook',
  'automation.manual': 'Manual',
};

/** The event that fired a rule, in words ("issue.created" → "Issue created"). */
export function topicLabel(topic: string): string {
  return TOPICS[topic] ?? topic;
}
