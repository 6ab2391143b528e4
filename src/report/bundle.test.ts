import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { ADDR, sampleReport } from '../../test/support/sample-report.js'
import { writeReportBundle } from './bundle.js'
import {
  bundleSha256,
  type Manifest,
  manifestLines,
  reportId,
  sha256Hex,
  verifyManifest,
} from './manifest.js'
import { ChromiumNotFoundError, renderPdf } from './pdf.js'

const dirs: string[] = []
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'fundtrace-bundle-'))
  dirs.push(dir)
  return dir
}
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

const evidence = [
  { key: 'ab'.repeat(32), json: '{"status":200}\n' },
  { key: 'cd'.repeat(32), json: '{"status":404}\n' },
]

describe('writeReportBundle', async () => {
  const dir = await tempDir()
  const written = await writeReportBundle(sampleReport(), {
    outDir: dir,
    audience: 'police',
    evidence,
  })
  const manifest = JSON.parse(
    await readFile(join(dir, 'manifest.json'), 'utf8'),
  ) as Manifest

  test('writes every file and lists it in the manifest', () => {
    const paths = manifest.files.map((f) => f.path)
    expect(paths).toEqual([
      'at-rest.csv',
      'endpoints.csv',
      `evidence/ab/${'ab'.repeat(32)}.json`,
      `evidence/cd/${'cd'.repeat(32)}.json`,
      'explore.html',
      'freeze-requests/binance.txt',
      'freeze-requests/script-alert-1-script.txt',
      'graph.dot',
      'graph.gexf',
      'graph.graphml',
      'hits.csv',
      'hops.csv',
      'report.html',
      'report.json',
      'unexplored.csv',
    ])
    for (const path of paths) expect(existsSync(join(dir, path))).toBe(true)
  })

  test('manifest hashes verify', async () => {
    expect(await verifyManifest(dir)).toEqual({ ok: true, problems: [] })
    for (const entry of manifest.files) {
      const bytes = await readFile(join(dir, entry.path))
      expect(sha256Hex(bytes)).toBe(entry.sha256)
      expect(bytes.byteLength).toBe(entry.size)
    }
  })

  test('bundle hash = sha256 of sorted lines without report.html, explore.html and the freeze letters, and is on the cover', async () => {
    const covered = manifest.files.filter(
      (f) =>
        f.path !== 'report.html' &&
        f.path !== 'explore.html' &&
        !f.path.startsWith('freeze-requests/'),
    )
    expect(manifest.bundleSha256).toBe(sha256Hex(manifestLines(covered)))
    expect(manifest.bundleSha256).toBe(written.bundleSha256)
    expect(bundleSha256(manifest.files)).toBe(manifest.bundleSha256)
    const html = await readFile(join(dir, 'report.html'), 'utf8')
    expect(html).toContain(`<code>${written.bundleSha256}</code>`)
    expect(manifest.reportId).toBe(reportId(sampleReport()))
  })

  test('report.json is the report', async () => {
    expect(
      JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')),
    ).toEqual(sampleReport())
  })

  test('tampering is detected', async () => {
    const copy = await tempDir()
    await writeReportBundle(sampleReport(), {
      outDir: copy,
      audience: 'police',
      evidence,
    })
    await writeFile(join(copy, 'hits.csv'), 'venue\r\nnobody\r\n')
    const result = await verifyManifest(copy)
    expect(result.ok).toBe(false)
    expect(result.problems).toContain('hits.csv: sha256 mismatch')
  })

  test('same report, same bytes; report id ignores generatedAt', async () => {
    const again = await tempDir()
    const later = { ...sampleReport(), generatedAt: '2027-01-01T00:00:00.000Z' }
    const second = await writeReportBundle(sampleReport(), {
      outDir: again,
      audience: 'police',
      evidence,
    })
    expect(second.manifest).toEqual(written.manifest)
    expect(reportId(later)).toBe(written.reportId)
  })

  // The victim copy is redacted in the data, so its hash differs.
  test('victim copy is labelled, redacted and hashed on its own', async () => {
    const victim = await tempDir()
    const out = await writeReportBundle(sampleReport(), {
      outDir: victim,
      audience: 'victim',
      evidence,
    })
    expect(out.bundleSha256).not.toBe(written.bundleSha256)
    const html = await readFile(join(victim, 'report.html'), 'utf8')
    expect(html).toContain('VICTIM COPY')
    for (const file of ['report.html', 'report.json', 'hops.csv'])
      expect(await readFile(join(victim, file), 'utf8')).not.toContain(
        ADDR.victim,
      )
  })

  test.each(['../../etc/passwd', 'ab/../../x', ''])(
    'rejects evidence key %j',
    async (key) => {
      const bad = await tempDir()
      await expect(
        writeReportBundle(sampleReport(), {
          outDir: bad,
          audience: 'police',
          evidence: [{ key, json: '{}' }],
        }),
      ).rejects.toThrow(/invalid evidence key/)
    },
  )
})

const hasChromium = existsSync('/usr/bin/chromium')

describe('PDF', () => {
  test.skipIf(!hasChromium)(
    'renders report.pdf and lists it in the manifest',
    async () => {
      const dir = await tempDir()
      await writeReportBundle(sampleReport(), {
        outDir: dir,
        audience: 'police',
        pdf: true,
      })
      const pdf = await readFile(join(dir, 'report.pdf'))
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
      expect(await verifyManifest(dir)).toEqual({ ok: true, problems: [] })
    },
    90_000,
  )

  test('a missing Chromium is a clear error', async () => {
    const err = await renderPdf('/nonexistent.html', '/tmp/x.pdf', {
      chromium: '/nonexistent/chromium',
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ChromiumNotFoundError)
    expect((err as ChromiumNotFoundError).shortMessage).toBe(
      'Chromium not found; install it, or open report.html and print it',
    )
  })
})
