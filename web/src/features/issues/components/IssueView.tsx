import { Grid, Stack } from '@mantine/core';
import { useRef, useState } from 'react';
import { useProject } from '@/api/projects';
import { useCurrentUser } from '@/api/session';
import type { Issue, User } from '@/api/types';
import { useCreateIssue } from '@/lib/createIssue';
import { useFileDrop } from '@/lib/useFileDrop';
import { useUploadAttachments } from '../api/attachments';
import { useIssueRequest } from '../api/request';
import { isChangeIssue, isIncidentIssue } from '../lib/changeFields';
import { ActivitySection } from './ActivitySection';
import { ApprovalsSection } from './ApprovalsSection';
import { AttachmentsSection } from './AttachmentsSection';
import { ChangePlansSection } from './ChangePlansSection';
import { DescriptionSection } from './DescriptionSection';
import { DetailsPanel } from './DetailsPanel';
import { IssueHeader } from './IssueHeader';
import classes from './IssuePage.module.css';
import { LinkedIssuesSection } from './LinkedIssuesSection';
import { PotentialCausesSection } from './PotentialCausesSection';
import { RiskPanel } from './RiskPanel';
import { SubtasksSection } from './SubtasksSection';

/** Staff with the agent or administrator role in the project (or admins) edit and transition. */
function canEditIn(me: User, roles: readonly string[] | undefined): boolean {
  if (me.kind === 'admin') return true;
  if (!roles) return me.kind === 'agent';
  return roles.includes('agent') || roles.includes('administrator');
}

/**
 * The loaded issue: header with the status and actions, description, sub-tasks, links,
 * attachments and activity on the left, details on the right (below on phones). Changes add
 * their approvals, risk and plans under the description; incidents their potential causes
 * (recent changes and deployments on their services) after the links; other issues show
 * approvals only when they have some.
 */
export function IssueView({ issue }: { issue: Issue }) {
  const me = useCurrentUser();
  const project = useProject(issue.project.key);
  const request = useIssueRequest(issue.key);
  const createIssue = useCreateIssue();
  const upload = useUploadAttachments(issue.key);
  const fileInput = useRef<HTMLInputElement>(null);
  const [linkFormOpen, setLinkFormOpen] = useState(false);

  const canEdit = canEditIn(me, project.data?.myRoles);
  const isChange = isChangeIssue(issue);
  const roles = project.data?.myRoles ?? [];
  // Collaborators write internal notes only.
  const canReply = canEdit || !roles.includes('collaborator');

  const attach = () => fileInput.current?.click();
  const uploadFiles = (files: File[]) => {
    if (files.length > 0) upload.mutate(files);
  };
  const { dragging, dropProps } = useFileDrop(uploadFiles);
  const createSubtask = () =>
    createIssue.open({ projectKey: issue.project.key, issueType: 'Sub-task', parentKey: issue.key });

  return (
    <Stack gap="lg">
      <IssueHeader
        issue={issue}
        me={me}
        canEdit={canEdit}
        inPortal={!!request.data}
        onAttach={attach}
        onLink={() => setLinkFormOpen(true)}
        onCreateSubtask={createSubtask}
      />
      <input
        ref={fileInput}
        type="file"
        multiple
        hidden
        aria-label="Files to attach"
        onChange={(e) => {
          uploadFiles([...(e.currentTarget.files ?? [])]);
          e.currentTarget.value = '';
        }}
      />
      <Grid gutter="xl">
        <Grid.Col span={{ base: 12, md: 7, xl: 8 }}>
          <Stack
            gap="xl"
            className={dragging ? classes.dropActive : undefined}
            {...dropProps}
          >
            <DescriptionSection issue={issue} canEdit={canEdit} />
            <ApprovalsSection issueKey={issue.key} alwaysShown={isChange} />
            {isChange && <RiskPanel issueKey={issue.key} />}
            {isChange && <ChangePlansSection issue={issue} canEdit={canEdit} />}
            {issue.subtasks.length > 0 && (
              <SubtasksSection issue={issue} canEdit={canEdit} onCreate={createSubtask} />
            )}
            <LinkedIssuesSection
              issue={issue}
              canEdit={canEdit}
              formOpen={linkFormOpen}
              onFormOpenChange={setLinkFormOpen}
            />
            {isIncidentIssue(issue) && <PotentialCausesSection issueKey={issue.key} canEdit={canEdit} />}
            <AttachmentsSection
              issueKey={issue.key}
              me={me}
              canEdit={canEdit}
              onAttach={attach}
              uploading={upload.isPending}
              uploadError={upload.error}
              onDismissUploadError={() => upload.reset()}
            />
            <ActivitySection issueKey={issue.key} me={me} canComment canReply={canReply} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5, xl: 4 }}>
          <DetailsPanel issue={issue} canEdit={canEdit} me={me} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
