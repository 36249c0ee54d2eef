/**
 * The issue lists of the project sidebar: each is a JQL search by issue type, reachable at
 * /projects/:key/list/:kind.
 */
import { quoteJql } from './jql';

export interface IssueKind {
  /** URL segment */
  slug: string;
  /** Sidebar and page title */
  label: string;
  /** The issue type name in the API (S3.2) */
  issueType: string;
}

export const ISSUE_KINDS: readonly IssueKind[] = [
  { slug: 'service-requests', label: 'Service requests', issueType: 'Service request' },
  { slug: 'incidents', label: 'Incidents', issueType: 'Incident' },
  { slug: 'problems', label: 'Problems', issueType: 'Problem' },
  { slug: 'changes', label: 'Changes', issueType: 'Change' },
  { slug: 'post-incident-reviews', label: 'Post-incident reviews', issueType: 'Post-incident review' },
];

export function findIssueKind(slug: string | undefined): IssueKind | undefined {
  return ISSUE_KINDS.find((k) => k.slug === slug);
}

/** `project = ITO AND issuetype = "Incident" ORDER BY created DESC` */
export function issueKindJql(projectKey: string, kind: IssueKind): string {
  return `project = ${quoteJql(projectKey)} AND issuetype = ${quoteJql(kind.issueType)} ORDER BY created DESC`;
}
