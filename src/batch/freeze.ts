/**
 * One freeze / preservation request per exchange covering every case: each
 * deposit address, the deposit txs, the traced amount and the case it is
 * from. Plain text an officer adapts; untrusted text goes through plainText.
 */

import { formatUnits } from '../core/amount.js'
import { utc } from '../core/time.js'
import {
  fromLines,
  legalBasisLines,
  requestParties,
  subjectTag,
} from '../report/freeze-case.js'
import { disputeNote } from '../report/freeze-sections.js'
import { plainText } from '../report/html/escape.js'
import { entitySlugs } from '../report/views/entities.js'
import type { CrossCaseLinks, Deposit, DuplicateCases } from './links.js'
import { duplicateText } from './links.js'

export type BatchFreezeRequest = {
  entity: string
  slug: string
  path: string
  text: string
}

function depositLines(d: Deposit, n: number): string[] {
  const h = d.hit
  return [
    `  ${n}. Deposit address: ${plainText(h.address)}`,
    `     Case: ${plainText(d.caseId)} (report: ${plainText(d.caseDir)}/report.html)${d.alsoCases.length > 0 ? `; also listed as ${d.alsoCases.map(plainText).join(', ')}, the same theft, counted once` : ''}`,
    `     Network: ${plainText(h.chain)}   Asset: ${plainText(h.asset)}`,
    ...h.outputs.map(
      (o) =>
        `     Deposit tx: ${plainText(o.txHash)} output ${o.outputIndex}, block ${o.block ?? 'unconfirmed'}`,
    ),
    `     First credited: ${utc(h.firstSeen)}`,
    `     Amount received in these txs: ${plainText(h.received)} ${plainText(h.asset)}`,
    `     Amount traced to this victim (${plainText(d.policy)} policy): ${plainText(h.amount)} ${plainText(h.asset)}`,
    `     Attribution: ${h.attribution === 'deposit-sweep' ? `deposit address inferred from sweep tx ${h.evidence.map(plainText).join(', ')}` : 'labelled address'}; confidence ${plainText(h.confidence)}`,
    ...disputeNote(h).map((line) => `     ${line}`),
    '',
  ]
}

type AddressTotal = {
  address: string
  asset: string
  chain: string
  decimals: number
  tracedBase: bigint
  receivedBase: bigint
  cases: Set<string>
}

/**
 * Per deposit address (one account each, as far as the chain shows): the
 * traced amounts summed over cases, capped at what the address received in
 * the listed txs, each output counted once. Cases that trace overlapping
 * funds to the same deposit would otherwise ask for more than ever arrived.
 */
export function addressTotals(deposits: readonly Deposit[]): AddressTotal[] {
  const groups = new Map<
    string,
    AddressTotal & { parts: Map<string, bigint> }
  >()
  for (const d of deposits) {
    const key = `${d.hit.address}\n${d.hit.asset}\n${d.hit.contract ?? ''}\n${d.hit.chain}`
    const g = groups.get(key) ?? {
      address: d.hit.address,
      asset: d.hit.asset,
      chain: d.hit.chain,
      decimals: d.decimals,
      tracedBase: 0n,
      receivedBase: 0n,
      cases: new Set<string>(),
      parts: new Map<string, bigint>(),
    }
    g.tracedBase += BigInt(d.hit.amountBase)
    for (const p of d.received) g.parts.set(p.key, BigInt(p.base))
    g.cases.add(d.caseId)
    groups.set(key, g)
  }
  return [...groups.values()].map(({ parts, ...g }) => ({
    ...g,
    receivedBase: [...parts.values()].reduce((a, b) => a + b, 0n),
  }))
}

/** The amount to ask for: never more than the address received. */
export function requestedBase(t: AddressTotal): bigint {
  return t.tracedBase < t.receivedBase ? t.tracedBase : t.receivedBase
}

function totals(deposits: Deposit[]): string[] {
  return addressTotals(deposits).map((t) => {
    const fmt = (v: bigint) =>
      `${formatUnits(v, t.decimals)} ${plainText(t.asset)}`
    const capped = t.tracedBase > t.receivedBase
    return `  ${plainText(t.address)}: ${fmt(requestedBase(t))} (${plainText(t.chain)}) from ${t.cases.size} case(s)${capped ? ` — capped at what the address received in the listed txs; the cases' traced amounts add up to ${fmt(t.tracedBase)} because they count the same funds more than once` : ''}`
  })
}

