/** Evidence on disk: one JSON file per record at <dir>/<key[0..2]>/<key>.json. */

import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { UsageError } from '../core/errors.js'
import { writeAtomic } from './atomic-write.js'
import { isEvidenceKey, isIntact } from './key.js'
import type { EvidenceRecord, EvidenceStore } from './types.js'

const recordSchema = z.object({
  key: z.string(),
  method: z.enum(['GET', 'POST']),
  url: z.string(),
  requestBody: z.string().optional(),
  status: z.number().int(),
  contentType: z.string().nullable(),
  retrievedAt: z.string(),
  sha256: z.string(),
  body: z.string(),
})

/** Accepts a report bundle (with evidence/) or a bare evidence directory. */
export function resolveReplayDir(dir: string): string {
  if (!existsSync(dir))
    throw new UsageError(`--replay: no such directory "${dir}"`)
  const nested = join(dir, 'evidence')
  return existsSync(nested) ? nested : dir
}

export type FileStoreOptions = { dir: string }

export function recordPath(dir: string, key: string): string {
  return join(dir, key.slice(0, 2), `${key}.json`)
}

export function createFileStore(options: FileStoreOptions): EvidenceStore {
  const { dir } = options
  return {
    async get(key) {
      if (!isEvidenceKey(key)) return undefined
      return readRecord(recordPath(dir, key), key)
    },
    async put(record) {
      if (!isEvidenceKey(record.key)) {
        throw new Error(`not an evidence key: ${record.key}`)
      }
      await writeAtomic(recordPath(dir, record.key), serialise(record))
    },
  }
}

/** A torn, corrupt or mismatched file reads as a miss: the next put replaces it. */
async function readRecord(
  file: string,
  key: string,
): Promise<EvidenceRecord | undefined> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    if (isCode(err, 'ENOENT')) return undefined
    throw err
  }
  return decodeRecord(text, key)
}

/** A record's JSON text, or undefined when it is torn, malformed or not the record under key. */
export function decodeRecord(
  text: string,
  key: string,
): EvidenceRecord | undefined {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return undefined
  }
  const parsed = recordSchema.safeParse(json)
  if (!parsed.success) return undefined
  const record: EvidenceRecord = parsed.data
  return isIntact(record, key) ? record : undefined
}

function serialise(record: EvidenceRecord): string {
  const { requestBody, ...rest } = record
  const ordered = requestBody === undefined ? rest : { ...rest, requestBody }
  return `${JSON.stringify(ordered, null, 2)}\n`
}

/** Every intact record under dir, in no particular order. */
export async function* listRecords(
  dir: string,
): AsyncGenerator<EvidenceRecord> {
  for (const shard of await readdirOrEmpty(dir)) {
    if (!/^[0-9a-f]{2}$/.test(shard)) continue
    for (const name of await readdirOrEmpty(join(dir, shard))) {
      const key = name.replace(/\.json$/, '')
      if (!name.endsWith('.json') || !isEvidenceKey(key)) continue
      const record = await readRecord(join(dir, shard, name), key)
      if (record) yield record
    }
  }
}

/** Writes records (e.g. HttpClient.touched()) into a fresh store at toDir. */
export async function copyRecords(
  records: Iterable<EvidenceRecord> | AsyncIterable<EvidenceRecord>,
  toDir: string,
): Promise<number> {
  const store = createFileStore({ dir: toDir })
  let count = 0
  for await (const record of records) {
    await store.put(record)
    count++
  }
  return count
}

async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).sort()
  } catch (err) {
    if (isCode(err, 'ENOENT') || isCode(err, 'ENOTDIR')) return []
    throw err
  }
}

function isCode(err: unknown, code: string): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === code
}

/**
 * Record files that do not hold the record their name promises (edited,
 * torn, or hashed wrong), as paths relative to dir: a replay must refuse
 * them rather than quietly fetch or miss.
 */
export async function damagedRecords(dir: string): Promise<string[]> {
  const damaged: string[] = []
  for (const shard of await readdirOrEmpty(dir)) {
    if (!/^[0-9a-f]{2}$/.test(shard)) continue
    for (const name of await readdirOrEmpty(join(dir, shard))) {
      const key = name.replace(/\.json$/, '')
      if (!name.endsWith('.json') || !isEvidenceKey(key)) continue
      const record = await readRecord(join(dir, shard, name), key)
      if (!record) damaged.push(`${shard}/${name}`)
    }
  }
  return damaged.sort()
}
