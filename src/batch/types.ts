/** Plain data the batch hands out: outcomes, progress events, results. */
import type { Report } from '../report/types.js'
import type { CrossCaseLinks } from './links.js'

type CaseStatus =
  /** Traced in full (now, or in an earlier run: `resumed`). */
  | 'complete'
  /** Traced, but something could not be fetched: re-run to retry. */
  | 'incomplete'
  /** Stopped by Ctrl-C part way; the partial report is written. */
  | 'interrupted'
  /** The trace threw (a seed not found, a bad label file...). */
  | 'error'
  /** Never started: the batch was stopped first. */
  | 'pending'

export type CaseOutcome = {
  id: string
  dir: string
  chain: string
  status: CaseStatus
  /** Finished in an earlier run and skipped this time. */
  resumed: boolean
  report?: Report | undefined
  error?: string | undefined
  /** Distinct look-ups this run, and network requests it started. */
  lookups: number
  fetched: number
}

export type BatchProgressEvent =
  | { type: 'batch-start'; total: number; finished: number }
  | { type: 'case-start'; id: string }
  | {
      type: 'case-progress'
      id: string
      txs: number
      hops: number
      hits: number
      queued: number
      lookups: number
      fetched: number
    }
  | {
      type: 'case-done'
      id: string
      status: CaseStatus
      hits: number
      error?: string | undefined
    }
  | {
      type: 'batch-done'
      total: number
      complete: number
      requests: number
      distinct: number
    }

export type BatchResult = {
  outDir: string
  cases: CaseOutcome[]
  links: CrossCaseLinks
  /** Network requests made this run (attempts), and distinct URLs among them. */
  requests: number
  distinctRequests: number
  /** True when every case is complete. */
  complete: boolean
  interrupted: boolean
}
