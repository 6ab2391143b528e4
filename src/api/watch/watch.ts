/**
 * `fundtrace watch` as a library: re-checks a traced case's frontier every
 * interval and, when funds moved, traces on from the stored evidence, writes
 * a new revision and raises alerts. Everything it must not forget (the
 * revision, the alerts and where they were delivered) is on disk first.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { UsageError } from '../../core/errors.js'
import { usedEvidenceFiles } from '../../report/bundle.js'
import { writeReportBundles } from '../../report/bundles.js'
import { readBundleLabelSet } from '../../report/label-set.js'
import type { Report } from '../../report/types.js'
import { failureLine } from '../../sources/outage.js'
import { trace } from '../trace.js'
import { newAlerts, type WatchAlert } from './alerts.js'
import { createDelivery, type DeliveryOptions } from './delivery.js'
import {
  assertWatchable,
  createFrontierProbe,
  type FrontierPoint,
  frontierOf,
  type ProbeMemo,
} from './frontier.js'
import {
  createStateSaver,
  keepOriginal,
  loadState,
  promote,
  revisionDir,
  type WatchState,
} from './store.js'
import {
  traceOptionsOf,
  type WatchLabels,
  type WatchSources,
  watchLabels,
  withRecordedSource,
} from './trace-again.js'

export type WatchEvent =
  | { type: 'no-movement'; round: number; frontier: number; requests: number }
  | {
      type: 'revision'
      round: number
      revision: number
      dir: string
      moved: FrontierPoint[]
      newHops: number
      hits: Report['hits']
      requests: number
    }
  | { type: 'alert'; alert: WatchAlert }
  | { type: 'outage'; message: string }
  | { type: 'recovered' }

export type WatchOptions = WatchSources &
  DeliveryOptions & {
    dir: string
    /** One round, then return (cron). */
    once?: boolean | undefined
    intervalMs?: number | undefined
    /** Stop after this many rounds (tests, and `--once` = 1). */
    maxRounds?: number | undefined
    onChange: (event: WatchEvent) => void
    sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined
    now?: (() => Date) | undefined
  }

export type WatchSummary = { rounds: number; revision: number; outage: boolean }

export const DEFAULT_INTERVAL_MS = 10 * 60 * 1000

/**
 * Watches until the signal aborts (or one round with `once`).
 * @example
 * await watch({ dir: 'out/case', once: true, onChange: (e) => console.log(e) })
 */
export async function watch(options: WatchOptions): Promise<WatchSummary> {
  const first = await readTopReport(options.dir)
  assertWatchable(first.case.chain)
  await keepOriginal(options.dir)
  // Read once: a bad label file is an error at the start, never an outage.
  const labels = watchLabels(
    first,
    await readBundleLabelSet(options.dir),
    options,
  )
  const state = await loadState(options.dir)
  const sleep = options.sleep ?? abortableSleep
  const save = createStateSaver(options.dir, state)
  const delivery = createDelivery(options, state, save)
  // What the source is found to answer holds for every round of this watch.
  const memo: ProbeMemo = {}
  await delivery.resend()
  const limit = options.once
    ? 1
    : (options.maxRounds ?? Number.POSITIVE_INFINITY)
  let rounds = 0
  while (rounds < limit && !options.signal?.aborted) {
    await round(options, labels, state, delivery, memo)
    rounds++
    if (rounds < limit)
      await sleep(
        options.intervalMs ?? DEFAULT_INTERVAL_MS,
        options.signal,
      ).catch(() => {})
  }
  await delivery.settle()
  return { rounds, revision: state.revision, outage: state.outage !== null }
}

async function round(
  options: WatchOptions,
  labels: WatchLabels,
  state: WatchState,
  delivery: ReturnType<typeof createDelivery>,
  memo: ProbeMemo,
): Promise<void> {
  const number = state.rounds + 1
  const up = () => {
    if (state.outage === null) return
    state.outage = null
    options.onChange({ type: 'recovered' })
  }
  try {
    await delivery.resend()
    await check(options, labels, state, number, { delivery, memo, up })
  } catch (err) {
    if (options.signal?.aborted) return
    if (err instanceof UsageError) throw err
    const message = failureLine(err)
    // Reported once per outage; the next round tries again.
    if (state.outage === null) options.onChange({ type: 'outage', message })
    state.outage = message
  }
  state.rounds = number
  await delivery.save()
}

async function check(
  options: WatchOptions,
  labels: WatchLabels,
  state: WatchState,
  number: number,
  {
    delivery,
    memo,
    up,
  }: {
    delivery: ReturnType<typeof createDelivery>
    memo: ProbeMemo
    up: () => void
  },
): Promise<void> {
  const before = await readTopReport(options.dir)
  const points = frontierOf(before)
  const probe = createFrontierProbe(
    before.case.chain,
    withRecordedSource(before, options),
    memo,
  )
  const moved = await probe.moved(points).finally(() => probe.http.close())
  const asked = requestsOf(probe.http.stats())
  up()
  if (moved.length === 0) {
    options.onChange({
      type: 'no-movement',
      round: number,
      frontier: points.length,
      requests: asked,
    })
    return
  }
  const { report: traced, http } = await trace(
    traceOptionsOf(before, options, labels),
  )
  const after: Report = before.caseFacts
    ? { ...traced, caseFacts: before.caseFacts }
    : traced
  const revision = state.revision + 1
  const alerts = newAlerts(before, after, revision).filter(
    (a) => !(a.id in state.alerts),
  )
  try {
    await writeReportBundles(after, {
      outDir: revisionDir(options.dir, revision),
      evidence: usedEvidenceFiles(http),
      labels: labels.set,
    })
  } finally {
    await http.close()
  }
  // The alerts are on disk before the top level changes: a kill after this
  // point resends them, a kill before it finds the same movement again.
  delivery.add(alerts)
  state.revision = revision
  await delivery.save()
  await promote(options.dir, revision)
  options.onChange({
    type: 'revision',
    round: number,
    revision,
    dir: revisionDir(options.dir, revision),
    moved,
    newHops: after.graph.edges.length - before.graph.edges.length,
    hits: after.hits,
    requests: asked + requestsOf(http.stats()),
  })
  await delivery.send(alerts)
}

async function readTopReport(dir: string): Promise<Report> {
  const text = await readFile(join(dir, 'report.json'), 'utf8').catch(
    () => null,
  )
  if (text === null)
    throw new UsageError(
      `watch: no report.json in "${dir}"; give a folder written by trace --out or batch`,
    )
  return JSON.parse(text) as Report
}

function requestsOf(stats: readonly { requests: number }[]): number {
  return stats.reduce((sum, s) => sum + s.requests, 0)
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    const timer = setTimeout(resolve, ms)
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        reject(signal.reason)
      },
      { once: true },
    )
  })
}
