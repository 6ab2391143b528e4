import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test, vi } from 'vitest'
import { UsageError } from '../core/errors.js'
import { CaseFileError, loadCaseFile, parseCaseFile } from './load.js'
import { CASE_TEMPLATE } from './template.js'

const minimal = 'victim:\n  name: Jane Doe\n'

describe('parseCaseFile: valid', () => {
  test.each([
    [
      'minimal: defaults every list',
      minimal,
      {
        victim: { name: 'Jane Doe' },
        reports: {},
        chronology: [],
        platforms: [],
        victimAddresses: [],
        suspectIdentifiers: [],
      },
    ],
    [
      'numbers keep their leading zeros',
      `${minimal}reports:\n  police: 0012345\n  ic3:\n`,
      { reports: { police: '0012345' } },
    ],
    [
      'bare strings in lists become entries',
      `${minimal}platforms:\n  - Telegram\nsuspectIdentifiers:\n  - "@alex"\n`,
      {
        platforms: [{ name: 'Telegram' }],
        suspectIdentifiers: [{ value: '@alex' }],
      },
    ],
    [
      'an entry zone overrides the file zone',
      `timezone: UTC\n${minimal}chronology:\n  - time: 2026-03-01 10:00\n    timezone: Asia/Tokyo\n    what: sent\n`,
      {
        timezone: 'UTC',
        chronology: [
          { time: '2026-03-01 10:00', timezone: 'Asia/Tokyo', what: 'sent' },
        ],
      },
    ],
    [
      'a time with an offset needs no zone',
      `${minimal}chronology:\n  - time: 2026-03-01T10:00:00+02:00\n    what: sent\n`,
      { chronology: [{ time: '2026-03-01T10:00:00+02:00', what: 'sent' }] },
    ],
    [
      'JSON is read too',
      '{\n\t"victim": {"name": "Jane Doe", "contact": 5},\n\t"victimAddresses": [{"address": "bc1qxyz000", "ownership": "signed message"}]\n}',
      {
        victim: { name: 'Jane Doe', contact: '5' },
        victimAddresses: [
          { address: 'bc1qxyz000', ownership: 'signed message' },
        ],
      },
    ],
  ])('%s', (_name, text, expected) => {
    expect(parseCaseFile(text)).toMatchObject(expected)
  })

  test('the template loads as written (case init round-trip)', () => {
    const facts = parseCaseFile(CASE_TEMPLATE, 'case.yaml')
    expect(facts.victim.name).toBe('Jane Example')
    expect(facts.reports).toEqual({})
    expect(facts.chronology).toHaveLength(2)
    expect(facts.victimAddresses[0]?.ownership).toMatch(/withdrawal record/i)
    expect(facts.suspectIdentifiers.map((s) => s.value)).toEqual([
      '@alex_invests',
      'support@fake-invest.example',
    ])
  })
})

