import { describe, expect, it } from 'vitest';
import { formatSize } from './formatSize';

describe('formatSize', () => {
  it('uses bytes, then KB with a decimal below 10 KB, then MB', () => {
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(1023)).toBe('1023 B');
    expect(formatSize(2_560)).toBe('2.5 KB');
    expect(formatSize(48 * 1024)).toBe('48 KB');
    expect(formatSize(20 * 1024 * 1024)).toBe('20.0 MB');
  });
});
