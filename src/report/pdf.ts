/** report.pdf from report.html with headless Chromium (same HTML, print CSS). */
import { execFile } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BaseError } from '../core/errors.js'

export const CHROMIUM_NOT_FOUND =
  'Chromium not found; install it, or open report.html and print it'

/** Exit 1 with exactly CHROMIUM_NOT_FOUND; the rest of the bundle is written. */
export class ChromiumNotFoundError extends BaseError {
  override name = 'ChromiumNotFoundError'
  constructor() {
    super(CHROMIUM_NOT_FOUND)
  }
}

class PdfRenderError extends BaseError {
  override name = 'PdfRenderError'
}

const CANDIDATES = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
]

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** An explicit path, else /usr/bin/chromium, else the first candidate on PATH. */
export function findChromium(
  explicit?: string | undefined,
  env: Record<string, string | undefined> = process.env,
): string | undefined {
  if (explicit) return executable(explicit) ? explicit : undefined
  if (executable('/usr/bin/chromium')) return '/usr/bin/chromium'
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean))
    for (const name of CANDIDATES)
      if (executable(join(dir, name))) return join(dir, name)
  return undefined
}

type RenderPdfOptions = {
  chromium?: string | undefined
  timeoutMs?: number | undefined
}

export async function renderPdf(
  htmlPath: string,
  pdfPath: string,
  options: RenderPdfOptions = {},
): Promise<void> {
  const chromium = findChromium(options.chromium)
  if (!chromium) throw new ChromiumNotFoundError()
  const profile = await mkdtemp(join(tmpdir(), 'fundtrace-chromium-'))
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--no-pdf-header-footer',
    `--user-data-dir=${profile}`,
    `--print-to-pdf=${resolve(pdfPath)}`,
    pathToFileURL(resolve(htmlPath)).href,
  ]
  try {
    await new Promise<void>((ok, fail) => {
      execFile(
        chromium,
        args,
        { timeout: options.timeoutMs ?? 60_000 },
        (err, _out, stderr) =>
          err
            ? fail(
                new PdfRenderError('Chromium failed to print the PDF', {
                  details: String(stderr).slice(-2000),
                  cause: err,
                }),
              )
            : ok(),
      )
    })
    const info = await stat(pdfPath).catch(() => null)
    if (!info || info.size === 0)
      throw new PdfRenderError('Chromium wrote no PDF', { details: pdfPath })
  } finally {
    await rm(profile, { recursive: true, force: true })
  }
}