describe('parseCaseFile: invalid, one line per problem', () => {
  test.each([
    [
      'bad ISO date',
      `${minimal}chronology:\n  - time: 2026-13-01T10:00\n    timezone: Europe/London\n    what: x\n`,
      ['case.yaml:4: chronology.0.time: Invalid ISO date'],
    ],
    [
      'not a calendar date',
      `${minimal}timezone: UTC\nchronology:\n  - what: x\n    time: 2026-02-30T10:00\n`,
      ['case.yaml:6: chronology.0.time: Invalid ISO date'],
    ],
    [
      'a local time inside the spring-forward gap',
      `${minimal}chronology:\n  - time: 2026-03-29T01:30\n    timezone: Europe/London\n    what: x\n`,
      [
        'case.yaml:4: chronology.0.time: 2026-03-29T01:30 does not exist in Europe/London (clocks went forward)',
      ],
    ],
    [
      'unknown zone',
      `${minimal}chronology:\n  - time: 2026-03-01T10:00\n    timezone: Europe/Londn\n    what: x\n`,
      [
        'case.yaml:5: chronology.0.timezone: Unknown IANA time zone "Europe/Londn" (use e.g. Europe/London, America/New_York, UTC)',
      ],
    ],
    [
      'no zone anywhere',
      `${minimal}chronology:\n  - time: 2026-03-01T10:00\n    what: x\n`,
      [
        'case.yaml:4: chronology.0.timezone: Required: the IANA time zone of this local time (or set timezone: at the top)',
      ],
    ],
    [
      'missing name points at its parent key',
      'victim:\n  contact: a@b.example\n',
      ["case.yaml:1: victim.name: Required: the victim's name"],
    ],
    [
      'missing victim',
      'reports:\n  ic3: I1\n',
      ['case.yaml:1: victim: Required'],
    ],
    [
      'typo in a key',
      `${minimal}  emial: x\n`,
      ['case.yaml:3: victim.emial: Unknown field'],
    ],
    [
      'ownership is required',
      `${minimal}victimAddresses:\n  - address: bc1qabcdefgh\n`,
      [
        'case.yaml:4: victimAddresses.0.ownership: Required: how ownership is shown (e.g. exchange withdrawal record, wallet screenshot, signed message)',
      ],
    ],
    [
      'several problems, each on its own line',
      `victim:\n  name: J\nchronology:\n  - time: yesterday\n    timezone: UTC\n    what: x\n  - time: 2026-03-01T10:00\n    timezone: UTC\n`,
      [
        'case.yaml:4: chronology.0.time: Invalid ISO date',
        'case.yaml:7: chronology.1.what: Required: what happened',
      ],
    ],
    [
      'YAML syntax',
      'victim:\n  name: [a\n',
      [
        'case.yaml:3: yaml: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
    ],
    [
      'not a mapping',
      '- a\n',
      ['case.yaml:1: (root): Invalid input: expected object, received array'],
    ],
  ])('%s', (_name, text, lines) => {
    let error: unknown
    try {
      parseCaseFile(text)
    } catch (err) {
      error = err
    }
    expect(error).toBeInstanceOf(CaseFileError)
    expect(error).toBeInstanceOf(UsageError)
    const e = error as CaseFileError
    expect(e.lines).toEqual(lines)
    expect(e.exitCode).toBe(2)
    expect(e.shortMessage).toBe(lines[0])
    expect(e.metaMessages).toEqual(lines.slice(1))
  })
})

describe('loadCaseFile', () => {
  const dirs: string[] = []
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true })
  })
  test('messages name the file as given', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fundtrace-case-'))
    dirs.push(dir)
    const file = join(dir, 'case.yaml')
    await writeFile(file, 'victim:\n  nam: J\n')
    await expect(loadCaseFile(file)).rejects.toThrow(
      `${file}:1: victim.name: Required`,
    )
  })
  test('a missing file is a usage error', async () => {
    await expect(loadCaseFile('/nonexistent/case.yaml')).rejects.toThrow(
      '/nonexistent/case.yaml: cannot read the case file (ENOENT)',
    )
  })
})

describe('hostile YAML', () => {
  test('alias expansion (billion laughs) is refused, not expanded', () => {
    const rows = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i)
      const next = String.fromCharCode(97 + i)
      rows.push(`${next}: &${next} [${Array(10).fill(`*${prev}`).join(',')}]`)
    }
    expect(() => parseCaseFile(rows.join('\n'))).toThrow(
      /^case\.yaml:1: yaml: Excessive alias count/,
    )
  })
  test('unknown tags are plain strings, with no warning printed', () => {
    const warn = vi.spyOn(process, 'emitWarning')
    const facts = parseCaseFile('victim:\n  name: !weird Jane\n')
    expect(facts.victim.name).toBe('Jane')
    expect(warn).not.toHaveBeenCalled()
    warn.mockRestore()
  })
})
