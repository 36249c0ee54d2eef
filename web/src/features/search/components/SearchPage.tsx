import { Alert, Box, Button, Chip, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';
import { IconAlertCircle, IconSearch } from '@tabler/icons-react';
import { Suspense, lazy, useCallback, useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { isApiError } from '@/api/client';
import type { QueryLanguage } from '@/api/types';
import { ORDERABLE_SYSTEM_FIELDS } from '@/components/IssueTable';
import type { IssueSort } from '@/components/IssueTable';
import { canonicalField, splitOrderBy, withOrderBy } from '@/lib/jqlSyntax';
import { usePageTitle } from '@/lib/usePageTitle';
import { findUsers, useIssueSearch, useQueryLanguage, validateJql } from '../api/search';
import type { JqlError } from '../jql/jqlLint';
import { ColumnChooser } from './ColumnChooser';
import type { ColumnOption } from './ColumnChooser';
import type { JqlValidation } from './JqlEditor';
import classes from './SearchPage.module.css';
import { SearchResultsView } from './SearchResultsView';

/** CodeMirror stays out of every other page: the editor is its own chunk. */
const JqlEditor = lazy(async () => ({ default: (await import('./JqlEditor')).JqlEditor }));

/** The results table's columns until the user picks others. */
export const DEFAULT_SEARCH_COLUMNS = ['issuetype', 'key', 'summary', 'assignee', 'priority', 'status', 'created', 'updated'];

const SYSTEM_COLUMNS = [
  'issuetype', 'key', 'summary', 'status', 'priority', 'resolution', 'assignee', 'reporter', 'created', 'updated',
  'resolved', 'due', 'labels', 'project',
];

/** Ready-made queries above the editor. */
const QUICK_FILTERS: readonly { label: string; jql: string }[] = [
  { label: 'My open work', jql: 'assignee = currentUser() AND statusCategory != Done ORDER BY priority DESC, updated DESC' },
  { label: 'Reported by me', jql: 'reporter = currentUser() ORDER BY created DESC' },
  { label: 'Unassigned', jql: 'assignee IS EMPTY AND statusCategory != Done ORDER BY created DESC' },
  { label: 'Open incidents', jql: 'issuetype = Incident AND statusCategory != Done ORDER BY priority DESC, created DESC' },
  { label: 'Created in the last 7 days', jql: 'created >= -7d ORDER BY created DESC' },
  { label: 'Resolved in the last 7 days', jql: 'resolved >= -7d ORDER BY resolved DESC' },
];

const ERROR_TITLES: Record<string, string> = {
  'query.syntax': 'The query is not well formed',
  'query.unknownField': 'Unknown field',
  'query.badOperator': 'This field does not take that operator',
  'query.badValue': 'A value does not fit its field',
  'query.badOrder': 'The results cannot be sorted this way',
  'query.tooLong': 'The query is too long',
  'query.tooDeep': 'The query is nested too deeply',
};

const HELP_ID = 'jql-help';
const ERROR_ID = 'jql-error';

/** The stored choice when it is a usable list of field names (it is user-editable storage). */
function validColumns(stored: unknown): string[] {
  if (!Array.isArray(stored)) return DEFAULT_SEARCH_COLUMNS;
  const names = stored.filter((c): c is string => typeof c === 'string' && c.trim() !== '');
  return names.length > 0 ? names : DEFAULT_SEARCH_COLUMNS;
}

function columnOptions(language: QueryLanguage | undefined): ColumnOption[] {
  const custom = (language?.fields ?? []).filter((f) => f.custom).map((f) => f.name);
  return [
    ...SYSTEM_COLUMNS.map((value) => ({ value, group: 'System fields' as const })),
    ...custom.map((value) => ({ value, group: 'Custom fields' as const })),
  ];
}

/**
 * /search?jql=… — JQL search: the editor (highlighting, suggestions, checking as you type),
 * quick filters, and the results with a column chooser, sorting by column (rewrites the
 * query's ORDER BY) and "Load more". The query lives in the URL; an empty one finds every issue
 * you may see, newest first.
 */
export function SearchPage() {
  usePageTitle('Search');
  const [params, setParams] = useSearchParams();
  const jql = params.get('jql') ?? '';
  const [draft, setDraft] = useState(jql);
  useEffect(() => setDraft(jql), [jql]);
  const [validation, setValidation] = useState<JqlValidation | null>(null);
  const language = useQueryLanguage();

  const [storedColumns, setColumns] = useLocalStorage<string[]>({
    key: 'steward.search.columns',
    defaultValue: DEFAULT_SEARCH_COLUMNS,
    getInitialValueInEffect: false,
  });
  const columns = validColumns(storedColumns);
  const fields = columns.filter((c) => c.toLowerCase() !== 'key');
  const search = useIssueSearch(jql, fields);

  const run = (text: string) => {
    if (text === jql) void search.refetch();
    else setParams({ jql: text });
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    run(draft);
  };

  // One error at a time: the failed search's while the text is that query, else the check's.
  const searchError: JqlError | null =
    search.isError && isApiError(search.error) && search.error.code.startsWith('query.') && draft === jql
      ? { code: search.error.code, message: search.error.message, position: search.error.position }
      : null;
  const shownError = searchError ?? (validation && validation.jql === draft ? validation.error : null);

  const sort: IssueSort | undefined = splitOrderBy(jql).orderBy[0];
  const onSortChange = (next: IssueSort) => setParams({ jql: withOrderBy(jql, [next]) });
  const isSortable = (column: string) =>
    ORDERABLE_SYSTEM_FIELDS.has(canonicalField(column)) ||
    Boolean(language.data?.fields.some((f) => f.orderable && f.name.toLowerCase() === column.toLowerCase()));

  const validate = useCallback(async (text: string) => {
    const verdict = await validateJql(text);
    return { valid: verdict.valid, error: verdict.error };
  }, []);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="xs">
        <Title order={1} size="h3">
          Search
        </Title>
      </Group>

      <Stack gap={6}>
        <form onSubmit={onSubmit} role="search" aria-label="Search issues with JQL">
          <Group align="flex-start" gap="xs" wrap="nowrap">
            <Box style={{ flex: 1, minWidth: 0 }}>
              <Suspense fallback={<Skeleton height={36} radius="sm" aria-label="Loading the query editor" />}>
                <JqlEditor
                  value={draft}
                  onChange={setDraft}
                  onSubmit={run}
                  language={language.data}
                  validate={validate}
                  onValidation={setValidation}
                  findUsers={findUsers}
                  error={{ jql: draft, error: shownError }}
                  describedBy={shownError ? `${HELP_ID} ${ERROR_ID}` : HELP_ID}
                  placeholder='project = ITO AND status = "Requires triage" ORDER BY created DESC'
                  autoFocus={jql === ''}
                />
              </Suspense>
            </Box>
            <Button type="submit" leftSection={<IconSearch size={16} aria-hidden />} h={36}>
              Search
            </Button>
          </Group>
        </form>
        <Text id={HELP_ID} size="xs" c="dimmed">
          Enter searches · Shift+Enter adds a line · Ctrl+Space suggests fields, operators and values
        </Text>
        {shownError && (
          <Alert
            id={ERROR_ID}
            role="alert"
            color="red"
            variant="light"
            icon={<IconAlertCircle size={18} aria-hidden />}
            title={ERROR_TITLES[shownError.code] ?? 'The query cannot run'}
            py="xs"
          >
            <Text size="sm">{shownError.message}</Text>
            {shownError.position && (
              <Text size="xs" c="dimmed" mt={2}>
                Line {shownError.position.line}, column {shownError.position.column}
              </Text>
            )}
          </Alert>
        )}
        <Group gap={6} wrap="nowrap" role="group" aria-label="Quick filters" className={classes.quickFilters}>
          {QUICK_FILTERS.map((f) => (
            <Chip key={f.label} size="xs" variant="outline" checked={jql === f.jql} onChange={() => run(f.jql)}>
              {f.label}
            </Chip>
          ))}
        </Group>
      </Stack>

      <Stack gap="xs">
        <Group justify="space-between" align="center">
          <Text fw={600} size="sm">
            Results
          </Text>
          <ColumnChooser
            options={columnOptions(language.data)}
            value={columns}
            onChange={setColumns}
            onReset={() => setColumns(DEFAULT_SEARCH_COLUMNS)}
          />
        </Group>
        <SearchResultsView
          jql={jql}
          columns={columns}
          label="Search results"
          sort={sort}
          onSortChange={onSortChange}
          isSortable={isSortable}
          queryErrorsElsewhere
        />
      </Stack>
    </Stack>
  );
}
