/**
 * The layering rules of src/, checked on every non-test file: a layer may
 * import only the layers below it. Run by `npm test`; exits 1 naming each
 * import that breaks a rule.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const SRC = resolve(import.meta.dirname, '../src')

/** What each top-level part of src/ must never import. */
const FORBIDDEN: Record<string, readonly string[]> = {
  core: ['*'],
  sources: [
    'chains',
    'trace',
    'report',
    'api',
    'cli',
    'batch',
    'labels',
    'case',
    'prices',
    'graph',
  ],
  evidence: [
    'chains',
    'trace',
    'report',
    'api',
    'cli',
    'batch',
    'labels',
    'case',
    'prices',
    'graph',
    'sources',
  ],
  graph: ['chains', 'report', 'api', 'cli', 'batch', 'sources', 'evidence'],
  trace: [
    'report',
    'api',
    'cli',
    'batch',
    'sources',
    'evidence',
    'case',
    'prices',
  ],
  chains: ['report', 'api', 'cli', 'batch', 'case', 'prices'],
  labels: ['report', 'api', 'cli', 'batch', 'trace'],
  report: ['api', 'cli', 'batch'],
  prices: ['api', 'cli', 'batch'],
  case: ['api', 'cli', 'batch'],
  batch: ['cli'],
  api: ['cli'],
}

/** Parts of src/ that `core` may still import: none but itself. */
const IMPORT =
  /(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g

function* sourceFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* sourceFiles(path)
    else if (
      entry.name.endsWith('.ts') &&
      !/\.test(kit)?\.ts$/.test(entry.name)
    )
      yield path
  }
}

/** The top-level part of src a path is in ('index.ts' and 'version.ts' are the root). */
function partOf(src: string, path: string): string {
  const [first = '', ...rest] = relative(src, path).split('/')
  return rest.length === 0 ? '.' : first
}

/** One line per import that breaks a rule, for the tree at src (a parameter so a test can check a made-up tree). */
export function violations(src: string = SRC): string[] {
  const found: string[] = []
  for (const file of sourceFiles(src)) {
    const from = partOf(src, file)
    const banned = FORBIDDEN[from] ?? []
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = match[1] ?? match[2] ?? ''
      const to = partOf(src, resolve(dirname(file), spec))
      if (to === from || to === '.') continue
      if (banned.includes('*') || banned.includes(to))
        found.push(`${relative(src, file)}: ${from} imports ${to} (${spec})`)
    }
  }
  return found
}

// Run as a script (npm test), not when a test imports violations().
if (
  process.argv[1] &&
  import.meta.url === pathToFileURL(process.argv[1]).href
) {
  const problems = violations()
  for (const line of problems) console.error(line)
  if (problems.length > 0) {
    console.error(
      `check-imports: ${problems.length} import(s) break the layering`,
    )
    process.exit(1)
  }
  console.log('check-imports: layering holds')
}
