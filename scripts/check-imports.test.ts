/** The layering check run on made-up src trees: one file importing another. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { violations } from './check-imports.js'

const root = mkdtempSync(join(tmpdir(), 'fundtrace-layers-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

let trees = 0
/** A src tree of the given files (path → text), in a fresh folder. */
function tree(files: Record<string, string>): string {
  const src = join(root, String(trees++), 'src')
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(src, path)), { recursive: true })
    writeFileSync(join(src, path), text)
  }
  return src
}

const fixtures = {
  valid: [
    [
      'a layer importing one below it',
      'report/a.ts',
      "import { x } from '../graph/b.js'",
    ],
    ['a part importing itself', 'graph/a.ts', "import { x } from './b.js'"],
    [
      'a layer importing the root',
      'core/a.ts',
      "import { v } from '../version.js'",
    ],
    [
      'the CLI importing report types',
      'cli/a.ts',
      "import type { R } from '../report/b.js'",
    ],
    [
      'a test file is not checked',
      'graph/a.test.ts',
      "import { r } from '../report/b.js'",
    ],
    [
      'a test kit is not checked',
      'graph/a.testkit.ts',
      "import { r } from '../report/b.js'",
    ],
    ['a package import', 'core/a.ts', "import { z } from 'zod'"],
  ],
  invalid: [
    [
      'graph importing report types',
      'graph/export.ts',
      "import type { Report } from '../report/types.js'",
      'graph/export.ts: graph imports report (../report/types.js)',
    ],
    [
      'core importing anything',
      'core/a.ts',
      "import { x } from '../labels/b.js'",
      'core/a.ts: core imports labels (../labels/b.js)',
    ],
    [
      'a re-export',
      'trace/a.ts',
      "export { x } from '../cli/b.js'",
      'trace/a.ts: trace imports cli (../cli/b.js)',
    ],
    [
      'a dynamic import',
      'sources/a.ts',
      "const m = await import('../chains/b.js')",
      'sources/a.ts: sources imports chains (../chains/b.js)',
    ],
    [
      'a multi-line import from deeper down',
      'chains/evm/a.ts',
      "import {\n  x,\n  y,\n} from '../../api/b.js'",
      'chains/evm/a.ts: chains imports api (../../api/b.js)',
    ],
  ],
} as const

describe('violations', () => {
  test.each(fixtures.valid)('%s: allowed', (_name, path, text) => {
    expect(violations(tree({ [path]: text }))).toEqual([])
  })

  test.each(fixtures.invalid)('%s: reported', (_name, path, text, line) => {
    expect(violations(tree({ [path]: text }))).toEqual([line])
  })

  test('every breaking import of every file, each once', () => {
    const src = tree({
      'graph/a.ts':
        "import { r } from '../report/b.js'\nimport { c } from '../cli/c.js'",
      'graph/ok.ts': "import { x } from '../core/x.js'",
      'labels/a.ts': "import { t } from '../trace/b.js'",
    })
    expect(violations(src).sort()).toEqual([
      'graph/a.ts: graph imports cli (../cli/c.js)',
      'graph/a.ts: graph imports report (../report/b.js)',
      'labels/a.ts: labels imports trace (../trace/b.js)',
    ])
  })
})
