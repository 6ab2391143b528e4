/**
 * A run's private evidence spool: with no cache (--no-cache), the bodies of
 * the responses a trace used wait here, off the heap, until the report bundle
 * is written. One temp file (mode 0600), made on the first put and unlinked
 * at once, so nothing is left on disk however the process ends; appended to,
 * with only each record's offset and length in memory. The user's cache is
 * neither read nor written.
 */
import { randomBytes } from 'node:crypto'
import { rmSync } from 'node:fs'
import { type FileHandle, open, rm, unlink } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decodeRecord } from './fileStore.js'
import type { EvidenceRecord, EvidenceStore } from './types.js'

export type SpoolStore = EvidenceStore & {
  /** Closes the file, and with it its records; a later put is refused (a late prefetch must not reopen it). */
  dispose(): Promise<void>
}

export type SpoolStoreOptions = {
  /** Where the spool file is made; default the OS temp directory. */
  dir?: string | undefined
}

type Spool = {
  /** Set only while the name could not be unlinked (then removed at exit). */
  path: string | null
  handle: FileHandle
  /** key → [offset, length] of its latest record. */
  index: Map<string, [number, number]>
  end: number
}

/** Spool files that could not be unlinked while open, removed at exit. */
const live = new Set<string>()
let exitHooked = false

function removeAtExit(path: string): void {
  live.add(path)
  if (exitHooked) return
  exitHooked = true
  process.once('exit', () => {
    for (const left of live) rmSync(left, { force: true })
  })
}

async function openSpool(dir: string): Promise<Spool> {
  const name = `fundtrace-spool-${process.pid}-${randomBytes(6).toString('hex')}`
  const path = join(dir, name)
  const handle = await open(path, 'wx+', 0o600)
  // The open handle keeps the data; the name goes now, so a crash leaves nothing.
  const kept = await unlink(path).then(
    () => null,
    () => path,
  )
  if (kept) removeAtExit(kept)
  return { path: kept, handle, index: new Map(), end: 0 }
}

async function readAt(
  spool: Spool,
  at: number,
  length: number,
): Promise<string> {
  const bytes = Buffer.alloc(length)
  const { bytesRead } = await spool.handle.read(bytes, 0, length, at)
  return bytes.toString('utf8', 0, bytesRead)
}

/** Appends the record; false when the file cannot take it. */
async function append(spool: Spool, record: EvidenceRecord): Promise<boolean> {
  const bytes = Buffer.from(JSON.stringify(record), 'utf8')
  // Each put owns its own range, so concurrent puts never interleave.
  const at = spool.end
  spool.end += bytes.length
  try {
    await spool.handle.write(bytes, 0, bytes.length, at)
  } catch {
    return false
  }
  spool.index.set(record.key, [at, bytes.length])
  return true
}

export function createSpoolStore(options: SpoolStoreOptions = {}): SpoolStore {
  let opened: Promise<Spool | null> | undefined
  let disposed = false
  // No writable temp dir, or a full one: --no-cache worked without a disk
  // before, so such records stay in memory instead of failing the trace.
  const inMemory = new Map<string, EvidenceRecord>()
  return {
    async get(key) {
      const made = opened && (await opened)
      const where = made?.index.get(key)
      if (made && where) return decodeRecord(await readAt(made, ...where), key)
      const held = inMemory.get(key)
      return held && { ...held }
    },
    async put(record) {
      if (disposed) throw new Error('evidence spool already disposed')
      opened ??= openSpool(options.dir ?? tmpdir()).catch(() => null)
      const made = await opened
      if (made && (await append(made, record))) {
        inMemory.delete(record.key)
        return
      }
      made?.index.delete(record.key)
      inMemory.set(record.key, { ...record })
    },
    async dispose() {
      const was = opened
      opened = undefined
      disposed = true
      inMemory.clear()
      const made = await was
      if (!made) return
      await made.handle.close()
      if (made.path) {
        live.delete(made.path)
        await rm(made.path, { force: true })
      }
    },
  }
}
