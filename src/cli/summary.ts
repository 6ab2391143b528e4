/** The short human summary printed after a trace: hits, funds at rest, what was left and why. */

import { terminalSafe } from '../core/text-safety.js'
import { buildAlerts } from '../report/attribution.js'
import { isUtxoChain, restWord } from '../report/chain-model.js'
import type { Hit, Report } from '../report/types.js'

export function formatSummary(report: Report, outDir?: string): string {
  const unit = terminalSafe(report.asset.symbol)
  const r = report.reconciliation
  // Sanctions and hacks come first, above everything an officer might skim.
  const lines: string[] = (report.alerts ?? buildAlerts(report)).map(
    (a) => `!! ${terminalSafe(a.message)}`,
  )
  if (lines.length > 0) lines.push('')
  lines.push(
    `fundtrace ${report.tool.version} · ${report.case.chain} · policy ${report.policy.name} · ${report.status}`,
    `Traced ${stolenText(report)} stolen across ${report.stats.txs} txs (${report.stats.hops} hops, ${report.stats.requests} requests).`,
    ...swapLines(report),
    ...report.heuristics
      .filter((h) => h.rule.endsWith('-warning'))
      .map((h) => `Warning: ${terminalSafe(h.detail)}`),
    '',
  )
  lines.push(...hitsSection(report), '')
  lines.push(...atRestSection(report), '')
  lines.push(...unexploredSection(report), '')
  lines.push(...cutsSection(report))
  lines.push(
    ...perAssetLines(report),
    `Reconciliation: stolen ${r.stolen.amount}${r.receivedBySwap ? ` + received by swap ${r.receivedBySwap.amount}` : ''}${r.absorbed.amountBase !== '0' ? ` + absorbed ${r.absorbed.amount}` : ''} = exchanges ${r.atExchanges.amount} + services ${r.atServices.amount} + at rest ${r.atRest.amount} + returned ${r.returnedToVictim.amount} + fees ${r.fees.amount} + unexplored ${r.unexplored.amount}${r.swapped ? ` + swapped ${r.swapped.amount}` : ''} ${unit} — ${r.balanced ? 'balanced' : 'DOES NOT BALANCE'}`,
  )
  for (const note of report.limitations ?? [])
    lines.push(`Limitation: ${terminalSafe(note)}`)
  if (outDir) lines.push(`Report written to ${terminalSafe(outDir)}`)
  return `${lines.join('\n')}\n`
}

