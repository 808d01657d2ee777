import { describe, expect, it } from '@jest/globals';

describe('sanity', () => {
  it('runs on node 24', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });
});
