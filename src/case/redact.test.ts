import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { ADDR, sampleReport } from '../../test/support/sample-report.js'
import { writeReportBundle } from '../report/bundle.js'
import { renderHtml } from '../report/html/html.js'
import { parseCaseFile } from './load.js'
import { maskAddress, redactVictim } from './redact.js'
import { applyCaseFacts } from './timeline.js'

const OTHER_OWN = 'bc1qsecondvictimwallet000000000000000000zz'
const facts = parseCaseFile(`timezone: Europe/London
victim:
  name: Jane Q. Doe
  contact: jane.doe@example.org, +44 7700 900123
reports:
  police: CR-2026-0042
narrative: |
  Jane was contacted on Telegram. Reply to jane.doe@example.org.
  Coins left ${ADDR.victim.toUpperCase()} and ${OTHER_OWN}.
chronology:
  - time: 2026-03-01T10:55
    what: Doe saw ${ADDR.victim} emptied
victimAddresses:
  - address: ${ADDR.victim}
    ownership: Exchange withdrawal record
  - address: ${OTHER_OWN}
    ownership: Wallet screenshot
suspectIdentifiers:
  - kind: email
    value: support@fake-invest.example
`)

const SECRETS = [
  ADDR.victim,
  OTHER_OWN,
  'Jane',
  'Doe',
  'jane.doe@example.org',
  '+44 7700 900123',
  '7700 900123',
]

const police = applyCaseFacts(sampleReport(), facts)
const victim = redactVictim(police)

/** Whole-word, case-insensitive: "Doe" must not match "does". */
function leaks(text: string): string[] {
  return SECRETS.filter((s) => {
    const body = s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    return new RegExp(
      `(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`,
      'iu',
    ).test(text)
  })
}

describe('redactVictim', () => {
  test('the police copy has everything (so the check below can fail)', async () => {
    const html = await renderHtml(police, { audience: 'police' })
    expect(leaks(JSON.stringify(police)).sort()).toEqual([...SECRETS].sort())
    expect(html).toContain('Jane Q. Doe')
    expect(html).toContain('CR-2026-0042')
  })

  test('no victim address, name or contact anywhere in the JSON', () => {
    expect(leaks(JSON.stringify(victim))).toEqual([])
  })

  test('no victim address, name or contact anywhere in the HTML', async () => {
    const html = await renderHtml(victim, { audience: 'victim' })
    expect(leaks(html)).toEqual([])
    expect(html).toContain('Redacted in this copy')
  })

  test('masks keep at most 4 characters and stay distinct', () => {
    expect(maskAddress(ADDR.victim, 1)).toBe(
      'bc1q…[victim address 1, redacted]',
    )
    expect(victim.case.victims).toEqual([maskAddress(ADDR.victim, 1)])
    expect(victim.caseFacts?.victimAddresses.map((a) => a.address)).toEqual([
      maskAddress(ADDR.victim, 1),
      maskAddress(OTHER_OWN, 2),
    ])
  })

  test('the graph stays connected: node ids and edge ends change together', () => {
    const ids = new Set(victim.graph.nodes.map((n) => n.id))
    for (const e of victim.graph.edges) {
      expect(ids.has(e.source)).toBe(true)
      expect(ids.has(e.target)).toBe(true)
    }
  })

  test('third-party data, report numbers and suspect identifiers are kept', () => {
    expect(victim.hits).toEqual(police.hits)
    expect(victim.caseFacts?.reports.police).toBe('CR-2026-0042')
    expect(victim.caseFacts?.suspectIdentifiers).toEqual([
      {
        kind: 'email',
        value: 'support@fake-invest.example',
        status: 'victim-provided, unverified',
      },
    ])
    expect(victim.caseFacts?.redacted).toEqual([
      'victim.name',
      'victim.contact',
      'victim addresses (2), everywhere in the report',
    ])
  })

  test('the input report is not modified', () => {
    expect(police.caseFacts?.victim.name).toBe('Jane Q. Doe')
    expect(police.case.victims).toEqual([ADDR.victim])
  })

  test('without a case file the --victim addresses are still masked', () => {
    const bare = redactVictim(sampleReport())
    expect(JSON.stringify(bare)).not.toContain(ADDR.victim)
    expect(bare.caseFacts).toBeUndefined()
  })
})

describe('victim bundle', () => {
  const dirs: string[] = []
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true })
  })
  test('every written file (no evidence given) is free of victim data', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fundtrace-redact-'))
    dirs.push(dir)
    await writeReportBundle(police, { outDir: dir, audience: 'victim' })
    const files = (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((f) => f.isFile())
      .map((f) => join(f.parentPath, f.name))
    expect(files.length).toBeGreaterThan(5)
    for (const file of files)
      expect([file, leaks(await readFile(file, 'utf8'))]).toEqual([file, []])
  })
})
