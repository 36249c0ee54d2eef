import { ActionIcon, Alert, Anchor, Autocomplete, Button, Group, Paper, Select, Stack, Text, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLinkOff, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router-dom';
import { isApiError } from '@/api/client';
import type { Issue, Link } from '@/api/types';
import { errorMessage } from '@/components/PageError';
import { StatusBadge } from '@/components/StatusBadge';
import { paths } from '@/lib/paths';
import { useLinkTypes } from '../api/config';
import { useIssueSuggestions } from '../api/issueSuggestions';
import { useAddLink, useRemoveLink } from '../api/links';
import classes from './IssuePage.module.css';
import { Section } from './Section';
import { COMBOBOX_PROPS } from '@/lib/comboboxProps';


export interface LinkedIssuesSectionProps {
  issue: Issue;
  canEdit: boolean;
  formOpen: boolean;
  onFormOpenChange: (open: boolean) => void;
}

/** Links grouped by their phrase from this issue's side ("is caused by", "relates to", ...). */
export function LinkedIssuesSection({ issue, canEdit, formOpen, onFormOpenChange }: LinkedIssuesSectionProps) {
  const remove = useRemoveLink(issue.key);
  const [removeError, setRemoveError] = useState<string | null>(null);
  const groups = useMemo(() => {
    const byRelation = new Map<string, Link[]>();
    for (const link of issue.links) {
      const list = byRelation.get(link.relation) ?? [];
      list.push(link);
      byRelation.set(link.relation, list);
    }
    return [...byRelation.entries()];
  }, [issue.links]);

  if (groups.length === 0 && !formOpen) {
    return null;
  }

  return (
    <Section
      title="Linked issues"
      actions={
        canEdit &&
        !formOpen && (
          <Tooltip label="Link issue">
            <ActionIcon variant="subtle" color="gray" aria-label="Add link" onClick={() => onFormOpenChange(true)}>
              <IconPlus size={18} />
            </ActionIcon>
          </Tooltip>
        )
      }
    >
      <Stack gap="sm">
        {formOpen && <AddLinkForm issue={issue} onDone={() => onFormOpenChange(false)} />}
        {removeError && (
          <Alert color="red" variant="light" role="alert" withCloseButton onClose={() => setRemoveError(null)}>
            {removeError}
          </Alert>
        )}
        {groups.map(([relation, links]) => (
          <div key={relation}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" mb={4}>
              {relation}
            </Text>
            <Paper withBorder radius="sm">
              <ul style={{ listStyle: 'none', margin: 0, padding: 0 }} aria-label={relation}>
                {links.map((link) => (
                  <li key={link.id} className={classes.linkRow}>
                    <Anchor
                      component={RouterLink}
                      to={paths.issue(link.issue.key)}
                      size="sm"
                      fw={500}
                      style={{ whiteSpace: 'nowrap' }}
                    >
                      {link.issue.key}
                    </Anchor>
                    <Text size="sm" truncate title={link.issue.summary}>
                      {link.issue.summary}
                    </Text>
                    <StatusBadge status={link.issue.status ?? null} size="xs" />
                    {canEdit ? (
                      <Tooltip label="Remove link">
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          size="sm"
                          aria-label={`Remove link to ${link.issue.key}`}
                          loading={remove.isPending && remove.variables?.id === link.id}
                          onClick={() => {
                            setRemoveError(null);
                            remove.mutate(
                              { id: link.id, otherKey: link.issue.key },
                              { onError: (e) => setRemoveError(errorMessage(e)) },
                            );
                          }}
                        >
                          <IconLinkOff size={16} />
                        </ActionIcon>
                      </Tooltip>
                    ) : (
                      <span />
                    )}
                  </li>
                ))}
              </ul>
            </Paper>
          </div>
        ))}
      </Stack>
    </Section>
  );
}

function AddLinkForm({ issue, onDone }: { issue: Issue; onDone: () => void }) {
  const linkTypes = useLinkTypes();
  const add = useAddLink(issue.key);
  const [phrase, setPhrase] = useState<string | null>('relates to');
  const [target, setTarget] = useState('');
  const [typed] = useDebouncedValue(target, 250);
  const suggestions = useIssueSuggestions(typed);
  const [errors, setErrors] = useState<{ type?: string; issue?: string; form?: string }>({});

  const phrases = useMemo(() => {
    const all: string[] = [];
    for (const t of linkTypes.data ?? []) {
      if (!all.includes(t.outward)) all.push(t.outward);
      if (!all.includes(t.inward)) all.push(t.inward);
    }
    return all;
  }, [linkTypes.data]);
  const hits = (suggestions.data ?? []).filter((h) => h.key !== issue.key);
  const summaries = new Map(hits.map((h) => [h.key, typeof h.fields.summary === 'string' ? h.fields.summary : '']));

  const submit = () => {
    const key = target.trim().split(/\s/)[0]?.toUpperCase() ?? '';
    const next: typeof errors = {};
    if (!phrase) next.type = 'Choose how the issues are linked';
    if (!key) next.issue = 'Enter the key of the issue to link';
    setErrors(next);
    if (next.type || next.issue || !phrase) return;
    add.mutate(
      { type: phrase, issue: key },
      {
        onSuccess: () => {
          setTarget('');
          onDone();
        },
        onError: (error) => {
          const message = errorMessage(error);
          const field = isApiError(error) ? error.field : undefined;
          if (field === 'type') setErrors({ type: message });
          else if (field === 'issue' || (isApiError(error) && /issue|self/i.test(error.code))) setErrors({ issue: message });
          else setErrors({ form: message });
        },
      },
    );
  };

  return (
    <Paper withBorder p="sm" radius="sm" bg="gray.0">
      <form
        noValidate
        aria-label="Link issue"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="xs">
          {errors.form && (
            <Alert color="red" variant="light" role="alert">
              {errors.form}
            </Alert>
          )}
          <Group align="flex-start" gap="xs" grow preventGrowOverflow={false} wrap="wrap">
            <Select
              label="Link type"
              data={phrases}
              value={phrase}
              onChange={setPhrase}
              allowDeselect={false}
              error={errors.type}
              style={{ flex: '1 1 160px' }}
              comboboxProps={COMBOBOX_PROPS}
            />
            <Autocomplete
              label="Issue"
              placeholder="ITO-123 or words of the summary"
              value={target}
              onChange={setTarget}
              data={hits.map((h) => h.key)}
              filter={({ options }) => options}
              renderOption={({ option }) => (
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" fw={500}>
                    {option.value}
                  </Text>
                  <Text size="sm" c="dimmed" truncate>
                    {summaries.get(option.value)}
                  </Text>
                </Group>
              )}
              error={errors.issue}
              autoFocus
              style={{ flex: '2 1 220px' }}
              comboboxProps={COMBOBOX_PROPS}
            />
          </Group>
          <Group gap="xs" justify="flex-end">
            <Button variant="subtle" color="gray" size="xs" onClick={onDone}>
              Cancel
            </Button>
            <Button type="submit" size="xs" loading={add.isPending} leftSection={<IconPlus size={14} />}>
              Link
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
