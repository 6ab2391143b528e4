/** `fundtrace report DIR` and `fundtrace verify DIR`, driven through commander as main() does. */
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command, CommanderError } from 'commander'
import { afterAll, describe, expect, test } from 'vitest'
import { sampleReport } from '../../../test/support/sample-report.js'
import { BaseError } from '../../core/errors.js'
import { evidenceKey, sha256Hex } from '../../evidence/key.js'
import { writeReportBundles } from '../../report/bundles.js'
import {
  bundleSha256,
  entryFor,
  MANIFEST_FILE,
  type Manifest,
  type ManifestEntry,
} from '../../report/manifest.js'
import { SUMS_FILE, writeSums } from '../../report/sums.js'
import { registerReportCommand } from './report.js'
import { registerVerifyCommand } from './verify.js'

/** The same exit-code mapping as src/cli/main.ts. */
async function cli(argv: string[]) {
  let stdout = ''
  let stderr = ''
  let code = 0
  const io = {
    stdout: (t: string) => {
      stdout += t
    },
    stderr: (t: string) => {
      stderr += t
    },
    env: {},
    isTTY: false,
  }
  const program = new Command('fundtrace').exitOverride().configureOutput({
    writeOut: io.stdout,
    writeErr: io.stderr,
  })
  registerVerifyCommand(program, io, (c) => {
    code = c
  })
  registerReportCommand(program, io, (c) => {
    code = c
  })
  try {
    await program.parseAsync(argv, { from: 'user' })
  } catch (err) {
    if (err instanceof CommanderError) code = 2
    else if (err instanceof BaseError) {
      code = err.exitCode
      stderr += `fundtrace: ${err.shortMessage}\n`
    } else throw err
  }
  return { code, stdout, stderr }
}

const BODY = '{"status":200}'
const URL_ = 'https://mempool.space/api/tx/00/hex'
/** A genuine evidence record: its key and body hash check out. */
const RECORD = {
  key: evidenceKey({ method: 'GET', url: URL_, body: undefined }),
  method: 'GET',
  url: URL_,
  status: 200,
  contentType: 'application/json',
  retrievedAt: '2026-01-01T00:00:00.000Z',
  sha256: sha256Hex(BODY),
  body: BODY,
}

const LABELS = {
  builtIn: false,
  files: [
    {
      name: 'exchanges.csv',
      text: 'chain,address,entity,category\nbitcoin,1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa,Genesis,service\n',
    },
  ],
}

const dirs: string[] = []
async function bundle(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fundtrace-cli-report-'))
  dirs.push(dir)
  await writeReportBundles(sampleReport(), {
    outDir: dir,
    evidence: [
      { key: RECORD.key, json: `${JSON.stringify(RECORD, null, 2)}\n` },
    ],
    labels: LABELS,
  })
  return dir
}
/**
 * Re-seals a folder after an edit, as someone with write access could: the
 * sums and manifest.json then agree with the edit, so what is tested is the
 * check that comes after the seal (the schema).
 */
async function reseal(dir: string): Promise<void> {
  const path = join(dir, MANIFEST_FILE)
  const manifest = JSON.parse(await readFile(path, 'utf8')) as Manifest
  const files: ManifestEntry[] = []
  for (const entry of manifest.files) {
    const data = await readFile(join(dir, entry.path)).catch(() => null)
    if (data) files.push(entryFor(entry.path, data))
  }
  const resealed = { ...manifest, files, bundleSha256: bundleSha256(files) }
  await writeFile(path, JSON.stringify(resealed))
  await writeSums(dir)
}

afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

describe('fundtrace verify', () => {
  test('exit 0 on an untouched bundle', async () => {
    const dir = await bundle()
    const out = await cli(['verify', dir])
    expect(out).toMatchObject({ code: 0, stderr: '' })
    expect(out.stdout).toMatch(/^OK: \d+ files match MANIFEST\.sha256\n$/)
  })
  test('exit 1 with one line per problem', async () => {
    const dir = await bundle()
    await writeFile(join(dir, 'report.json'), '{}')
    await rm(join(dir, 'hops.csv'))
    await writeFile(join(dir, 'extra\u001b[31m.txt'), 'x')
    const out = await cli(['verify', dir])
    expect(out.code).toBe(1)
    expect(out.stdout.trimEnd().split('\n')).toEqual([
      'missing: hops.csv',
      'changed: report.json',
      'extra: extra\ufffd[31m.txt',
      'manifest: hops.csv: missing',
      'manifest: report.json: sha256 mismatch',
      'manifest: report.json: size mismatch',
    ])
  })
  test('exit 2 for a folder that does not exist', async () => {
    const out = await cli(['verify', '/nonexistent/fundtrace-dir'])
    expect(out.code).toBe(2)
    expect(out.stderr).toContain('no such folder')
  })
})

