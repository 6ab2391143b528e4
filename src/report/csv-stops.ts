/** at-rest.csv and unexplored.csv: where the trace stopped short of a venue. */
import { toCsv } from './csv-cell.js'
import { whoCanFreeze } from './html/derive-freeze.js'
import type { Report } from './types.js'

export function atRestCsv(report: Report): string {
  const header = [
    'chain',
    'asset',
    'contract',
    'address',
    'tx_hash',
    'output_index',
    'value',
    'traced',
    'traced_base',
    'as_of_block',
    'hops',
    'who_can_freeze',
  ]
  const rows = report.atRest.map((r) => [
    r.chain,
    r.asset,
    r.contract,
    r.address,
    r.txHash,
    r.outputIndex,
    r.value,
    r.amount,
    r.amountBase,
    r.asOfBlock,
    r.hops,
    whoCanFreeze(report, r),
  ])
  return toCsv(header, rows)
}

export function unexploredCsv(report: Report): string {
  const header = [
    'chain',
    'asset',
    'contract',
    'address',
    'tx_hash',
    'output_index',
    'reason',
    'detail',
    'entity',
    'category',
    'traced',
    'traced_base',
    'hops',
  ]
  const rows = report.unexplored.map((u) => [
    u.chain,
    u.asset,
    u.contract,
    u.address,
    u.txHash,
    u.outputIndex,
    u.reason,
    u.detail,
    u.entity,
    u.category,
    u.amount,
    u.amountBase,
    u.hops,
  ])
  return toCsv(header, rows)
}
