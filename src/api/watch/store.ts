/**
 * A watch's state on disk, inside the watched folder: DIR/revisions/ holds
 * each revision as its own sealed bundle and watch-state.json; the top level
 * is always a copy of the latest revision. Writes are atomic, so a killed
 * watch resumes from the last state it saved.
 */
import { existsSync } from 'node:fs'
import { cp, mkdir, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { writeAtomic } from '../../evidence/atomic-write.js'
import type { WatchAlert } from './alerts.js'

export const REVISIONS_DIR = 'revisions'
const STATE_FILE = 'watch-state.json'

export type Delivery = { stdout: boolean; onHit: boolean; webhook: boolean }

export type WatchState = {
  /** The revision the top level shows; 0 is the trace the watch started from. */
  revision: number
  rounds: number
  /** Every alert ever raised, with where it has been delivered: the de-duplication record. */
  alerts: Record<string, { alert: WatchAlert; delivered: Delivery }>
  /** The outage last reported, so it is reported once. */
  outage: string | null
}

const EMPTY: WatchState = { revision: 0, rounds: 0, alerts: {}, outage: null }

export async function loadState(dir: string): Promise<WatchState> {
  const file = join(dir, REVISIONS_DIR, STATE_FILE)
  const text = await readFile(file, 'utf8').catch(() => null)
  if (text === null) return structuredClone(EMPTY)
  return { ...structuredClone(EMPTY), ...(JSON.parse(text) as WatchState) }
}

export function saveState(dir: string, state: WatchState): Promise<void> {
  const file = join(dir, REVISIONS_DIR, STATE_FILE)
  return writeAtomic(file, `${JSON.stringify(state, null, 2)}\n`)
}

/**
 * Every save of one watch's state, one at a time: a webhook that lands while
 * a round is saving must not have its `delivered` overwritten by the round's
 * older copy finishing last, or the next run sends it again.
 */
export function createStateSaver(
  dir: string,
  state: WatchState,
  save: typeof saveState = saveState,
): () => Promise<void> {
  let last: Promise<void> = Promise.resolve()
  return () => {
    const next = () => save(dir, state)
    last = last.then(next, next)
    return last
  }
}

export function revisionDir(dir: string, n: number): string {
  return join(dir, REVISIONS_DIR, String(n))
}

const promoting = (dir: string) =>
  join(dirname(dir), `.${basename(dir)}.fundtrace-watch-promote`)

/** The trace the watch starts from is kept as revision 0 before anything replaces it. */
export async function keepOriginal(dir: string): Promise<void> {
  await finishPromotion(dir)
  const first = revisionDir(dir, 0)
  if (existsSync(first)) return
  // cp refuses a copy into the folder itself: copy beside it, then move in.
  const tmp = `${promoting(dir)}-original`
  await rm(tmp, { recursive: true, force: true })
  await cp(dir, tmp, {
    recursive: true,
    filter: (src) => src === dir || !src.startsWith(join(dir, REVISIONS_DIR)),
  })
  await mkdir(join(dir, REVISIONS_DIR), { recursive: true })
  await rename(tmp, first)
}

/**
 * Makes revision n the top level: a copy of it, with revisions/ moved in,
 * replaces the folder. Each step is a rename; a kill between them is
 * finished by the next start (finishPromotion).
 */
export async function promote(dir: string, n: number): Promise<void> {
  const tmp = promoting(dir)
  await rm(tmp, { recursive: true, force: true })
  await cp(revisionDir(dir, n), tmp, { recursive: true })
  await rename(join(dir, REVISIONS_DIR), join(tmp, REVISIONS_DIR))
  await finishPromotion(dir)
}

export async function finishPromotion(dir: string): Promise<void> {
  const tmp = promoting(dir)
  if (!existsSync(join(tmp, REVISIONS_DIR))) {
    await rm(tmp, { recursive: true, force: true })
    return
  }
  const trash = `${tmp}-old`
  await rm(trash, { recursive: true, force: true })
  if (existsSync(dir)) await rename(dir, trash)
  await rename(tmp, dir)
  await rm(trash, { recursive: true, force: true })
}
