import { Button, Group, Stack, Textarea, Title } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { EmptyState } from '@/components/EmptyState';
import { usePageTitle } from '@/lib/usePageTitle';
import { SearchResultsView } from './SearchResultsView';

/** /search?jql=... — JQL search (placeholder: a plain text box until the JQL editor lands). */
export function SearchPage() {
  usePageTitle('Search');
  const [searchParams, setSearchParams] = useSearchParams();
  const jql = searchParams.get('jql');
  const [draft, setDraft] = useState(jql ?? '');
  useEffect(() => setDraft(jql ?? ''), [jql]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSearchParams({ jql: draft });
  };

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        Search
      </Title>
      <form onSubmit={onSubmit} role="search" aria-label="Search issues with JQL">
        <Group align="flex-end" gap="sm" wrap="wrap">
          <Textarea
            label="Query (JQL)"
            description="For example: project = ITO AND status = Investigating ORDER BY created DESC"
            value={draft}
            onChange={(e) => setDraft(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) {
                e.preventDefault();
                e.currentTarget.form?.requestSubmit();
              }
            }}
            autosize
            minRows={1}
            maxRows={6}
            spellCheck={false}
            ff="monospace"
            style={{ flex: 1, minWidth: 240 }}
          />
          <Button type="submit" leftSection={<IconSearch size={16} />}>
            Search
          </Button>
        </Group>
      </form>
      {jql === null ? (
        <EmptyState title="Search issues" description="Type a query and press Enter. An empty query finds every issue you may see." />
      ) : (
        <SearchResultsView jql={jql} label="Search results" />
      )}
    </Stack>
  );
}
