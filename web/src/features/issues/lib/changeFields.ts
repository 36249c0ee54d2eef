/** The fields and issue types the change-enablement panels of the issue view (S6) depend on. */
import type { Issue } from '@/api/types';

/** A change's plans: shown in the main column, not among the details. */
export const PLAN_FIELDS: readonly string[] = ['Implementation plan', 'Backout plan', 'Test plan'];

export function isChangeIssue(issue: Pick<Issue, 'issueType'>): boolean {
  return issue.issueType?.name === 'Change';
}

export function isIncidentIssue(issue: Pick<Issue, 'issueType'>): boolean {
  return issue.issueType?.name === 'Incident';
}

/** Whether the details panel lists the field (plans of changes have their own section). */
export function isDetailField(issue: Pick<Issue, 'issueType'>, name: string): boolean {
  return !(isChangeIssue(issue) && PLAN_FIELDS.includes(name));
}
