/**
 * Reading a report folder back: report.json checked against the published
 * schema, and the raw evidence files, for `fundtrace report DIR`.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import Ajv2020Module from 'ajv/dist/2020.js'
import { UsageError } from '../core/errors.js'
import type { EvidenceFile } from './bundle.js'
import type { Report } from './types.js'

// ajv is CommonJS: under NodeNext the default import is module.exports, the class itself.
const Ajv2020 = Ajv2020Module as unknown as typeof Ajv2020Module.default

type Validate = ((data: unknown) => boolean) & {
  errors?:
    | {
        instancePath: string
        message?: string | undefined
        params: Record<string, unknown>
      }[]
    | null
    | undefined
}
let validator: Promise<Validate> | undefined

async function schemaValidator(): Promise<Validate> {
  validator ??= readFile(
    new URL('../../schema/report.schema.json', import.meta.url),
    'utf8',
  ).then((text) =>
    new Ajv2020({ allErrors: true, validateFormats: false }).compile(
      JSON.parse(text),
    ),
  )
  return validator
}

/** "hits.0.amountBase: must match pattern ..." — the field an officer can find. */
function describeError(error: NonNullable<Validate['errors']>[number]): string {
  const path = error.instancePath.split('/').slice(1).join('.')
  const extra = error.params.missingProperty ?? error.params.additionalProperty
  const field = [path, extra]
    .filter((p) => p !== undefined && p !== '')
    .join('.')
  return `${field || '(root)'}: ${error.message ?? 'invalid'}`
}

export async function readReportJson(dir: string): Promise<Report> {
  const file = join(dir, 'report.json')
  const text = await readFile(file, 'utf8').catch(() => {
    throw new UsageError(
      `${file}: not found; give a folder written by fundtrace trace --out`,
    )
  })
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (err) {
    throw new UsageError(`${file}: not valid JSON (${(err as Error).message})`)
  }
  const validate = await schemaValidator()
  if (!validate(data)) {
    const [first, ...rest] = (validate.errors ?? []).map(describeError)
    throw new UsageError(
      `${file} does not match the report schema: ${first ?? 'invalid'}`,
      { metaMessages: rest.slice(0, 5) },
    )
  }
  return data as Report
}

/**
 * The evidence files as the bundle wrote them: evidence/<k0k1>/<key>.json,
 * and the superseded answers beside them.
 * Anything else under evidence/ is not ours and is left alone.
 */
export async function readEvidence(dir: string): Promise<EvidenceFile[]> {
  const root = join(dir, 'evidence')
  const shards = await readdir(root, { withFileTypes: true }).catch(() => [])
  const out: EvidenceFile[] = []
  for (const shard of shards.filter((s) => s.isDirectory()).sort(byName)) {
    const files = await readdir(join(root, shard.name), { withFileTypes: true })
    for (const f of files.filter((x) => x.isFile()).sort(byName)) {
      const m =
        /^([0-9a-f]{16,128})(?:\.superseded-([0-9TZ]{1,32}))?\.json$/i.exec(
          f.name,
        )
      if (!m?.[1] || m[1].slice(0, 2) !== shard.name) continue
      const json = await readFile(join(root, shard.name, f.name), 'utf8')
      out.push({ key: m[1], json, ...(m[2] ? { superseded: m[2] } : {}) })
    }
  }
  return out
}

const byName = (a: { name: string }, b: { name: string }) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0

/** A report.json that is already the victim copy must stay one. */
export function isVictimCopy(report: Report): boolean {
  if (report.caseFacts?.redacted?.length) return true
  return report.case.victims.some((v) =>
    /\[victim address \d+, redacted\]/.test(v),
  )
}
