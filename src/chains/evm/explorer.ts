/** Address history and single txs from an Etherscan-shaped explorer alone. */
import {
  formatBlock,
  formatTransaction,
  formatTransactionReceipt,
  type Log,
  type RpcBlock,
  type RpcTransaction,
  type RpcTransactionReceipt,
} from 'viem'
import { NotFoundError } from '../../sources/errors.js'
import type { EvmChain } from './chains.js'
import { isErc20TransferLog } from './erc20.js'
import type { EtherscanSource } from './etherscan.js'
import type { Focus } from './focus.js'
import { outcomeOfStatus, txOutcome } from './outcome.js'
import {
  fromInternalRow,
  fromRpcTx,
  fromTokenRow,
  fromTxRow,
  type TokenInfo,
  tokenDecimals,
} from './rows.js'
import type { EvmTransfer } from './types.js'

type Opts = {
  fromBlock: number
  signal?: AbortSignal | undefined
  maxRows?: number | undefined
  /** Only these assets matter: skip the lists that cannot hold them. */
  focus?: Focus | undefined
}

/**
 * txlist + txlistinternal + tokentx from `fromBlock`: three requests; under
 * a focus without the native coin, tokentx alone. tokentx is not narrowed
 * with `contractaddress=`: that saves no request, and the other rows show
 * the fake tokens (address poisoning) the report lists as filtered.
 */
export async function explorerAddressTransfers(
  chain: EvmChain,
  explorer: EtherscanSource,
  address: string,
  opts: Opts,
): Promise<EvmTransfer[]> {
  const list = {
    startBlock: opts.fromBlock,
    signal: opts.signal,
    maxRows: opts.maxRows,
  }
  const wantNative = opts.focus?.native ?? true
  const wantTokens = opts.focus ? opts.focus.tokens.size > 0 : true
  const [txs, internal, tokens] = await Promise.all([
    wantNative ? explorer.txlist(address, list) : [],
    wantNative ? explorer.txlistinternal(address, list) : [],
    wantTokens ? explorer.tokentx(address, list) : [],
  ])
  const native = txs.map((row) => fromTxRow(chain, row))
  const txIndex = new Map(native.map((t) => [t.txHash, t.txIndex]))
  const erc20 = tokens.map((row, i) => fromTokenRow(chain, row, i))
  for (const t of erc20) if (t.txIndex >= 0) txIndex.set(t.txHash, t.txIndex)
  for (const t of erc20) t.txIndex = txIndex.get(t.txHash) ?? t.txIndex
  const calls = internal
    .map((row, i) => fromInternalRow(chain, row, i))
    .filter((t): t is EvmTransfer => t !== undefined)
  for (const t of calls) t.txIndex = txIndex.get(t.txHash) ?? -1
  return [...native, ...calls, ...erc20]
}

/** One tx through the explorer's JSON-RPC proxy, plus its internal list. */
export async function explorerTxTransfers(
  chain: EvmChain,
  explorer: EtherscanSource,
  hash: string,
  opts: { signal?: AbortSignal | undefined } = {},
): Promise<EvmTransfer[]> {
  const [rawTx, rawReceipt] = await Promise.all([
    explorer.proxy('eth_getTransactionByHash', { txhash: hash }, opts),
    explorer.proxy('eth_getTransactionReceipt', { txhash: hash }, opts),
  ])
  if (!rawTx || !rawReceipt)
    throw new NotFoundError({ url: `${explorer.baseUrl} tx ${hash}` })
  const tx = formatTransaction(rawTx as RpcTransaction)
  const receipt = formatTransactionReceipt(rawReceipt as RpcTransactionReceipt)
  // Receipts before Byzantium have no status: the explorer's trace decides.
  const outcome =
    (receipt.status as string | null) === null
      ? outcomeOfStatus((await explorer.txStatus(hash, opts)).isError)
      : txOutcome(receipt, tx)
  const rawBlock = await explorer.proxy(
    'eth_getBlockByNumber',
    { tag: `0x${receipt.blockNumber.toString(16)}`, boolean: 'false' },
    opts,
  )
  const block = formatBlock(rawBlock as RpcBlock)
  const rows = await explorer.txlistinternalByHash(hash, opts)
  const internal = rows
    .map((row, i) => fromInternalRow(chain, row, i))
    .filter((t): t is EvmTransfer => t !== undefined)
    .map((t) => ({
      from: t.from,
      to: t.to,
      value: t.value,
      position: t.logIndex,
      type: 'CALL',
    }))
  const tokens = await tokenInfoFor(
    explorer,
    receipt.logs,
    Number(receipt.blockNumber),
    opts,
  )
  return fromRpcTx({
    chain,
    tx,
    receipt,
    block: {
      height: Number(receipt.blockNumber),
      time: Number(block.timestamp),
    },
    internal,
    tokens,
    outcome,
  })
}

/** Symbol and decimals of each token in the logs, from the sender's tokentx at that block. */
async function tokenInfoFor(
  explorer: EtherscanSource,
  logs: readonly Log[],
  block: number,
  opts: { signal?: AbortSignal | undefined },
): Promise<Map<string, TokenInfo>> {
  const info = new Map<string, TokenInfo>()
  for (const log of logs) {
    const contract = log.address.toLowerCase()
    const fromTopic = log.topics[1]
    if (info.has(contract) || !isErc20TransferLog(log) || !fromTopic) continue
    const from = `0x${fromTopic.slice(-40)}`
    const rows = await explorer.tokentx(from, {
      startBlock: block,
      endBlock: block,
      contractAddress: contract,
      signal: opts.signal,
    })
    const row = rows[0]
    if (row)
      info.set(contract, {
        symbol: row.tokenSymbol,
        decimals: tokenDecimals(row.tokenDecimal),
      })
  }
  return info
}