function duplicateLines(
  duplicates: readonly DuplicateCases[],
  deposits: readonly Deposit[],
): string[] {
  const here = new Set(deposits.map((d) => d.caseId))
  const relevant = duplicates.filter((d) => here.has(d.kept))
  if (relevant.length === 0) return []
  return [
    'DUPLICATE CASES MERGED',
    ...relevant.map((d) => `  ${plainText(duplicateText(d))}`),
    '',
  ]
}

type Reports = NonNullable<Deposit['caseReports']>
const SHARED_FIELDS = [
  'police',
  'policeAgency',
  'officer',
  'legalBasis',
] as const

/**
 * The letter's sender and legal basis, where every case agrees; a field the
 * cases disagree on stays a placeholder and each case's own is listed.
 */
function sharedReports(deposits: readonly Deposit[]): Partial<Reports> {
  const out: Partial<Reports> = {}
  for (const field of SHARED_FIELDS) {
    const values = new Set(deposits.map((d) => d.caseReports?.[field]))
    const [only] = values
    if (values.size === 1 && only) out[field] = only
  }
  return out
}

function caseLine(caseId: string, reports: Reports | undefined): string {
  const parts = [
    reports?.police ? `reference ${plainText(reports.police)}` : '',
    reports?.policeAgency ? plainText(reports.policeAgency) : '',
    reports?.legalBasis ? `legal basis: ${plainText(reports.legalBasis)}` : '',
  ].filter(Boolean)
  return `  ${plainText(caseId)}${parts.length > 0 ? ` — ${parts.join('; ')}` : ''}`
}

function render(
  entity: string,
  slug: string,
  deposits: Deposit[],
  duplicates: readonly DuplicateCases[],
): string {
  const name = plainText(entity)
  const cases = [...new Set(deposits.map((d) => d.caseId))]
  const addresses = [...new Set(deposits.map((d) => d.hit.address))]
  const parties = requestParties(sharedReports(deposits))
  const reportsOf = new Map(deposits.map((d) => [d.caseId, d.caseReports]))
  return [
    `Subject: [URGENT] ${subjectTag(parties)} – Preserve records + Freeze – ${addresses.length} deposit address(es), ${cases.length} victim case(s)`,
    '',
    `To: ${name} — law-enforcement request channel (confirm the current portal or e-mail on the venue's official website)`,
    ...fromLines(parties),
    '',
    ...duplicateLines(duplicates, deposits),
    ...legalBasisLines(parties),
    'REQUESTED ACTION',
    '1. Preserve all records of the account(s) credited by the deposit addresses below: KYC documents, login and IP logs, device data, deposit and withdrawal history.',
    '2. Freeze, per account, up to the amounts below (the sum traced over the listed cases, never more than the address received in the listed txs). Do not freeze more than these amounts.',
    '3. Do not notify the account holder of this request.',
    '',
    'TOTAL TRACED, PER DEPOSIT ADDRESS',
    ...totals(deposits),
    '',
    `DEPOSITS AT ${name.toUpperCase()}, BY CASE`,
    ...deposits.flatMap((d, i) => depositLines(d, i + 1)),
    'CASES COVERED',
    ...cases.map((c) => caseLine(c, reportsOf.get(c))),
    '',
    'The on-chain data identifies addresses and transactions, not persons. Each case folder holds its report, evidence and manifest.',
    `File: freeze-requests/${slug}.txt`,
    '',
  ].join('\n')
}

export function batchFreezeRequests(
  links: CrossCaseLinks,
): BatchFreezeRequest[] {
  const groups = new Map<string, Deposit[]>()
  for (const d of links.deposits) {
    const list = groups.get(d.entity) ?? []
    list.push(d)
    groups.set(d.entity, list)
  }
  const slugs = entitySlugs(groups.keys())
  return [...groups].map(([entity, deposits]) => {
    const slug = slugs.get(entity) ?? 'exchange'
    return {
      entity,
      slug,
      path: `freeze-requests/${slug}.txt`,
      text: render(entity, slug, deposits, links.duplicates),
    }
  })
}