describe('tampered bundles are refused', () => {
  /** Edits that keep MANIFEST.sha256 consistent, so only the deeper checks can catch them. */
  const edits: [string, (dir: string) => Promise<void>, RegExp][] = [
    [
      'report.json changed, MANIFEST.sha256 recomputed',
      async (dir) => {
        const text = await readFile(join(dir, 'report.json'), 'utf8')
        await writeFile(
          join(dir, 'report.json'),
          text.replace('"generatedAt"', '"generatedAt" '),
        )
        await writeSums(dir)
      },
      /manifest: report\.json: sha256 mismatch/,
    ],
    [
      'manifest.json bundle hash changed, MANIFEST.sha256 recomputed',
      async (dir) => {
        const path = join(dir, MANIFEST_FILE)
        const manifest = JSON.parse(await readFile(path, 'utf8')) as Manifest
        manifest.bundleSha256 = 'ab'.repeat(32)
        await writeFile(path, JSON.stringify(manifest))
        await writeSums(dir)
      },
      /manifest: bundleSha256 does not match/,
    ],
    [
      'an evidence body changed, both manifests recomputed',
      async (dir) => {
        const key = RECORD.key
        const file = join(dir, 'evidence', key.slice(0, 2), `${key}.json`)
        const record = JSON.parse(await readFile(file, 'utf8'))
        record.body = record.body.replace('200', '201')
        await writeFile(file, JSON.stringify(record))
        await reseal(dir)
      },
      /evidence: evidence\/[0-9a-f]{2}\//,
    ],
  ]
  test.each(edits)(
    '%s: verify exit 1, report DIR refuses',
    async (_n, edit, line) => {
      const dir = await bundle()
      await edit(dir)
      const verified = await cli(['verify', dir])
      expect(verified.code).toBe(1)
      expect(verified.stdout).toMatch(line)
      const sums = await readFile(join(dir, SUMS_FILE), 'utf8')
      const rendered = await cli(['report', dir])
      expect(rendered.code).toBe(1)
      expect(rendered.stderr).toMatch(
        /fails its integrity check; refusing|fails its integrity check \(/,
      )
      // Nothing was re-sealed.
      expect(await readFile(join(dir, SUMS_FILE), 'utf8')).toBe(sums)
    },
  )
})

describe('fundtrace report', () => {
  test('re-renders byte-identical outputs from report.json and evidence', async () => {
    const dir = await bundle()
    const before = await readFile(join(dir, SUMS_FILE), 'utf8')
    await rm(join(dir, 'report.html'))
    await rm(join(dir, 'graph.gexf'))
    const out = await cli(['report', dir])
    expect(out.stderr).toBe('')
    expect(out.code).toBe(0)
    expect(out.stdout).toContain(`fundtrace verify ${dir}`)
    // The label files the trace used are carried over too.
    expect(before).toContain('  labels/1-exchanges.csv\n')
    expect(await readFile(join(dir, SUMS_FILE), 'utf8')).toBe(before)
    expect((await cli(['verify', dir])).code).toBe(0)
  })
  test('--redact-victim adds a victim copy covered by the manifest', async () => {
    const dir = await bundle()
    const out = await cli(['report', dir, '--redact-victim'])
    expect(out.code).toBe(0)
    const html = await readFile(join(dir, 'victim-copy', 'report.html'), 'utf8')
    expect(html).toContain('VICTIM COPY')
    expect(await readFile(join(dir, SUMS_FILE), 'utf8')).toContain(
      'victim-copy/report.html',
    )
    expect((await cli(['verify', dir])).code).toBe(0)
  })
  test('re-rendering a victim copy keeps it a victim copy', async () => {
    const dir = await bundle()
    await cli(['report', dir, '--redact-victim'])
    const victim = join(dir, 'victim-copy')
    expect((await cli(['report', victim])).code).toBe(0)
    const html = await readFile(join(victim, 'report.html'), 'utf8')
    expect(html).toContain('VICTIM COPY')
  })
  test('--pdf without Chromium: exact message, exit 1, the rest still written', async () => {
    const dir = await bundle()
    await rm(join(dir, 'report.html'))
    const out = await cli([
      'report',
      dir,
      '--pdf',
      '--chromium',
      '/nonexistent/chromium',
    ])
    expect(out.code).toBe(1)
    expect(out.stderr).toBe(
      'fundtrace: Chromium not found; install it, or open report.html and print it\n',
    )
    expect(existsSync(join(dir, 'report.html'))).toBe(true)
    expect((await cli(['verify', dir])).code).toBe(0)
  })
  test.each([
    [
      'a missing field',
      (r: Record<string, unknown>) => delete r.hits,
      /report schema: hits: must have required property 'hits'/,
    ],
    [
      'a bad amount',
      (r: Record<string, unknown>) => {
        const rec = r.reconciliation as Record<string, { amountBase: string }>
        rec.stolen!.amountBase = '1.5'
      },
      /reconciliation\.stolen\.amountBase/,
    ],
    [
      'an unknown field',
      (r: Record<string, unknown>) => {
        r.surprise = 1
      },
      /surprise/,
    ],
  ])(
    '%s in report.json is a usage error naming the field',
    async (_n, edit, field) => {
      const dir = await bundle()
      const report = JSON.parse(
        await readFile(join(dir, 'report.json'), 'utf8'),
      )
      edit(report)
      await writeFile(join(dir, 'report.json'), JSON.stringify(report))
      await reseal(dir)
      const out = await cli(['report', dir])
      expect(out.code).toBe(2)
      expect(out.stderr).toMatch(field)
    },
  )
  test('not JSON, or no report.json, is a usage error', async () => {
    const dir = await bundle()
    await writeFile(join(dir, 'report.json'), '{nope')
    await reseal(dir)
    expect(await cli(['report', dir])).toMatchObject({ code: 2 })
    await rm(join(dir, 'report.json'))
    await reseal(dir)
    const out = await cli(['report', dir])
    expect(out.code).toBe(2)
    expect(out.stderr).toContain('not found')
  })
})
