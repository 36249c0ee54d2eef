/**
 * Live updates: one server-sent-events stream per tab (`GET /api/v1/stream`, same-origin cookie
 * auth), mounted once by each shell. An `issue` event invalidates the cached queries it affects,
 * by the key conventions of src/api/keys.ts:
 *
 * - at once: ['issue', key] (the issue and its parts) and ['request', key];
 * - debounced 300 ms, since one change can touch many lists: ['issues'] (searches),
 *   ['queues', projectKey] (queue counts), ['queue'] (queue issue pages), ['requests'].
 *
 * EventSource reconnects by itself after a network error; when it opens again after one, every
 * list is refreshed, since events may have been missed meanwhile.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { queryKeys } from '@/api/keys';

export const STREAM_URL = '/api/v1/stream';
export const LIST_DEBOUNCE_MS = 300;

/** The data of an `issue` event. */
export interface IssueEvent {
  id?: number;
  topic: string;
  key: string;
  projectKey?: string;
}

export function parseIssueEvent(data: unknown): IssueEvent | undefined {
  if (typeof data !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { id, topic, key, projectKey } = value as Record<string, unknown>;
  if (typeof key !== 'string' || typeof topic !== 'string') return undefined;
  const event: IssueEvent = { topic, key };
  if (typeof id === 'number') event.id = id;
  if (typeof projectKey === 'string') event.projectKey = projectKey;
  else if (key.includes('-')) event.projectKey = key.slice(0, key.lastIndexOf('-'));
  return event;
}

/** Applies issue events to a query client; lists are refreshed at most once per debounce window. */
export class LiveInvalidator {
  private readonly projects = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly client: QueryClient,
    private readonly debounceMs = LIST_DEBOUNCE_MS,
  ) {}

  onIssueEvent(event: IssueEvent): void {
    void this.client.invalidateQueries({ queryKey: queryKeys.issue(event.key) });
    void this.client.invalidateQueries({ queryKey: queryKeys.request(event.key) });
    if (event.projectKey) this.projects.add(event.projectKey);
    this.scheduleLists();
  }

  /** After a reconnect: anything may have changed. */
  refreshAll(): void {
    void this.client.invalidateQueries({ queryKey: ['issue'] });
    void this.client.invalidateQueries({ queryKey: ['request'] });
    void this.client.invalidateQueries({ queryKey: ['queues'] });
    this.scheduleLists();
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private scheduleLists(): void {
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const projects = [...this.projects];
      this.projects.clear();
      void this.client.invalidateQueries({ queryKey: queryKeys.allIssues() });
      void this.client.invalidateQueries({ queryKey: queryKeys.allQueues() });
      void this.client.invalidateQueries({ queryKey: queryKeys.allRequests() });
      for (const projectKey of projects) {
        void this.client.invalidateQueries({ queryKey: queryKeys.queues(projectKey) });
      }
    }, this.debounceMs);
  }
}

/** Opens the live-update stream for as long as the calling component is mounted. */
export function useLiveUpdates(): void {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return undefined;
    const invalidator = new LiveInvalidator(client);
    const source = new EventSource(STREAM_URL, { withCredentials: false });
    let hadError = false;

    const onMessage = (message: MessageEvent) => {
      const event = parseIssueEvent(message.data);
      if (event) invalidator.onIssueEvent(event);
    };
    const onOpen = () => {
      if (hadError) invalidator.refreshAll();
      hadError = false;
    };
    const onError = () => {
      hadError = true;
    };

    source.addEventListener('issue', onMessage);
    source.addEventListener('message', onMessage);
    source.addEventListener('open', onOpen);
    source.addEventListener('error', onError);
    return () => {
      source.close();
      invalidator.dispose();
    };
  }, [client]);
}
