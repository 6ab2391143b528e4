/**
 * What a new revision adds that someone must act on: a new exchange deposit
 * (with its freeze request), and funds reaching a mixer, a bridge or a
 * sanctioned address. Pure: two reports in, alerts out; the id is derived
 * from the facts alone, so a resumed watch recognises an alert it sent.
 */
import { createHash } from 'node:crypto'
import { terminalSafe } from '../../core/text-safety.js'
import { freezeRequests } from '../../report/freeze.js'
import type { Report } from '../../report/types.js'

export type WatchAlertKind =
  | 'exchange-deposit'
  | 'mixer'
  | 'bridge'
  | 'sanctioned'

export type WatchAlert = {
  /** Stable across restarts: receivers de-duplicate by it. */
  id: string
  kind: WatchAlertKind
  chain: string
  entity: string
  address: string | null
  asset: string
  contract?: string | undefined
  amount: string
  amountBase: string
  txHashes: string[]
  /** The freeze request already written for the exchange, relative to the watched folder. */
  freezeRequest?: string | undefined
  revision: number
}

type Candidate = Omit<WatchAlert, 'id' | 'revision' | 'freezeRequest'>

export function newAlerts(
  before: Report,
  after: Report,
  revision: number,
): WatchAlert[] {
  const seen = new Set(candidates(before).map(identity))
  const letters = new Map(
    freezeRequests(after).map((f) => [f.entity, f.path] as const),
  )
  return candidates(after)
    .filter((c) => !seen.has(identity(c)))
    .map((c) => {
      const letter =
        c.kind === 'exchange-deposit' ? letters.get(c.entity) : undefined
      return {
        id: alertId(c),
        ...c,
        ...(letter ? { freezeRequest: `revisions/${revision}/${letter}` } : {}),
        revision,
      }
    })
}

function candidates(report: Report): Candidate[] {
  const hits = report.hits.map(
    (h): Candidate => ({
      kind: h.flags.includes('sanctioned') ? 'sanctioned' : 'exchange-deposit',
      chain: h.chain,
      entity: h.entity,
      address: h.address,
      asset: h.asset,
      ...(h.contract ? { contract: h.contract } : {}),
      amount: h.amount,
      amountBase: h.amountBase,
      txHashes: [...h.txHashes].sort(),
    }),
  )
  const services = report.unexplored.flatMap((u): Candidate[] => {
    const kind = serviceKind(u.category, u.flags, u.entity)
    if (!kind) return []
    return [
      {
        kind,
        chain: u.chain,
        entity: u.entity ?? u.category ?? kind,
        address: u.address,
        asset: u.asset,
        ...(u.contract ? { contract: u.contract } : {}),
        amount: u.amount,
        amountBase: u.amountBase,
        txHashes: [u.txHash],
      },
    ]
  })
  return [...hits, ...services]
}

function serviceKind(
  category: string | undefined,
  flags: readonly string[] | undefined,
  entity: string | undefined,
): WatchAlertKind | undefined {
  if (flags?.includes('sanctioned')) return 'sanctioned'
  const words = `${category ?? ''} ${entity ?? ''}`.toLowerCase()
  if (/mixer|tumbler|coinjoin/.test(words)) return 'mixer'
  if (/bridge/.test(words)) return 'bridge'
  return undefined
}

/** An amount that grows at the same deposit is a new fact, so it is part of the identity. */
function identity(c: Candidate): string {
  return [
    c.kind,
    c.chain,
    c.address ?? '',
    c.asset,
    c.contract ?? '',
    c.amountBase,
    c.txHashes.join(','),
  ].join('|')
}

function alertId(c: Candidate): string {
  return createHash('sha256').update(identity(c)).digest('hex').slice(0, 32)
}

/** One terminal-safe line per alert. */
export function alertLine(alert: WatchAlert): string {
  const where = alert.address ?? '(no address)'
  const head =
    alert.kind === 'exchange-deposit'
      ? `DEPOSIT at ${alert.entity}: ${where} received ${alert.amount} ${alert.asset}`
      : `${alert.kind.toUpperCase()}: ${alert.amount} ${alert.asset} reached ${alert.entity} at ${where}`
  const letter = alert.freezeRequest
    ? `; freeze request: ${alert.freezeRequest}`
    : ''
  return terminalSafe(`ALERT ${head}${letter} [${alert.id}]`)
}
