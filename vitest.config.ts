import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Browser tests each start their own Chromium; two cores cannot run many at once.
    maxConcurrency: 2,
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
