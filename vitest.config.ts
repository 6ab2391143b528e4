import { defineConfig } from 'vitest/config'

// Two projects so the fast unit tests can run alone (`npm run test:unit`)
// while `vitest run` still runs both.
export default defineConfig({
  test: {
    // A test that asserts nothing fails (see the file).
    setupFiles: ['test/support/assertions.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // scripts/ holds repository tooling (the layering check) whose
          // logic is unit-tested beside it.
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
          // In-process and offline: a unit test near this is hung, not slow.
          testTimeout: 15_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          // One line per suite that will be skipped, and how to enable it.
          globalSetup: ['test/support/announce-skips.ts'],
          // Child processes, a real hardhat node, headless Chromium.
          testTimeout: 30_000,
        },
      },
    ],
  },
})
