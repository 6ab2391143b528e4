/** Reads a case file (YAML or JSON) and maps every problem to `file:line: field: reason`. */
import { readFile } from 'node:fs/promises'
import {
  type Document,
  isMap,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
} from 'yaml'
import type { ZodError } from 'zod'
import { UsageError } from '../core/errors.js'
import { type CaseFacts, caseFactsSchema } from './schema.js'
import { CASE_TEMPLATE } from './template.js'

/** Every line is one problem: `case.yaml:12: chronology.0.time: Invalid ISO date`. */
export class CaseFileError extends UsageError {
  override name = 'CaseFileError'
  readonly lines: readonly string[]
  constructor(lines: readonly string[]) {
    super(lines[0] ?? 'invalid case file', { metaMessages: lines.slice(1) })
    this.lines = lines
  }
}

export async function loadCaseFile(path: string): Promise<CaseFacts> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable'
    throw new CaseFileError([`${path}: cannot read the case file (${code})`])
  }
  const facts = parseCaseFile(text, path)
  const left = placeholderFields(facts)
  // The template's example victim would otherwise go to the police as fact.
  if (left.length > 0)
    throw new CaseFileError([
      `${path}: still the \`case init\` example; replace or delete ${shortList(left)}`,
    ])
  return facts
}

/**
 * Fields a real case may well share with the example (a kind, a zone, a
 * wording of how ownership is shown): only the example's facts count.
 */
const NOT_PLACEHOLDERS = new Set([
  'timezone',
  'chain',
  'kind',
  'time',
  'ownership',
])

let templateValues: Set<string> | undefined

/** The example values of the template, once parsed the way a case file is. */
function placeholderValues(): Set<string> {
  templateValues ??= new Set(
    leaves(parseCaseFile(CASE_TEMPLATE))
      .filter(([path]) => !NOT_PLACEHOLDERS.has(path.split('.').at(-1) ?? ''))
      .map(([, value]) => value),
  )
  return templateValues
}

/** Paths of a case file that still hold one of the template's example values. */
export function placeholderFields(facts: CaseFacts): string[] {
  const examples = placeholderValues()
  return leaves(facts)
    .filter(
      ([path, value]) =>
        examples.has(value) &&
        !NOT_PLACEHOLDERS.has(path.split('.').at(-1) ?? ''),
    )
    .map(([path]) => path)
}

function shortList(paths: readonly string[]): string {
  const shown = paths.slice(0, 4).join(', ')
  return paths.length > 4 ? `${shown} and ${paths.length - 4} more` : shown
}

function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]]
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) =>
      leaves(v, path ? `${path}.${k}` : k),
    )
  return []
}

/**
 * JSON is parsed as YAML too (it is a subset), so both get line numbers. The
 * failsafe schema keeps every scalar a string: `police: 0123` stays "0123".
 */
export function parseCaseFile(text: string, file = 'case.yaml'): CaseFacts {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {
    lineCounter,
    schema: 'failsafe',
    logLevel: 'error',
  })
  if (doc.errors.length > 0)
    throw new CaseFileError(
      doc.errors.map((e) => {
        const line = e.linePos?.[0]?.line ?? 1
        const reason = (e.message.split('\n')[0] ?? '').replace(
          / at line \d+, column \d+:?$/,
          '',
        )
        return `${file}:${line}: yaml: ${reason}`
      }),
    )
  let data: unknown
  try {
    // toJS caps alias expansion (billion laughs) and throws past the cap.
    data = blanksToUndefined(doc.toJS({ maxAliasCount: 100 })) ?? {}
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err)
    throw new CaseFileError([`${file}:1: yaml: ${reason.split('\n')[0]}`])
  }
  const parsed = caseFactsSchema.safeParse(data, {
    error: (issue) => (issue.input === undefined ? 'Required' : undefined),
  })
  if (parsed.success) return parsed.data
  throw new CaseFileError(issueLines(parsed.error, doc, lineCounter, file))
}

function issueLines(
  error: ZodError,
  doc: Document,
  lines: LineCounter,
  file: string,
): string[] {
  const out: string[] = []
  for (const issue of error.issues) {
    const path = issue.path.map((p) => (typeof p === 'symbol' ? '' : p))
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const at = lineOf(doc, lines, [...path, key])
        out.push(`${file}:${at}: ${[...path, key].join('.')}: Unknown field`)
      }
      continue
    }
    const at = lineOf(doc, lines, path)
    out.push(`${file}:${at}: ${path.join('.') || '(root)'}: ${issue.message}`)
  }
  return out
}

/** The line of the deepest node of `path` that exists (a key's own line for map entries). */
function lineOf(
  doc: Document,
  lines: LineCounter,
  path: readonly (string | number)[],
): number {
  let node: unknown = doc.contents
  let line = startLine(node as Node | null, lines) ?? 1
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => String((p.key as { value?: unknown })?.value) === String(seg),
      )
      if (!pair) break
      line = startLine(pair.key as Node, lines) ?? line
      node = pair.value
    } else if (isSeq(node)) {
      const item = node.items[Number(seg)]
      if (!item) break
      line = startLine(item as Node, lines) ?? line
      node = item
    } else break
  }
  return line
}

function startLine(node: Node | null, lines: LineCounter): number | null {
  const start = node?.range?.[0]
  return start === undefined ? null : lines.linePos(start).line
}

/** `contact:` with nothing after it means "not given", not an empty string. */
function blanksToUndefined(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value
  if (Array.isArray(value)) return value.map(blanksToUndefined)
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, blanksToUndefined(v)]),
    )
  return value
}
