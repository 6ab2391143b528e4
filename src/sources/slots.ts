/**
 * Request slots per host, shared by every fundtrace process that uses one
 * cache directory: a watch and a trace (or batch) asking the same host at the
 * same time keep to one host's rate between them. A small file per host holds
 * the next free start time; a lock folder (mkdir is atomic) serialises claims.
 */
import { createHash } from 'node:crypto'
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

export const SLOTS_DIR = 'rate-slots'

export type SlotBook = {
  /**
   * A start time (ms since the epoch) at or after `earliest` and at least
   * `intervalMs` after every start another process claimed for the host.
   */
  claim(origin: string, earliest: number, intervalMs: number): Promise<number>
  /** After a refusal (429): no start before `until`, in any process. */
  defer(origin: string, until: number): Promise<void>
}

type SlotBookOptions = {
  /** A lock older than this was left by a killed process and is broken. */
  staleMs?: number | undefined
}

/** Slots under `dir`; beside the evidence, as `<cache dir>/rate-slots/`. */
export function createFileSlotBook(
  dir: string,
  options: SlotBookOptions = {},
): SlotBook {
  const staleMs = options.staleMs ?? 2000
  let ready: Promise<unknown> | undefined
  /**
   * Under the host's lock: reads its next free start, lets `take` choose the
   * result and the new next start, and writes that back. A cache folder we
   * cannot write to paces this process alone: `fallback`.
   */
  const update = async <T>(
    origin: string,
    fallback: T,
    take: (next: number) => [T, number],
  ): Promise<T> => {
    ready ??= mkdir(dir, { recursive: true })
    const file = join(dir, fileName(origin))
    try {
      await ready
      await lock(`${file}.lock`, staleMs)
    } catch {
      return fallback
    }
    try {
      const text = await readFile(file, 'utf8').catch(() => '0')
      const [result, next] = take(Number(text) || 0)
      await writeFile(file, String(next))
      return result
    } catch {
      return fallback
    } finally {
      await rm(`${file}.lock`, { recursive: true, force: true })
    }
  }
  return {
    claim: (origin, earliest, intervalMs) =>
      update(origin, earliest, (next) => {
        const slot = Math.max(earliest, next)
        return [slot, slot + intervalMs]
      }),
    defer: (origin, until) =>
      update(origin, undefined, (next) => [undefined, Math.max(next, until)]),
  }
}

/** The origin may carry a port or a key-free path; the file name carries neither. */
function fileName(origin: string): string {
  return createHash('sha256').update(origin).digest('hex').slice(0, 32)
}

async function lock(path: string, staleMs: number): Promise<void> {
  for (;;) {
    try {
      await mkdir(path)
      return
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
    const held = await stat(path).catch(() => null)
    if (held && Date.now() - held.mtimeMs > staleMs)
      await rm(path, { recursive: true, force: true })
    else await new Promise((r) => setTimeout(r, 2))
  }
}
