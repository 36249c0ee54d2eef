import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/api/client';
import { queryKeys } from '@/api/keys';
import type { SearchHit } from '@/api/types';
import { quoteJql } from '@/lib/jql';

const KEY_RE = /^[A-Za-z][A-Za-z0-9]{1,9}-\d+$/;

/** The JQL that suggests issues for what was typed: the key itself, or a text search. */
export function suggestionJql(typed: string): string | undefined {
  const text = typed.trim();
  if (text.length < 2) return undefined;
  if (KEY_RE.test(text)) return `key = ${quoteJql(text.toUpperCase())}`;
  return `text ~ ${quoteJql(text)} ORDER BY updated DESC`;
}

/** Issues matching what was typed into an issue picker (an unknown key is simply no match). */
export function useIssueSuggestions(typed: string) {
  const jql = suggestionJql(typed);
  const params = { fields: ['summary', 'status'], limit: 8 };
  return useQuery({
    queryKey: queryKeys.issues(jql ?? '', params),
    queryFn: async (): Promise<SearchHit[]> => {
      try {
        const page = await unwrap(
          api.GET('/api/v1/search', { params: { query: { jql, fields: 'summary,status', limit: 8 } } }),
        );
        return page.issues;
      } catch {
        return [];
      }
    },
    enabled: jql !== undefined,
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });
}
