import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // The whole-book tests share one build; running files in parallel on two cores only thrashes.
    fileParallelism: false,
  },
});
