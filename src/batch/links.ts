/**
 * What ties cases together: addresses reached by more than one case (a
 * perpetrator's address, a shared deposit), and the exchanges ranked by the
 * total traced to them. Pure functions over finished reports.
 */
import { formatUnits, parseUnits } from '../core/amount.js'
import type { Hit, Report, ReportCaseFacts } from '../report/types.js'
import { decimalsOf } from '../report/views/graph.js'
import type { CaseOutcome } from './types.js'

type CaseReport = { id: string; dir: string; report: Report }

type SharedAddress = {
  chain: string
  address: string
  /** deposit: an exchange deposit (a hit) in at least one case. */
  kind: 'deposit' | 'intermediate'
  entities: string[]
  /** Case ids, in batch order. */
  cases: string[]
}

type ExchangeTotal = {
  entity: string
  chain: string
  asset: string
  totalBase: bigint
  /** Whole units, exact. */
  total: string
  cases: string[]
  deposits: string[]
}

/** One output paid to a deposit address, keyed so the same output in two cases counts once. */
type ReceivedPart = { key: string; base: string }

/** One hit of one case: a line in a freeze-request bundle. */
export type Deposit = {
  entity: string
  caseId: string
  caseDir: string
  policy: string
  hit: Hit
  /** Decimals of the hit's asset, to add amounts in base units. */
  decimals: number
  /** What the address received in the hit's txs, per output. */
  received: ReceivedPart[]
  /** Other case ids in the batch that seed the same theft, merged into this one. */
  alsoCases: string[]
  /** The case file's report numbers, officer and legal basis; absent without --case. */
  caseReports?: ReportCaseFacts['reports'] | undefined
}

/** Cases that seed the same theft: only `kept` is traced into the links. */
export type DuplicateCases = { kept: string; merged: string[] }

export type CrossCaseLinks = {
  sharedAddresses: SharedAddress[]
  /** Ranked by total within each chain and asset, largest first. */
  exchanges: ExchangeTotal[]
  deposits: Deposit[]
  duplicates: DuplicateCases[]
}

/**
 * The theft a case seeds: its chain and its sorted seeds. Two case rows with
 * the same key trace the same funds; adding both would ask an exchange to
 * freeze the same coins twice.
 */
export function theftKey(report: Report): string {
  // EVM addresses differ only in checksum case; base58 ones are case-sensitive.
  const norm = (a: string) => (/^0x/i.test(a) ? a.toLowerCase() : a)
  const seeds = report.case.seeds
    .map((s) =>
      s.kind === 'tx'
        ? `tx:${s.txid.toLowerCase()}:${[...(s.outputs ?? [])].sort((a, b) => a - b).join(',')}`
        : `address:${norm(s.address)}:${s.since ?? ''}`,
    )
    .sort()
  return `${report.case.chain}\n${seeds.join('\n')}`
}

/** The first case of each theft, in batch order, and which later cases repeat it. */
export function duplicateCases(cases: readonly CaseReport[]): {
  unique: CaseReport[]
  duplicates: DuplicateCases[]
} {
  const first = new Map<string, DuplicateCases>()
  const unique: CaseReport[] = []
  for (const c of cases) {
    const key = theftKey(c.report)
    const seen = first.get(key)
    if (seen) seen.merged.push(c.id)
    else {
      first.set(key, { kept: c.id, merged: [] })
      unique.push(c)
    }
  }
  return {
    unique,
    duplicates: [...first.values()].filter((d) => d.merged.length > 0),
  }
}

/**
 * Per output, the full value the address received, read off the flow graph.
 * When the graph does not account for the hit's whole received amount, the
 * hit's txs together are one part: still counted once across cases.
 */
export function receivedParts(report: Report, hit: Hit): ReceivedPart[] {
  const wanted = new Set(hit.outputs.map((o) => `${o.txHash}:${o.outputIndex}`))
  const parts = new Map<string, string>()
  for (const e of report.graph.edges) {
    const key = `${e.txHash}:${e.outputIndex}`
    if (wanted.has(key) && !parts.has(key)) parts.set(key, e.amountBase)
  }
  const sum = [...parts.values()].reduce((a, b) => a + BigInt(b), 0n)
  if (parts.size === wanted.size && sum === BigInt(hit.receivedBase))
    return [...parts].map(([key, base]) => ({ key, base }))
  return [
    {
      key: `txs:${[...hit.txHashes].sort().join(',')}`,
      base: hit.receivedBase,
    },
  ]
}

