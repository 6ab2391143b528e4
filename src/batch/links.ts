/**
 * What ties cases together: addresses reached by more than one case (a
 * perpetrator's address, a shared deposit), and the exchanges ranked by the
 * total traced to them. Pure functions over finished reports.
 */
import { formatUnits, parseUnits } from '../core/amount.js'
import type { Hit, Report } from '../report/types.js'
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

/** One hit of one case: a line in a freeze-request bundle. */
export type Deposit = {
  entity: string
  caseId: string
  caseDir: string
  policy: string
  hit: Hit
}

export type CrossCaseLinks = {
  sharedAddresses: SharedAddress[]
  /** Ranked by total within each chain and asset, largest first. */
  exchanges: ExchangeTotal[]
  deposits: Deposit[]
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

export function crossCaseLinks(cases: readonly CaseReport[]): CrossCaseLinks {
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
      })),
    ),
  }
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
