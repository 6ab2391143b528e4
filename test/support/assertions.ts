/**
 * Setup file of both projects: every test must make at least one assertion,
 * so a test whose checks all sit behind a condition that never held, or in a
 * loop over nothing, fails instead of passing having checked nothing.
 */
import { beforeEach, expect } from 'vitest'

beforeEach(() => {
  expect.hasAssertions()
})
