/** The short human summary printed after a trace: hits, funds at rest, what was left and why. */

import { terminalSafe } from '../core/text-safety.js'
import { buildAlerts } from '../report/attribution.js'
import { isUtxoChain, restWord } from '../report/chain-model.js'
import { sharedSymbol } from '../report/reconciliation.js'
import type {
  AmountText,
  AssetReconciliation,
  Hit,
  Report,
  SwapRow,
} from '../report/types.js'
import {
  type Fit,
  joinGreedy,
  short,
  shortIn,
  shortOutput,
  table,
  WIDTH,
  wrap,
} from './columns.js'

export type SummaryOptions = {
  /** Hashes and addresses whole, lines unwrapped (default: fit 100 columns). */
  full?: boolean | undefined
}

export function formatSummary(
  report: Report,
  outDir?: string,
  options: SummaryOptions = {},
): string {
  const fit: Fit = { full: options.full ?? false, shortened: false }
  const text = (line: string) => wrap(shortIn(terminalSafe(line), fit), fit)
  // Sanctions and hacks come first, above everything an officer might skim.
  const lines: string[] = (report.alerts ?? buildAlerts(report)).flatMap((a) =>
    text(`!! ${a.message}`),
  )
  if (lines.length > 0) lines.push('')
  lines.push(
    `fundtrace ${report.tool.version} · ${report.case.chain} · policy ${report.policy.name} · ${report.status}`,
    ...wrap(
      `Traced ${stolenText(report)} stolen across ${report.stats.txs} txs (${report.stats.hops} hops, ${report.stats.requests} requests).`,
      fit,
    ),
    ...swapLines(report, fit),
    ...report.heuristics
      .filter((h) => h.rule.endsWith('-warning'))
      .flatMap((h) => text(`Warning: ${h.detail}`)),
    '',
  )
  lines.push(...hitsSection(report, fit), '')
  lines.push(...atRestSection(report, fit), '')
  lines.push(...unexploredSection(report, fit), '')
  lines.push(...cutsSection(report, fit))
  lines.push(...perAssetLines(report, fit), ...reconciliationLines(report, fit))
  for (const note of report.limitations ?? [])
    lines.push(...text(`Limitation: ${note}`))
  if (fit.shortened)
    lines.push('Hashes and addresses are shortened: --full prints them whole.')
  if (outDir) lines.push(`Report written to ${terminalSafe(outDir)}`)
  return `${lines.join('\n')}\n`
}

const KIND: Record<SwapRow['protocol'], string> = {
  thorchain: 'THORChain swap',
  dex: 'same-tx DEX swap',
  across: 'bridge',
  synapse: 'bridge',
  multichain: 'bridge',
  'op-stack': 'bridge',
}

const BRIDGE_NAMES: Record<string, string> = {
  across: 'Across',
  synapse: 'Synapse',
  multichain: 'Multichain',
  'op-stack': 'OP Stack bridge',
}

/** What the stolen funds became through swaps and bridges, and each with both hashes. */
function swapLines(report: Report, fit: Fit): string[] {
  const swaps = report.swaps ?? []
  if (swaps.length === 0) return []
  const became = [
    ...new Set(swaps.map((s) => `${s.outbound.asset} on ${s.outbound.chain}`)),
  ]
  const text = (line: string) => wrap(shortIn(terminalSafe(line), fit), fit)
  const kinds = new Set(swaps.map((s) => KIND[s.protocol]))
  const [kind = 'swap'] = kinds.size === 1 ? kinds : ['swap']
  const how = (s: SwapRow) =>
    s.protocol === 'dex'
      ? `same-tx DEX swap, rule ${s.rule ?? 'unknown'}`
      : s.protocol === 'thorchain'
        ? `${s.match}; memo ${s.memo}${checkText(s)}`
        : `${BRIDGE_NAMES[s.protocol]}, matched ${s.match === 'deposit-id' ? 'by deposit id' : 'by amount and time'}, ${s.confidence ?? 'medium'} confidence`
  return [
    ...text(
      `It became ${became.join(', ')} through ${swaps.length} ${kind}${swaps.length > 1 ? 's' : ''}:`,
    ),
    ...swaps.flatMap((s) =>
      text(
        `  ${s.inbound.amount} ${s.inbound.asset} ${s.inbound.chain} ${s.inbound.txHash} → ${s.outbound.amount} ${s.outbound.asset} ${s.outbound.chain} ${s.outbound.txHash} (${how(s)})`,
      ),
    ),
  ]
}