/** What the stolen funds became through swaps, and each swap with both hashes. */
function swapLines(report: Report): string[] {
  const swaps = report.swaps ?? []
  if (swaps.length === 0) return []
  const became = [
    ...new Set(
      swaps.map(
        (s) =>
          `${terminalSafe(s.outbound.asset)} on ${terminalSafe(s.outbound.chain)}`,
      ),
    ),
  ]
  return [
    `It became ${became.join(', ')} through ${swaps.length} THORChain swap${swaps.length > 1 ? 's' : ''}:`,
    ...swaps.map(
      (s) =>
        `  ${s.inbound.amount} ${terminalSafe(s.inbound.asset)} ${s.inbound.chain} ${s.inbound.txHash} → ${s.outbound.amount} ${terminalSafe(s.outbound.asset)} ${s.outbound.chain} ${s.outbound.txHash} (${s.match}; memo ${terminalSafe(s.memo)})`,
    ),
  ]
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

function hitsSection(report: Report): string[] {
  if (report.hits.length === 0) return ['No exchange deposit reached.']
  const rows = report.hits.map((h) => [
    terminalSafe(h.entity) + (h.flags.length ? ` [${h.flags.join(',')}]` : ''),
    h.address,
    `${h.amount} ${terminalSafe(h.asset)}`,
    h.txHashes[0] ?? '',
    h.firstSeen ?? 'unconfirmed',
    `${h.attribution} (${h.confidence}${h.conflict ? ', conflicting labels' : ''})`,
  ])
  return [
    `Exchange hits (${report.hits.length}) — send a freeze request to each:`,
    ...table(
      [
        'entity',
        'deposit address',
        'amount',
        'tx',
        'time (UTC)',
        'attribution',
      ],
      rows,
    ),
    ...report.hits.flatMap(basisLines),
  ]
}

/** Every label and heuristic behind a hit, side by side. */
function basisLines(hit: Hit): string[] {
  const basis = hit.basis ?? hit.labels.map((l) => ({ ...l, kind: 'label' }))
  if (basis.length === 0) return []
  const lines = [`  ${hit.address} — attributed on:`]
  if (hit.conflict) lines.push(`    !! ${terminalSafe(hit.conflict.note)}`)
  for (const b of basis)
    lines.push(
      `    ${b.confidence.padEnd(8)} ${b.kind === 'heuristic' ? 'heuristic' : 'label    '} ${terminalSafe(b.entity)} (${terminalSafe(b.category)})${'address' in b && b.address && b.address !== hit.address ? ` on ${b.address}` : ''}  source: ${terminalSafe(b.source)}${b.retrieved ? `  retrieved ${terminalSafe(b.retrieved)}` : ''}`,
    )
  return lines
}

function atRestSection(report: Report): string[] {
  if (report.atRest.length === 0) return ['No funds at rest.']
  const rows = report.atRest.map((a) => [
    a.address ?? '(no address: P2PK or bare script)',
    `${a.amount} ${terminalSafe(a.asset)}`,
    `${a.txHash}:${a.outputIndex}`,
    `block ${a.asOfBlock}`,
  ])
  const utxo = isUtxoChain(report.case.chain)
  return [
    `Funds at rest (${report.atRest.length}), ${restWord(report.case.chain)} as of the tip:`,
    ...table(
      ['address', 'amount', utxo ? 'output' : 'last tainted inflow', 'as of'],
      rows,
    ),
  ]
}

function unexploredSection(report: Report): string[] {
  if (report.unexplored.length === 0) return ['Nothing left unexplored.']
  const rows = report.unexplored.map((u) => [
    u.reason,
    `${u.amount} ${terminalSafe(u.asset)}`,
    `${u.txHash}:${u.outputIndex}`,
    terminalSafe(u.detail),
  ])
  return [
    `Not followed further (${report.unexplored.length}):`,
    ...table(['why', 'amount', 'output', 'detail'], rows),
  ]
}

/** What cut the trail and how to continue it; nothing when the trail is whole. */
function cutsSection(report: Report): string[] {
  const cuts = report.cuts ?? []
  if (cuts.length === 0) return []
  const rows = cuts.map((c) => [
    c.reason,
    c.address ?? '(no address)',
    `${c.amount} ${terminalSafe(c.asset)}`,
    `hop ${c.hops}`,
    terminalSafe(c.flag),
  ])
  const head =
    report.status === 'complete'
      ? `Dust left below --min-amount (${cuts.length}); the trace is complete:`
      : `INCOMPLETE: the trail was cut (${cuts.length}); these amounts are not accounted for:`
  return [
    head,
    ...table(['cut by', 'address', 'amount', 'where', 'to continue'], rows),
    '',
  ]
}

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)),
  )
  const fmt = (cells: string[]) =>
    `  ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd()
  return [fmt(header), ...rows.map(fmt)]
}

/** EVM: one line per asset other than the headline one. */
function perAssetLines(report: Report): string[] {
  return (report.reconciliations ?? [])
    .filter(
      (r) =>
        r.asset !== report.asset.symbol || r.contract !== report.asset.contract,
    )
    .map(
      (r) =>
        `Reconciliation ${terminalSafe(r.asset)}: stolen ${r.stolen.amount}${r.receivedBySwap ? ` + received by swap ${r.receivedBySwap.amount}` : ''} = exchanges ${r.atExchanges.amount} + services ${r.atServices.amount} + at rest ${r.atRest.amount} + returned ${r.returnedToVictim.amount} + fees ${r.fees.amount} + unexplored ${r.unexplored.amount}${r.swapped ? ` + swapped ${r.swapped.amount}` : ''} — ${r.balanced ? 'balanced' : 'DOES NOT BALANCE'}`,
    )
}
