/**
 * e2e global setup: prints one line for each suite that will be skipped, so a
 * green run on a machine without Chromium (or with hardhat skipped on
 * purpose) says what it did not test and how to enable it. Printed here, in
 * the main process, rather than from the test files, so it is one plain line
 * whatever the reporter.
 */
import { ANVIL_SKIP_LINE, anvilMissing } from './anvil.js'
import { browserPlan } from './browser.js'
import { HARDHAT_SKIP_LINE, skipHardhat } from './hardhat-skip.js'

export default function announceSkips(): void {
  const browser = browserPlan()
  if (!browser.run && !browser.fail) console.warn(`[fundtrace] ${browser.why}`)
  if (skipHardhat()) console.warn(`[fundtrace] ${HARDHAT_SKIP_LINE}`)
  if (anvilMissing()) console.warn(`[fundtrace] ${ANVIL_SKIP_LINE}`)
}
