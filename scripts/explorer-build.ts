/**
 * The explorer's browser bundle, built with esbuild. End users' installs have
 * no esbuild, so the bundle is committed (assets/explorer.js); its header
 * records a hash of every input, so a test can tell when it is stale.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { build } from 'esbuild'

const ROOT = resolve(import.meta.dirname, '..')
export const ENTRY = resolve(ROOT, 'src/report/explore/app/main.ts')
export const ASSET = resolve(ROOT, 'assets/explorer.js')
const HEADER = /^\/\*! fundtrace explorer: sources sha256 ([0-9a-f]{64})/

/** sha256 over each input's path and content, in path order. */
export function sourcesHash(inputs: readonly string[]): string {
  const lines = [...inputs]
    .map((p) => relative(ROOT, resolve(ROOT, p)).split('\\').join('/'))
    .sort()
    .map((p) => {
      const body = createHash('sha256')
        .update(readFileSync(resolve(ROOT, p)))
        .digest('hex')
      return `${body}  ${p}\n`
    })
  return createHash('sha256').update(lines.join('')).digest('hex')
}

/** The bundle text (header included) and the inputs it was built from. */
export async function buildExplorer(): Promise<{
  code: string
  inputs: string[]
}> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [ENTRY],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    legalComments: 'none',
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  const inputs = Object.keys(result.metafile.inputs)
  const body = result.outputFiles[0]?.text ?? ''
  const header = `/*! fundtrace explorer: sources sha256 ${sourcesHash(inputs)}; built by npm run build:explorer; sigma and graphology, MIT licence */\n`
  return { code: header + body, inputs }
}

/** The hash recorded in a bundle's header, or null. */
export function recordedHash(bundle: string): string | null {
  return HEADER.exec(bundle)?.[1] ?? null
}
