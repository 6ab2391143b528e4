/**
 * One way to drive Debian's chromium from tests: playwright-core with the
 * system binary, so no browser download is ever needed. Tests decide whether
 * to run with browserPlan() (support/browser.ts) and call this only when it
 * says run.
 */
import { type Browser, chromium } from 'playwright-core'

export function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({
    executablePath,
    headless: true,
    // Root in CI containers needs no sandbox; SwiftShader gives WebGL without a GPU.
    args: [
      '--no-sandbox',
      '--enable-unsafe-swiftshader',
      '--use-angle=swiftshader',
    ],
  })
}
