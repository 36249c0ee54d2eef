import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIST_DEBOUNCE_MS, LiveInvalidator, parseIssueEvent } from './live';

describe('parseIssueEvent', () => {
  it('reads the event data and derives the project from the key when absent', () => {
    expect(parseIssueEvent('{"id":7,"topic":"issue.updated","key":"ITO-5","projectKey":"ITO"}')).toEqual({
      id: 7,
      topic: 'issue.updated',
      key: 'ITO-5',
      projectKey: 'ITO',
    });
    expect(parseIssueEvent('{"topic":"comment.created","key":"OPS-12"}')?.projectKey).toBe('OPS');
    expect(parseIssueEvent('not json')).toBeUndefined();
    expect(parseIssueEvent('{"topic":"x"}')).toBeUndefined();
  });
});

describe('LiveInvalidator', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('invalidates the issue at once and the lists once per debounce window', () => {
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, 'invalidateQueries').mockResolvedValue();
    const live = new LiveInvalidator(client);

    live.onIssueEvent({ topic: 'issue.updated', key: 'ITO-5', projectKey: 'ITO' });
    live.onIssueEvent({ topic: 'comment.created', key: 'ito-6', projectKey: 'ITO' });
    const keys = () => invalidate.mock.calls.map(([filters]) => filters?.queryKey);

    expect(keys()).toEqual([['issue', 'ITO-5'], ['request', 'ITO-5'], ['issue', 'ITO-6'], ['request', 'ITO-6']]);

    vi.advanceTimersByTime(LIST_DEBOUNCE_MS);

    expect(keys().slice(4)).toEqual([['issues'], ['queue'], ['requests'], ['queues', 'ITO']]);
    live.dispose();
  });
});
