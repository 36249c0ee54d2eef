import { ActionIcon, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconCopy,
  IconDots,
  IconExternalLink,
  IconLink,
  IconPaperclip,
  IconSubtask,
} from '@tabler/icons-react';
import { Link } from 'react-router-dom';
import type { Issue } from '@/api/types';
import { paths } from '@/lib/paths';

export interface IssueActionsMenuProps {
  issue: Issue;
  canEdit: boolean;
  /** The issue was raised in the help center: link to the customer's view */
  inPortal: boolean;
  onAttach: () => void;
  onLink: () => void;
  onCreateSubtask: () => void;
}

async function copy(text: string, what: string) {
  try {
    await navigator.clipboard.writeText(text);
    notifications.show({ message: `${what} copied to the clipboard`, color: 'green' });
  } catch {
    notifications.show({ message: `Could not copy. ${what}: ${text}`, color: 'red' });
  }
}

/** "…": copy link, copy key, and the actions that do not fit on a phone's action bar. */
export function IssueActionsMenu({ issue, canEdit, inPortal, onAttach, onLink, onCreateSubtask }: IssueActionsMenuProps) {
  const url = `${window.location.origin}${paths.browse(issue.key)}`;
  return (
    <Menu position="bottom-end" shadow="md" width={220} withinPortal>
      <Menu.Target>
        <ActionIcon variant="default" size={36} aria-label="More actions">
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconLink size={16} />} onClick={() => void copy(url, 'Link')}>
          Copy link
        </Menu.Item>
        <Menu.Item leftSection={<IconCopy size={16} />} onClick={() => void copy(issue.key, 'Issue key')}>
          Copy issue key
        </Menu.Item>
        {inPortal && (
          <Menu.Item leftSection={<IconExternalLink size={16} />} component={Link} to={paths.request(issue.key)}>
            View in help center
          </Menu.Item>
        )}
        <Menu.Divider />
        <Menu.Item leftSection={<IconPaperclip size={16} />} onClick={onAttach}>
          Attach files
        </Menu.Item>
        {canEdit && (
          <Menu.Item leftSection={<IconLink size={16} />} onClick={onLink}>
            Link issue
          </Menu.Item>
        )}
        {canEdit && !issue.issueType?.subtask && (
          <Menu.Item leftSection={<IconSubtask size={16} />} onClick={onCreateSubtask}>
            Create sub-task
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
