/**
 * Whether the browser suite runs, skips or fails, decided in one place so the
 * suite and the one line printed at start-up (announce-skips.ts) agree.
 *
 * - FUNDTRACE_SKIP_BROWSER=1: skip on purpose.
 * - FUNDTRACE_REQUIRE_BROWSER=1 (set by .ci/run): a missing tool fails the
 *   suite, so CI can never pass without having rendered a report.
 * - otherwise a missing tool skips, so `npm test` passes on a fresh machine.
 */
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { findChromium } from '../../src/report/pdf.js'

export function onPath(
  name: string,
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    try {
      accessSync(join(dir, name), constants.X_OK)
      return join(dir, name)
    } catch {}
  }
  return undefined
}

export type BrowserPlan =
  | { run: true; chromium: string; pdftoppm: string }
  | { run: false; fail: boolean; why: string }

const INSTALL = 'apt-get install -y chromium poppler-utils'

export function browserPlan(
  env: Record<string, string | undefined> = process.env,
): BrowserPlan {
  if (env.FUNDTRACE_SKIP_BROWSER === '1')
    return {
      run: false,
      fail: false,
      why: 'browser tests skipped: FUNDTRACE_SKIP_BROWSER=1 is set; unset it to run them',
    }
  const chromium = findChromium(env.FUNDTRACE_CHROMIUM, env)
  const pdftoppm = onPath('pdftoppm', env)
  if (chromium && pdftoppm) return { run: true, chromium, pdftoppm }
  const missing = [
    chromium ? '' : 'chromium',
    pdftoppm ? '' : 'pdftoppm',
  ].filter(Boolean)
  if (env.FUNDTRACE_REQUIRE_BROWSER === '1')
    return {
      run: false,
      fail: true,
      why: `browser tests required (FUNDTRACE_REQUIRE_BROWSER=1) but ${missing.join(' and ')} not found: ${INSTALL}`,
    }
  return {
    run: false,
    fail: false,
    why: `browser tests skipped: ${missing.join(' and ')} not found; to run them: ${INSTALL} (or FUNDTRACE_CHROMIUM=/path/to/chromium)`,
  }
}
