import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { sampleReport } from '../../test/support/sample-report.js'
import { writeReportBundle } from './bundle.js'
import { type Manifest, verifyManifest } from './manifest.js'

const dirs: string[] = []
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

describe('freeze letters in a written bundle print its hash', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'fundtrace-freeze-bundle-'))
  dirs.push(dir)
  const written = await writeReportBundle(sampleReport(), {
    outDir: dir,
    audience: 'police',
    evidence: [{ key: 'ab'.repeat(32), json: '{"status":200}\n' }],
  })
  const letters = await readdir(join(dir, 'freeze-requests'))

  test.each(letters)('%s', async (name) => {
    const text = await readFile(join(dir, 'freeze-requests', name), 'utf8')
    expect(text).toContain(`Bundle SHA-256: ${written.bundleSha256}`)
    expect(text).not.toContain('see manifest.json')
    expect(text).toContain(
      'not report.html, report.pdf, manifest.json or these freeze requests',
    )
  })

  test('the manifest says the letters are outside the hash, and verifies', async () => {
    const manifest = JSON.parse(
      await readFile(join(dir, 'manifest.json'), 'utf8'),
    ) as Manifest
    expect(manifest.bundleCovers).toContain('freeze-requests/')
    expect(manifest.files.map((f) => f.path)).toContain(
      `freeze-requests/${letters[0]}`,
    )
    expect(await verifyManifest(dir)).toEqual({ ok: true, problems: [] })
  })
})

// Written before the letters carried the hash: the hash covers the letters.
test.each(['fixtures/cases/satoshi-hal', 'fixtures/cases/demo-peel-chain'])(
  '%s (older manifest) still verifies',
  async (dir) => {
    expect(await verifyManifest(dir)).toEqual({ ok: true, problems: [] })
  },
)
