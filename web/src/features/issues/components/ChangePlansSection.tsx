import { ActionIcon, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowBackUp, IconListCheck, IconPencil, IconTestPipe } from '@tabler/icons-react';
import type { Icon } from '@tabler/icons-react';
import { useId, useState } from 'react';
import type { Issue } from '@/api/types';
import { errorMessage } from '@/components/PageError';
import { useUpdateIssue } from '../api/issue';
import { PLAN_FIELDS } from '../lib/changeFields';
import classes from './IssuePage.module.css';
import { PlainText } from './PlainText';
import { Section } from './Section';
import { TextEditor } from './TextEditor';

const PLAN_ICONS: Record<string, Icon> = {
  'Implementation plan': IconListCheck,
  'Backout plan': IconArrowBackUp,
  'Test plan': IconTestPipe,
};

/**
 * "Plans" of a change: the implementation, backout and test plans side by side in the main
 * column (the details panel leaves them out), each with its line breaks; agents click one to
 * edit it. Only the plan fields the issue has are shown.
 */
export function ChangePlansSection({ issue, canEdit }: { issue: Issue; canEdit: boolean }) {
  const present = PLAN_FIELDS.filter((name) => name in issue.fields);
  if (present.length === 0) return null;
  return (
    <Section title="Plans">
      <SimpleGrid cols={{ base: 1, lg: present.length >= 3 ? 3 : present.length }} spacing="sm">
        {present.map((name) => (
          <PlanBlock key={name} issue={issue} name={name} canEdit={canEdit} />
        ))}
      </SimpleGrid>
    </Section>
  );
}

function PlanBlock({ issue, name, canEdit }: { issue: Issue; name: string; canEdit: boolean }) {
  const headingId = useId();
  const value = issue.fields[name];
  const text = typeof value === 'string' ? value : '';
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const update = useUpdateIssue(issue.key);
  const PlanIcon = PLAN_ICONS[name] ?? IconListCheck;

  const start = () => {
    setDraft(text);
    setError(null);
    setEditing(true);
  };
  const save = async () => {
    try {
      await update.mutateAsync({ fields: { [name]: draft.trim() === '' ? null : draft } });
      setEditing(false);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Paper component="section" aria-labelledby={headingId} withBorder radius="md" p="sm" bg="gray.0">
      <Stack gap={6}>
        <Group gap={6} wrap="nowrap">
          <PlanIcon size={16} aria-hidden />
          <Title order={3} size="h6" id={headingId}>
            {name}
          </Title>
        </Group>
        {editing ? (
          <TextEditor
            label={name}
            value={draft}
            error={error}
            minRows={3}
            maxRows={16}
            saving={update.isPending}
            saveLabel="Save"
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
            {text ? (
              <PlainText text={text} />
            ) : (
              <Text size="sm" c="dimmed">
                Not written yet. Click to add.
              </Text>
            )}
            <ActionIcon
              variant="subtle"
              size="sm"
              color="gray"
              aria-label={`Edit ${name}`}
              className={classes.editButton}
              style={{ position: 'absolute', top: 2, right: 2 }}
              onClick={(e) => {
                e.stopPropagation();
                start();
              }}
            >
              <IconPencil size={14} aria-hidden />
            </ActionIcon>
          </div>
        ) : text ? (
          <PlainText text={text} />
        ) : (
          <Text size="sm" c="dimmed">
            Not written yet.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
