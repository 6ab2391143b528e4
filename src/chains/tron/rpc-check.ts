/**
 * The second source's word on a tx: its JSON-RPC receipt must state the same
 * result and the same TRC-20 transfers (token, from, to, value) as the
 * FullNode API. Two answers from the chain that disagree are not believed.
 */
import type { AccountTransfer } from '../../core/types.js'
import type { ReceiptTransfer, TronRpc } from './jsonrpc.js'
import { TronIntegrityError } from './verify.js'

const key = (t: ReceiptTransfer) => `${t.contract} ${t.from} ${t.to} ${t.value}`

/** Throws TronIntegrityError naming each difference. */
export async function confirmByRpc(
  rpc: TronRpc,
  txid: string,
  ok: boolean,
  transfers: readonly AccountTransfer[],
  signal?: AbortSignal,
): Promise<void> {
  const receipt = await rpc.receipt(txid, signal)
  if (!receipt)
    throw new TronIntegrityError(txid, [
      `the JSON-RPC node ${rpc.shownUrl} does not know it`,
    ])
  const problems: string[] = []
  if (receipt.ok !== ok)
    problems.push(
      `result: the FullNode API says ${ok ? 'SUCCESS' : 'failed'}, the JSON-RPC receipt ${receipt.ok ? 'SUCCESS' : 'failed'}`,
    )
  const remaining = receipt.transfers.map(key)
  for (const t of transfers) {
    if (t.kind !== 'erc20') continue
    const k = key({ ...t, contract: t.asset.contract ?? '' })
    const at = remaining.indexOf(k)
    if (at >= 0) remaining.splice(at, 1)
    else
      problems.push(
        `the FullNode API's transfer ${k} is not in the JSON-RPC receipt`,
      )
  }
  for (const k of remaining)
    problems.push(
      `the JSON-RPC receipt's transfer ${k} is not in the FullNode API's logs`,
    )
  if (problems.length > 0) throw new TronIntegrityError(txid, problems)
}