function reached(
  report: Report,
): Map<string, { deposit: boolean; entity?: string | undefined }> {
  const out = new Map<
    string,
    { deposit: boolean; entity?: string | undefined }
  >()
  for (const node of report.graph.nodes) {
    if (!node.address || node.role === 'victim') continue
    out.set(`${report.case.chain}\n${node.address}`, {
      deposit: false,
      entity: node.entity,
    })
  }
  for (const hit of report.hits)
    out.set(`${hit.chain}\n${hit.address}`, {
      deposit: true,
      entity: hit.entity,
    })
  return out
}

export function sharedAddresses(cases: readonly CaseReport[]): SharedAddress[] {
  const seen = new Map<string, SharedAddress>()
  for (const { id, report } of cases) {
    for (const [key, info] of reached(report)) {
      const [chain = '', address = ''] = key.split('\n')
      const entry = seen.get(key) ?? {
        chain,
        address,
        kind: 'intermediate',
        entities: [],
        cases: [],
      }
      if (info.deposit) entry.kind = 'deposit'
      if (info.entity && !entry.entities.includes(info.entity))
        entry.entities.push(info.entity)
      if (!entry.cases.includes(id)) entry.cases.push(id)
      seen.set(key, entry)
    }
  }
  return [...seen.values()]
    .filter((s) => s.cases.length > 1)
    .sort(
      (a, b) =>
        Number(b.kind === 'deposit') - Number(a.kind === 'deposit') ||
        b.cases.length - a.cases.length ||
        (a.address < b.address ? -1 : a.address > b.address ? 1 : 0),
    )
}

/** Exact sum of whole-unit decimal strings, whatever their decimals. */
export function sumDecimals(values: readonly string[]): string {
  const scale = Math.max(0, ...values.map((v) => v.split('.')[1]?.length ?? 0))
  const total = values.reduce((acc, v) => acc + parseUnits(v, scale), 0n)
  return formatUnits(total, scale)
}

function exchangeTotals(cases: readonly CaseReport[]): ExchangeTotal[] {
  const groups = new Map<string, ExchangeTotal & { amounts: string[] }>()
  for (const { id, report } of cases)
    for (const hit of report.hits) {
      const key = `${hit.entity}\n${hit.chain}\n${hit.asset}`
      const g = groups.get(key) ?? {
        entity: hit.entity,
        chain: hit.chain,
        asset: hit.asset,
        totalBase: 0n,
        total: '0',
        cases: [],
        deposits: [],
        amounts: [],
      }
      g.totalBase += BigInt(hit.amountBase)
      g.amounts.push(hit.amount)
      if (!g.cases.includes(id)) g.cases.push(id)
      if (!g.deposits.includes(hit.address)) g.deposits.push(hit.address)
      groups.set(key, g)
    }
  return [...groups.values()]
    .map(({ amounts, ...g }) => ({ ...g, total: sumDecimals(amounts) }))
    .sort(
      (a, b) =>
        a.chain.localeCompare(b.chain) ||
        a.asset.localeCompare(b.asset) ||
        (b.totalBase > a.totalBase ? 1 : b.totalBase < a.totalBase ? -1 : 0) ||
        a.entity.localeCompare(b.entity),
    )
}

export function crossCaseLinks(all: readonly CaseReport[]): CrossCaseLinks {
  const { unique: cases, duplicates } = duplicateCases(all)
  const merged = new Map(duplicates.map((d) => [d.kept, d.merged]))
  return {
    sharedAddresses: sharedAddresses(cases),
    exchanges: exchangeTotals(cases),
    deposits: cases.flatMap(({ id, dir, report }) =>
      report.hits.map((hit) => ({
        entity: hit.entity,
        caseId: id,
        caseDir: dir,
        policy: report.policy.name,
        hit,
        decimals: decimalsOf(report, hit.asset, hit.contract),
        received: receivedParts(report, hit),
        alsoCases: merged.get(id) ?? [],
        caseReports: report.caseFacts?.reports,
      })),
    ),
    duplicates,
  }
}

/** "c1 and c1-again seed the same theft: counted once, as c1." */
export function duplicateText(d: DuplicateCases): string {
  return `${[d.kept, ...d.merged].join(' and ')} seed the same theft (same seeds): counted once, as ${d.kept}.`
}

/** "Binance 0.1 BTC; Kraken 0.2 BTC" for one case. */
export function hitsByExchange(outcome: CaseOutcome): string {
  const groups = new Map<string, string[]>()
  for (const hit of outcome.report?.hits ?? []) {
    const key = `${hit.entity}\n${hit.asset}`
    const list = groups.get(key) ?? []
    list.push(hit.amount)
    groups.set(key, list)
  }
  return [...groups]
    .map(([key, amounts]) => {
      const [entity, asset] = key.split('\n')
      return `${entity} ${sumDecimals(amounts)} ${asset}`
    })
    .join('; ')
}
