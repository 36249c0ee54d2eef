/**
 * Risk levels of changes (S6.2) and deployment states (S6.7) as the workspace shows them: the
 * colour of each, shared by the issue view, the change calendar and the deployments page.
 */

export const RISK_LEVELS = ['Low', 'Medium', 'High', 'Critical'] as const;
export type RiskLevelName = (typeof RISK_LEVELS)[number];

const RISK_COLORS: Record<RiskLevelName, string> = {
  Low: 'green',
  Medium: 'yellow',
  High: 'orange',
  Critical: 'red',
};

/** Mantine colour of a risk level; grey for none or an unknown one. */
export function riskColor(level: string | null | undefined): string {
  return level && level in RISK_COLORS ? RISK_COLORS[level as RiskLevelName] : 'gray';
}

/** Deployment states of the JSM deployments API. */
export type DeploymentState = 'unknown' | 'pending' | 'in_progress' | 'cancelled' | 'failed' | 'rolled_back' | 'successful';

const STATE_LABELS: Record<DeploymentState, string> = {
  unknown: 'Unknown',
  pending: 'Pending',
  in_progress: 'In progress',
  cancelled: 'Cancelled',
  failed: 'Failed',
  rolled_back: 'Rolled back',
  successful: 'Successful',
};

const STATE_COLORS: Record<DeploymentState, string> = {
  unknown: 'gray',
  pending: 'gray',
  in_progress: 'blue',
  cancelled: 'gray',
  failed: 'red',
  rolled_back: 'orange',
  successful: 'green',
};

export function deploymentStateLabel(state: string): string {
  return STATE_LABELS[state as DeploymentState] ?? state;
}

export function deploymentStateColor(state: string): string {
  return STATE_COLORS[state as DeploymentState] ?? 'gray';
}

/** 0.1666… → "16.7%"; whole numbers without a decimal ("0%", "25%"). */
export function formatPercent(ratio: number): string {
  const percent = Math.round(ratio * 1000) / 10;
  return `${Number.isInteger(percent) ? percent.toFixed(0) : percent.toFixed(1)}%`;
}
