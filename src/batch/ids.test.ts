import { describe, expect, test } from 'vitest'
import { assignCaseDirs, caseDirName, isCleanId, shortHash } from './ids.js'

const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/

describe('caseDirName', () => {
  test.each([
    ['case-1', 'case-1'],
    ['Victim_2024.03', 'Victim_2024.03'],
  ])('a clean id is kept: %s', (id, dir) => {
    expect(caseDirName(id)).toBe(dir)
  })

  test.each([
    ['../../etc', 'etc'],
    ['a/b', 'a-b'],
    ['a\\b', 'a-b'],
    ['..', 'case'],
    ['.hidden', 'hidden'],
    ['/etc/passwd', 'etc-passwd'],
    ['CON', 'CON'],
    ['nul.txt', 'nul.txt'],
    ['index.html', 'index.html'],
    ['summary.csv', 'summary.csv'],
    ['freeze-requests', 'freeze-requests'],
    ['c:\\windows', 'c-windows'],
    ['victim 1 <script>', 'victim-1-script'],
    ['\u202eevil', 'evil'],
    ['', 'case'],
    ['x'.repeat(300), 'x'.repeat(48)],
  ])('a hostile id is slug + hash: %j', (id, slug) => {
    const dir = caseDirName(id)
    expect(dir).toBe(`${slug}-${shortHash(id)}`)
    expect(dir).toMatch(SAFE)
    expect(dir).not.toContain('..')
    expect(isCleanId(id)).toBe(false)
  })
})

describe('assignCaseDirs', () => {
  test('ids that sanitise alike get distinct folders', () => {
    const ids = ['a/b', 'a\\b', 'a-b', 'a:b', 'A-B']
    const dirs = assignCaseDirs(ids)
    expect(new Set(dirs.map((d) => d.toLowerCase())).size).toBe(ids.length)
    for (const d of dirs) expect(d).toMatch(SAFE)
  })

  test('the folder of an id does not depend on the other ids when it is clean and unique', () => {
    expect(assignCaseDirs(['c1', 'a/b'])[0]).toBe('c1')
    expect(assignCaseDirs(['a/b', 'c1', 'zz'])).toEqual(
      assignCaseDirs(['a/b', 'c1', 'zz']),
    )
    expect(assignCaseDirs(['a/b'])[0]).toBe(assignCaseDirs(['x', 'a/b'])[1])
  })

  test('case-insensitive clashes (Case1 / case1) are split', () => {
    const [a, b] = assignCaseDirs(['Case1', 'case1'])
    expect(a?.toLowerCase()).not.toBe(b?.toLowerCase())
  })
})
