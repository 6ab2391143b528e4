/**
 * What every trace sets up before its first request, single or batch: where
 * evidence is kept (network, cache or replay) and the one HTTP client over it.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import envPaths from 'env-paths'
import { createFileStore, resolveReplayDir } from '../evidence/fileStore.js'
import { createSpoolStore } from '../evidence/spoolStore.js'
import { createHttpClient } from './http.js'
import { createFileSlotBook, SLOTS_DIR } from './slots.js'
import type { HostLimit, HttpClient, HttpEvent } from './types.js'

export type EvidenceOptions = {
  cache?: boolean | undefined
  cacheDir?: string | undefined
  replay?: string | undefined
  env?: Record<string, string | undefined> | undefined
}

export type EvidenceMode = {
  mode: 'network' | 'cache' | 'replay'
  /** The cache or replay folder; null with --no-cache. */
  evidenceDir: string | null
}

export type ClientOptions = EvidenceOptions & {
  timeoutMs?: number | undefined
  retries?: number | undefined
  fetch?: typeof globalThis.fetch | undefined
  onEvent?: ((event: HttpEvent) => void) | undefined
}

/** Replay reads a bundle's evidence; else the cache, unless --no-cache. */
export function evidenceMode(options: EvidenceOptions): EvidenceMode {
  const replayDir = options.replay ? resolveReplayDir(options.replay) : null
  const evidenceDir =
    replayDir ??
    (options.cache === false
      ? null
      : (options.cacheDir ?? defaultCacheDir(options.env)))
  const mode = replayDir ? 'replay' : evidenceDir ? 'cache' : 'network'
  return { mode, evidenceDir }
}

/** The client a single trace uses: paced per host, secrets scrubbed, every answer kept. */
export function createTraceClient(
  options: ClientOptions,
  evidence: EvidenceMode,
  hosts: {
    limits: Record<string, HostLimit>
    defaultLimit: HostLimit
    secrets?: readonly string[] | undefined
    /** Blocks below the tip after which a block range's answer is final. */
    finalityDepth?: number | undefined
  },
): HttpClient {
  return createHttpClient({
    ...(options.fetch ? { fetch: options.fetch } : {}),
    // --no-cache: the used responses wait for the bundle in a private temp dir, not the heap.
    ...(evidence.evidenceDir
      ? { store: createFileStore({ dir: evidence.evidenceDir }) }
      : { spool: createSpoolStore() }),
    mode: evidence.mode,
    // Beside the cache: a watch and a trace on one cache share each host's rate.
    ...(evidence.mode === 'cache' && evidence.evidenceDir
      ? { slotBook: createFileSlotBook(join(evidence.evidenceDir, SLOTS_DIR)) }
      : {}),
    limits: hosts.limits,
    defaultLimit: hosts.defaultLimit,
    ...(hosts.secrets ? { secrets: hosts.secrets } : {}),
    ...(hosts.finalityDepth ? { finalityDepth: hosts.finalityDepth } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  })
}

export function defaultCacheDir(
  env: Record<string, string | undefined> = {},
): string {
  return (
    env.FUNDTRACE_CACHE_DIR ??
    join(envPaths('fundtrace', { suffix: '' }).cache, 'evidence')
  )
}

/** The parts of a bundle's report.json that a replay of it carries over. */
type Recorded = {
  sources?: { baseUrl?: unknown }[]
  provenance?: { synthetic?: unknown }
}

function recordedReport(dir: string): Recorded | undefined {
  const file = join(dir, 'report.json')
  if (!existsSync(file)) return undefined
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Recorded
  } catch {
    return undefined
  }
}

/** A bundle remembers the source it was recorded from, so replay needs no URL. */
export function recordedSourceUrl(dir: string): string | undefined {
  const url = recordedReport(dir)?.sources?.[0]?.baseUrl
  return typeof url === 'string' ? url : undefined
}

/** A replay of a synthetic bundle is as made-up as the bundle. */
export function recordedSynthetic(dir: string): boolean {
  return recordedReport(dir)?.provenance?.synthetic === true
}

/**
 * Runs a trace on its stack; when it fails there is no report and no bundle,
 * so a --no-cache run's spooled evidence is disposed of at once.
 */
export function closeOnFailure<T>(
  http: HttpClient,
  run: Promise<T>,
): Promise<T> {
  return run.catch((err: unknown) =>
    http.close().then(() => Promise.reject(err)),
  )
}
