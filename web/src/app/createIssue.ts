/**
 * The create-issue action of the agent workspace. The implementation is shared (src/lib) so that
 * features may open the dialog too; app/ mounts the provider in AgentShell with the dialog that
 * features/issues exports.
 */
export { CreateIssueProvider, useCreateIssue } from '@/lib/createIssue';
export type { CreateIssueDialogProps, CreateIssueRequest } from '@/lib/createIssue';
