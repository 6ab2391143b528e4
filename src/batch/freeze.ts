/**
 * One freeze / preservation request per exchange covering every case: each
 * deposit address, the deposit txs, the traced amount and the case it is
 * from. Plain text an officer adapts; untrusted text goes through plainText.
 */

import { utc } from '../core/time.js'
import { disputeNote } from '../report/freeze-sections.js'
import { plainText } from '../report/html/escape.js'
import { entitySlugs } from '../report/views/entities.js'
import type { CrossCaseLinks, Deposit } from './links.js'
import { sumDecimals } from './links.js'

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
    `     Case: ${plainText(d.caseId)} (report: ${plainText(d.caseDir)}/report.html)`,
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

/** Per deposit address (one account each, as far as the chain shows), summed over cases. */
function totals(deposits: Deposit[]): string[] {
  const groups = new Map<string, { amounts: string[]; cases: Set<string> }>()
  for (const d of deposits) {
    const key = `${d.hit.address}\n${d.hit.asset}\n${d.hit.chain}`
    const g = groups.get(key) ?? { amounts: [], cases: new Set<string>() }
    g.amounts.push(d.hit.amount)
    g.cases.add(d.caseId)
    groups.set(key, g)
  }
  return [...groups].map(([key, g]) => {
    const [address, asset, chain] = key.split('\n')
    return `  ${plainText(address)}: ${sumDecimals(g.amounts)} ${plainText(asset)} (${plainText(chain)}) from ${g.cases.size} case(s)`
  })
}

function render(entity: string, slug: string, deposits: Deposit[]): string {
  const name = plainText(entity)
  const cases = [...new Set(deposits.map((d) => d.caseId))]
  const addresses = [...new Set(deposits.map((d) => d.hit.address))]
  return [
    `Subject: [URGENT] [JURISDICTION] [AGENCY / CASE NO.] – Preserve records + Freeze – ${addresses.length} deposit address(es), ${cases.length} victim case(s)`,
    '',
    `To: ${name} — law-enforcement request channel (confirm the current portal or e-mail on the venue's official website)`,
    'From: [AGENCY FULL NAME], [LEGAL AUTHORITY], [OFFICER NAME, RANK, BADGE NO.], [OFFICIAL E-MAIL], [PHONE]',
    'Case reference: [CASE / CRIME REFERENCE NO.]',
    '',
    'REQUESTED ACTION',
    '1. Preserve all records of the account(s) credited by the deposit addresses below: KYC documents, login and IP logs, device data, deposit and withdrawal history.',
    '2. Freeze, per account, up to the amounts traced below (the sum over the listed cases). Do not freeze more than these amounts.',
    '3. Do not notify the account holder of this request.',
    '',
    'TOTAL TRACED, PER DEPOSIT ADDRESS',
    ...totals(deposits),
    '',
    `DEPOSITS AT ${name.toUpperCase()}, BY CASE`,
    ...deposits.flatMap((d, i) => depositLines(d, i + 1)),
    'CASES COVERED',
    ...cases.map((c) => `  ${plainText(c)}`),
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
      text: render(entity, slug, deposits),
    }
  })
}
