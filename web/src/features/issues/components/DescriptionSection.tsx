import { Button, Text } from '@mantine/core';
import { useState } from 'react';
import type { Issue } from '@/api/types';
import { errorMessage } from '@/components/PageError';
import { useUpdateIssue } from '../api/issue';
import classes from './IssuePage.module.css';
import { PlainText } from './PlainText';
import { Section } from './Section';
import { TextEditor } from './TextEditor';

/** The description as plain text with its line breaks; agents click it to edit. */
export function DescriptionSection({ issue, canEdit }: { issue: Issue; canEdit: boolean }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const update = useUpdateIssue(issue.key);

  const start = () => {
    setDraft(issue.description);
    setError(null);
    setEditing(true);
  };
  const save = async () => {
    try {
      await update.mutateAsync({ description: draft });
      setEditing(false);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Section title="Description">
      {editing ? (
        <TextEditor
          label="Description"
          value={draft}
          error={error}
          minRows={4}
          maxRows={24}
          saving={update.isPending}
          saveLabel="Update"
          onChange={setDraft}
          onSave={() => void save()}
          onCancel={() => setEditing(false)}
        />
      ) : canEdit ? (
        <div
          className={classes.sectionEditable}
          onClick={(e) => {
            if (!(e.target as HTMLElement).closest('a')) start();
          }}
        >
          {issue.description ? (
            <PlainText text={issue.description} />
          ) : (
            <Text size="sm" c="dimmed">
              Add a description…
            </Text>
          )}
          <Button
            variant="subtle"
            size="compact-xs"
            color="gray"
            className={classes.editButton}
            style={{ position: 'absolute', top: 4, right: 4 }}
            onClick={(e) => {
              e.stopPropagation();
              start();
            }}
          >
            Edit description
          </Button>
        </div>
      ) : issue.description ? (
        <PlainText text={issue.description} />
      ) : (
        <Text size="sm" c="dimmed">
          No description.
        </Text>
      )}
    </Section>
  );
}
