/** One case of a batch: its labels and fingerprint, then trace, write, mark done. */
import { resolve } from 'node:path'
import { type TraceOptions, trace } from '../api/trace.js'
import { findChain } from '../chains/index.js'
import { TRACE_DEFAULTS } from '../core/defaults.js'
import type { Label } from '../core/types.js'
import { loadBundledLabels } from '../labels/bundled.js'
import {
  type LabelFile,
  type LabelSet,
  labelsCsv,
  labelsOfFiles,
  readLabelFile,
} from '../labels/label-set.js'
import { usedEvidenceFiles } from '../report/bundle.js'
import { failureLine } from '../sources/outage.js'
import { createCaseClient } from './case-client.js'
import { fingerprint, writeCase } from './casedir.js'
import type { BatchCase } from './cases.js'
import type { EvmSources } from './evm.js'
import type { BatchOptions } from './run.js'
import type { SharedRequests } from './shared-requests.js'
import type { BatchProgressEvent, CaseOutcome } from './types.js'

type Prepared = {
  c: BatchCase
  print: string
  labels: Label[]
  /** What the case's bundle carries, so a watch on it attributes the same way. */
  labelSet: LabelSet
}

type ReadFile = { labels: Label[]; print: string; file: LabelFile }

/** Label files are read once, up front: a bad one fails before any fetch. */
export function prepare(
  cases: readonly BatchCase[],
  options: BatchOptions,
): Prepared[] {
  const files = new Map<string, ReadFile>()
  const file = (path: string) => {
    const key = resolve(path)
    let found = files.get(key)
    if (!found) {
      const read = readLabelFile(path)
      const labels = labelsOfFiles([read])
      found = { labels, print: fingerprint(labels), file: read }
      files.set(key, found)
    }
    return found
  }
  const load = (path: string) => file(path).labels
  const given = options.labels?.length
    ? [{ name: 'given-labels.csv', text: labelsCsv(options.labels) }]
    : []
  const commonFiles = [
    ...given,
    ...(options.labelFiles ?? []).map((path) => file(path).file),
  ]
  const builtIn = options.bundledLabels !== false
  const common = [
    ...(builtIn ? loadBundledLabels() : []),
    ...(options.labels ?? []),
    ...(options.labelFiles ?? []).flatMap(load),
  ]
  // Hashed once: the bundled set alone can hold many thousands of labels.
  const commonPrint = fingerprint(common)
  return cases.map((c) => {
    const own = c.labelFiles.flatMap(load)
    const effective = {
      chain: c.chain,
      txs: c.txs,
      victims: c.victims,
      address: c.address,
      policy: c.policy ?? options.policy ?? TRACE_DEFAULTS.policy,
      maxHops: c.maxHops ?? options.maxHops ?? TRACE_DEFAULTS.maxHops,
      maxNodes: c.maxNodes ?? options.maxNodes ?? TRACE_DEFAULTS.maxNodes,
      minAmount: c.minAmount ?? options.minAmount ?? TRACE_DEFAULTS.minAmount,
      labels: [commonPrint, ...c.labelFiles.map((f) => file(f).print)],
    }
    return {
      c,
      print: fingerprint(effective),
      labels: own.length ? [...common, ...own] : common,
      labelSet: {
        builtIn,
        files: [...commonFiles, ...c.labelFiles.map((f) => file(f).file)],
      },
    }
  })
}

export function base(c: BatchCase): Omit<CaseOutcome, 'status'> {
  return {
    id: c.id,
    dir: c.dir,
    chain: c.chain,
    resumed: false,
    lookups: 0,
    fetched: 0,
  }
}

export type RunOptions = BatchOptions & {
  esploraUrl: string
  now: () => Date
  /** An EVM case's explorer and nodes (see planEvmCases). */
  evm?: EvmSources | undefined
}

/**
 * A case that is not on EVM: a Tron row's explorer_url and rpc_url (the
 * shared client is its only source of answers, so it needs no replay folder
 * of its own). A Bitcoin case may cross to an EVM chain: it gets the
 * environment for a key and, replaying, the mode that needs none.
 */
function otherSources(c: BatchCase, options: RunOptions) {
  const env = options.env ?? options.traceOptions?.env
  if (findChain(c.chain)?.model !== 'account')
    return { env, replay: options.replay }
  return {
    ...(c.explorerUrl ? { explorerUrl: c.explorerUrl } : {}),
    ...(c.rpcUrls ? { rpcUrls: c.rpcUrls } : {}),
    env,
  }
}

export async function runCase(
  { c, print, labels, labelSet }: Prepared,
  options: RunOptions,
  shared: SharedRequests,
  emit: (e: BatchProgressEvent) => void,
): Promise<CaseOutcome> {
  const signal = options.signal
  if (signal?.aborted) return { ...base(c), status: 'pending' }
  emit({ type: 'case-start', id: c.id })
  const http = createCaseClient(shared, signal)
  const counts = () => ({ lookups: http.lookups(), fetched: http.fetched() })
  try {
    const { report } = await trace({
      ...options.traceOptions,
      chain: c.chain as TraceOptions['chain'],
      txs: c.txs,
      address: c.address,
      victims: c.victims,
      labels,
      bundledLabels: false,
      policy: c.policy ?? options.policy,
      maxHops: c.maxHops ?? options.maxHops,
      maxNodes: c.maxNodes ?? options.maxNodes,
      minAmount: c.minAmount ?? options.minAmount,
      esploraUrl: options.esploraUrl,
      chains: options.chains ?? options.traceOptions?.chains,
      thorchainUrl: options.thorchainUrl ?? options.traceOptions?.thorchainUrl,
      ...(options.evm
        ? {
            ...options.evm,
            env: options.env ?? options.traceOptions?.env,
            replay: options.replay,
          }
        : otherSources(c, options)),
      http,
      signal,
      now: options.now,
      onProgress: (p) =>
        emit({ type: 'case-progress', id: c.id, ...p, ...counts() }),
    })
    const stopped = signal?.aborted ?? false
    const done = report.status === 'complete'
    await writeCase({
      outDir: options.outDir,
      dir: c.dir,
      caseId: c.id,
      print,
      report,
      evidence: usedEvidenceFiles(http),
      labels: labelSet,
      audience: options.audience ?? 'police',
      done,
      now: options.now,
    })
    const status = done ? 'complete' : stopped ? 'interrupted' : 'incomplete'
    emit({ type: 'case-done', id: c.id, status, hits: report.hits.length })
    return { ...base(c), ...counts(), status, report }
  } catch (err) {
    const stopped = signal?.aborted ?? false
    const error = failureLine(err)
    const status = stopped ? 'interrupted' : 'error'
    emit({ type: 'case-done', id: c.id, status, hits: 0, error })
    return { ...base(c), ...counts(), status, error }
  }
}
