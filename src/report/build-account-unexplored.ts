/** Unexplored rows of an account report: addresses skipped, and stops not followed. */
import type { Asset } from '../core/types.js'
import type { AccountStop, AccountWalkResult } from '../trace/account/types.js'
import { text, withContract } from './build-account-recon.js'
import { type Inflows, positionOf } from './build-account-rows.js'
import type { Unexplored } from './types.js'

type Pending = { address: string; asset: Asset; amount: bigint; hop: number }
type RowDetail = Pick<Unexplored, 'reason' | 'detail'> & Partial<Unexplored>

export function unexploredRows(
  result: AccountWalkResult,
  chain: string,
  inflows: Inflows,
): Unexplored[] {
  const row = (u: Pending, rest: RowDetail) =>
    unexploredRow(u, rest, chain, inflows)
  const skipped = result.unexplored
    .filter((u) => u.amount > 0n || u.reason === 'fetch-failed')
    .map((u) =>
      u.reason === 'likely-service'
        ? row(u, {
            reason: 'service',
            category: 'likely-service',
            detail: u.detail,
          })
        : row(u, { reason: u.reason, detail: u.detail }),
    )
  const stops = result.stops
    .filter((s) => s.amount > 0n)
    .map((s) =>
      s.reason === 'victim'
        ? row(s, { reason: 'victim', detail: 'returned to a victim address' })
        : row(s, {
            reason: 'service',
            category: s.reason,
            detail: stopDetail(s),
            ...(s.entity ? { entity: s.entity } : {}),
          }),
    )
  return [...skipped, ...stops]
}

/** Names the latest tainted inflow into the address. */
function unexploredRow(
  u: Pending,
  rest: RowDetail,
  chain: string,
  inflows: Inflows,
): Unexplored {
  const last = inflows(u.address, u.asset).at(-1)
  return withContract(
    {
      ...text(u.amount, u.asset),
      chain,
      asset: u.asset.symbol,
      address: u.address,
      txHash: last?.txHash ?? '-',
      outputIndex: last ? positionOf(last) : 0,
      hops: u.hop,
      ...rest,
    },
    u.asset,
  )
}

function stopDetail(s: AccountStop): string {
  return `${s.reason}${s.entity ? `: ${s.entity}` : ''}${s.flags.length ? ` [${s.flags.join(',')}]` : ''}; not followed through`
}