/** thornode's verdict on a swap, when it was asked. */
function checkText(s: SwapRow): string {
  const check = s.crossCheck
  if (!check) return ''
  if (check.verdict === 'confirmed') return `; confirmed by ${check.source}`
  if (check.verdict === 'disputed')
    return `; DISPUTED by ${check.source}, see the limitations`
  return `; not confirmed by ${check.source}: ${check.detail}`
}

/** Every stolen asset: a USDT theft must not read "0 ETH stolen". */
function stolenText(report: Report): string {
  const parts = (report.reconciliations ?? [])
    .filter((r) => r.stolen.amountBase !== '0')
    .map((r) => `${r.stolen.amount} ${terminalSafe(r.asset)}`)
  const last = parts.pop()
  if (last === undefined)
    return `${report.reconciliation.stolen.amount} ${report.asset.symbol}`
  return parts.length > 0 ? `${parts.join(', ')} and ${last}` : last
}

function hitsSection(report: Report, fit: Fit): string[] {
  if (report.hits.length === 0) return ['No exchange deposit reached.']
  const rows = report.hits.map((h) => [
    terminalSafe(h.entity) + (h.flags.length ? ` [${h.flags.join(',')}]` : ''),
    short(h.address, fit),
    `${h.amount} ${terminalSafe(h.asset)}`,
    short(h.txHashes[0] ?? '', fit),
    h.firstSeen ? utcSeconds(h.firstSeen) : 'unconfirmed',
    h.confidence + (h.conflict ? ' (conflict)' : ''),
  ])
  return [
    `Exchange hits (${report.hits.length}) — send a freeze request to each:`,
    ...table(
      [
        'entity',
        'deposit address',
        'amount',
        'tx',
        'first seen (UTC)',
        'confidence',
      ],
      rows,
      fit,
    ),
    ...report.hits.flatMap((hit) => basisLines(hit, fit)),
  ]
}

/** "2024-06-21T20:50:00.000Z" as "2024-06-21 20:50:00". */
function utcSeconds(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso)
  return m ? `${m[1]} ${m[2]}` : terminalSafe(iso)
}

/** Every label and heuristic behind a hit, side by side, each with its source. */
function basisLines(hit: Hit, fit: Fit): string[] {
  const basis = hit.basis ?? hit.labels.map((l) => ({ ...l, kind: 'label' }))
  if (basis.length === 0) return []
  const text = (line: string, indent: number) =>
    wrap(shortIn(terminalSafe(line), fit), fit, indent)
  const lines = [`  ${short(hit.address, fit)} — attributed on:`]
  if (hit.conflict) lines.push(...text(`    !! ${hit.conflict.note}`, 7))
  for (const b of basis) {
    const on =
      'address' in b && b.address && b.address !== hit.address
        ? ` on ${b.address}`
        : ''
    const kind = b.kind === 'heuristic' ? 'heuristic' : 'label    '
    lines.push(
      ...text(
        `    ${b.confidence.padEnd(8)} ${kind} ${b.entity} (${b.category})${on}`,
        23,
      ),
      ...text(
        `${' '.repeat(23)}source: ${b.source}${b.retrieved ? `, retrieved ${b.retrieved}` : ''}`,
        25,
      ),
    )
  }
  return lines
}

function atRestSection(report: Report, fit: Fit): string[] {
  if (report.atRest.length === 0) return ['No funds at rest.']
  const rows = report.atRest.map((a) => [
    a.address ? short(a.address, fit) : '(no address: P2PK or bare script)',
    `${a.amount} ${terminalSafe(a.asset)}`,
    shortOutput(a.txHash, a.outputIndex, fit),
    `block ${a.asOfBlock}`,
  ])
  const utxo = isUtxoChain(report.case.chain)
  return [
    `Funds at rest (${report.atRest.length}), ${restWord(report.case.chain)} as of the tip:`,
    ...table(
      ['address', 'amount', utxo ? 'output' : 'last tainted inflow', 'as of'],
      rows,
      fit,
    ),
  ]
}

