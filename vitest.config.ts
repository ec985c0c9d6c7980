import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', 'json'],
    // Snapshots are compared, never written, unless asked: a missing baseline fails (as vitest does
    // when CI is set) instead of being written and passing (issue 18). Write or refresh baselines with
    // `-u` (all of a file's) or `UPDATE_SNAPSHOT=new` (only missing ones), as README's "Tests" says.
    update: process.env.UPDATE_SNAPSHOT ? undefined : 'none',
    outputFile: { json: 'test-results/vitest.json' },
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          // Unit tests first, browser tests after: on a 2-core machine, SwiftShader WebGPU
          // starved by the Node training tests once took over 120 s to start (CI stop 7).
          sequence: { groupOrder: 0 },
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          environment: 'node',
          sequence: { groupOrder: 1 },
          include: ['tests/browser/**/*.test.ts'],
          // Headless Chromium with SwiftShader WebGPU is slow; one file at a time keeps CPU for it.
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
