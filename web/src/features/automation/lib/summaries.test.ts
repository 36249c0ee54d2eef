import { describe, expect, it } from 'vitest';

import { summarizeTrigger } from './summaries';

describe('summarizeTrigger', () => {
  it('names the environment type and state of a deployment trigger, leaving out "any"', () => {
    expect(summarizeTrigger('deploymentReceived', { environmentType: 'production', state: 'successful' })).toBe(
      'production · Successful',
    );
    expect(summarizeTrigger('deploymentReceived', { environmentType: 'any', state: 'rolled_back' })).toBe('Rolled back');
    expect(summarizeTrigger('deploymentReceived', { environmentType: 'staging', state: 'any' })).toBe('staging');
    expect(summarizeTrigger('deploymentReceived', {})).toBe('');
  });

  it('summarizes transitions from and to', () => {
    expect(summarizeTrigger('issueTransitioned', { fromStatus: ['Open'], toStatus: ['Done'] })).toBe('From Open to Done');
  });
});