function unexploredSection(report: Report, fit: Fit): string[] {
  if (report.unexplored.length === 0) return ['Nothing left unexplored.']
  const rows = report.unexplored.map((u) => [
    u.reason,
    `${u.amount} ${terminalSafe(u.asset)}`,
    shortOutput(u.txHash, u.outputIndex, fit),
    shortIn(terminalSafe(u.detail), fit),
  ])
  return [
    `Not followed further (${report.unexplored.length}):`,
    ...table(['why', 'amount', 'output', 'detail'], rows, fit),
  ]
}

/** What cut the trail and how to continue it; nothing when the trail is whole. */
function cutsSection(report: Report, fit: Fit): string[] {
  const cuts = report.cuts ?? []
  if (cuts.length === 0) return []
  const rows = cuts.map((c) => [
    c.reason,
    c.address ? short(c.address, fit) : '(no address)',
    `${c.amount} ${terminalSafe(c.asset)}`,
    `hop ${c.hops}`,
  ])
  const head =
    report.status === 'complete'
      ? `Dust left below --min-amount (${cuts.length}); the trace is complete:`
      : `INCOMPLETE: the trail was cut (${cuts.length}); these amounts are not accounted for:`
  // How to continue gets a line of its own, so a flag is never cut in two.
  const [header = '', ...lines] = table(
    ['cut by', 'address', 'amount', 'where'],
    rows,
    fit,
  )
  return [
    ...wrap(head, fit),
    `${header}  (→ how to continue)`,
    ...lines.flatMap((line, i) => [
      line,
      ...wrap(`      → ${terminalSafe(cuts[i]?.flag ?? '')}`, fit, 8),
    ]),
    '',
  ]
}

type Books = Pick<
  AssetReconciliation,
  | 'stolen'
  | 'atExchanges'
  | 'atServices'
  | 'atRest'
  | 'returnedToVictim'
  | 'fees'
  | 'unexplored'
  | 'balanced'
  | 'receivedBySwap'
  | 'swapped'
> & { absorbed?: AmountText | undefined }

/**
 * The identity as a verdict line and the sum it rests on:
 * "Reconciliation: stolen 1 BTC — balanced" then "  = exchanges 0.3 + …".
 */
function booksLines(label: string, unit: string, r: Books, fit: Fit): string[] {
  const absorbed =
    r.absorbed && r.absorbed.amountBase !== '0'
      ? ` + absorbed ${r.absorbed.amount}`
      : ''
  const verdict = r.balanced ? 'balanced' : 'DOES NOT BALANCE'
  const bySwap = r.receivedBySwap
    ? ` + received by swap ${r.receivedBySwap.amount}`
    : ''
  const terms = [
    `exchanges ${r.atExchanges.amount}`,
    `services ${r.atServices.amount}`,
    `at rest ${r.atRest.amount}`,
    `returned ${r.returnedToVictim.amount}`,
    `fees ${r.fees.amount}`,
    `unexplored ${r.unexplored.amount}`,
    ...(r.swapped ? [`swapped ${r.swapped.amount}`] : []),
  ]
  const sum = fit.full
    ? [`  = ${terms.join(' + ')}`]
    : joinGreedy(terms, ' + ', WIDTH, '    ', '  = ')
  return [
    `${label}: stolen ${r.stolen.amount}${bySwap}${absorbed} ${unit} — ${verdict}`,
    ...sum,
  ]
}

function reconciliationLines(report: Report, fit: Fit): string[] {
  const unit = terminalSafe(report.asset.symbol)
  return booksLines('Reconciliation', unit, report.reconciliation, fit)
}

/** EVM: one identity per asset other than the headline one. */
function perAssetLines(report: Report, fit: Fit): string[] {
  return (report.reconciliations ?? [])
    .filter(
      (r) =>
        r.asset !== report.asset.symbol ||
        r.contract !== report.asset.contract ||
        (r.chain !== undefined && r.chain !== report.case.chain),
    )
    .flatMap((r) => {
      const unit = terminalSafe(r.asset)
      const on = sharedSymbol(report, r)
        ? ` on ${terminalSafe(r.chain ?? '')}`
        : ''
      return booksLines(`Reconciliation ${unit}${on}`, unit, r, fit)
    })
}
