/** Reads one address and runs the policy over its ledger, pushing taint on. */
import { errorLine, TooManyTransfersError } from '../../core/errors.js'
import type { AccountTransfer } from '../../core/types.js'
import { buildLedgers, edgeKey } from './ledger.js'
import { type LedgerResult, ledgerPolicies } from './policies.js'
import { addInflow, type Inflow, skip, type WalkState } from './state.js'

/** Reads the address (once), runs the policy, pushes outflow taint; returns recipients whose taint changed. */
export async function evaluate(
  state: WalkState,
  address: string,
): Promise<string[]> {
  const transfers = await history(state, address)
  if (!transfers) return []
  const parties = counterparties(address, transfers)
  if (parties > threshold(state)) {
    const count = `${parties} counterparties, over the ${threshold(state)} threshold`
    skip(state, address, 'likely-service', overThreshold(count))
    return []
  }
  state.skipped.delete(address)
  const inflows = state.incoming.get(address) ?? new Map<string, Inflow>()
  const ledgers = buildLedgers(
    address,
    transfers,
    (t) => inflows.get(edgeKey(t))?.ranges ?? [],
  )
  const policy = ledgerPolicies[state.options.policy]
  const results = new Map<string, LedgerResult>()
  const changed = new Set<string>()
  const hop = (state.hop.get(address) ?? 1) + 1
  const byKey = new Map(transfers.map((t) => [edgeKey(t), t]))
  for (const [asset, ledger] of ledgers) {
    const result = policy(ledger.entries)
    results.set(asset, result)
    for (const [key, out] of result.outs) {
      const t = byKey.get(key)
      if (!t) continue
      const hadTaint = state.incoming.get(t.to)?.has(key) ?? false
      if (out.taint === 0n && !hadTaint) continue
      if (addInflow(state, t, out.ranges, hop)) changed.add(t.to)
    }
  }
  state.evaluated.set(address, results)
  return [...changed]
}

const threshold = (state: WalkState) => state.options.serviceThreshold ?? 1000

/**
 * A service deals with many people; anyone can send one address a thousand
 * worthless transfers in one tx. So the source reads well past the threshold
 * and only counterparties of value-bearing transfers count. The source has
 * already dropped zero-value moves and impostor tokens.
 */
const READ_FACTOR = 10

/** Distinct addresses that moved value to or from `address`. */
export function counterparties(
  address: string,
  transfers: readonly AccountTransfer[],
): number {
  const parties = new Set<string>()
  for (const t of transfers)
    if (t.value > 0n) parties.add(t.from === address ? t.to : t.from)
  parties.delete(address)
  return parties.size
}
const overThreshold = (what: string) =>
  `${what} (raise it with --service-threshold to follow)`

/**
 * Tainted inflows no source lists: a WETH wrap's token side is read off its
 * `Deposit` event, which no Transfer log or token list shows.
 */
function unlisted(
  inflows: readonly Inflow[],
  list: readonly AccountTransfer[],
): AccountTransfer[] {
  const same = (a: AccountTransfer, b: AccountTransfer) =>
    a.txHash === b.txHash &&
    a.kind === b.kind &&
    a.asset.contract?.toLowerCase() === b.asset.contract?.toLowerCase() &&
    a.from === b.from &&
    a.to === b.to &&
    a.value === b.value
  return inflows
    .map((i) => i.transfer)
    .filter((t) => !list.some((x) => same(x, t)))
}

/** Address history plus the transfers of its inflow txs the history did not list (same-tx forwarding). */
async function history(
  state: WalkState,
  address: string,
): Promise<AccountTransfer[] | undefined> {
  const { adapter } = state.options
  const inflows = [...(state.incoming.get(address)?.values() ?? [])]
  const first = Math.min(...inflows.map((i) => i.transfer.block.height))
  const fromBlock = state.options.fullHistory === false ? first : 0
  let list = state.history.get(address)
  try {
    if (!list) {
      list = await adapter.getAddressTransfers(address, {
        fromBlock,
        signal: state.options.signal,
        maxTransfers: threshold(state) * READ_FACTOR,
      })
      state.history.set(address, list)
    }
    const listed = new Set(list.map((t) => t.txHash))
    const extra: AccountTransfer[] = []
    for (const { transfer } of inflows) {
      if (listed.has(transfer.txHash)) continue
      listed.add(transfer.txHash)
      const same = await adapter.getTxTransfers(transfer.txHash, {
        signal: state.options.signal,
      })
      extra.push(...same.filter((t) => t.from === address || t.to === address))
    }
    extra.push(...unlisted(inflows, [...list, ...extra]))
    if (extra.length > 0) {
      list = [...list, ...extra]
      state.history.set(address, list)
    }
    return list
  } catch (err) {
    if (state.options.signal?.aborted) throw err
    if (err instanceof TooManyTransfersError)
      skip(
        state,
        address,
        'likely-service',
        overThreshold(
          `over the ${err.limit} transfers threshold, reading stopped there`,
        ),
      )
    else skip(state, address, 'fetch-failed', errorLine(err, 'fetch failed'))
    return undefined
  }
}
