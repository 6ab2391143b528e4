/**
 * The Tron adapter: TronGrid's lists find the txs that touch an address, the
 * FullNode API gives each tx's truth (result, fee, logs, internal transfers).
 * Addresses are `T…` throughout, so labels and reports read as users do.
 */
import { TooManyTransfersError } from '../../core/errors.js'
import type { AccountChainAdapter, AccountTransfer } from '../../core/types.js'
import { compareTransfers, validDecimals } from '../evm/rows.js'
import type { FilteredTransfer } from '../evm/types.js'
import { hexToTron, parseTronAddress, parseTronTxid } from './address.js'
import type { TronRpc } from './jsonrpc.js'
import { confirmByRpc } from './rpc-check.js'
import { succeeded, type TokenInfo, TRX, tronTransfers } from './transfers.js'
import type { ListedTx, TronGridSource } from './trongrid.js'
import type { Trc20Row, TronTx, TronTxInfo } from './trongrid.schema.js'
import { TronIntegrityError, verifyTronTx } from './verify.js'

/** Canonical Tron stablecoins: a token elsewhere with one of these symbols is an impostor. */
export const TRON_TOKENS: Readonly<
  Record<string, TokenInfo & { contract: string }>
> = {
  USDT: {
    symbol: 'USDT',
    decimals: 6,
    contract: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t',
  },
  USDC: {
    symbol: 'USDC',
    decimals: 6,
    contract: 'TEkxiTehnzSmSe2XqrBj4w32RUN966rdz8',
  },
}

export type TronAdapter = AccountChainAdapter & {
  filtered(): readonly FilteredTransfer[]
}

const TRONSCAN = 'https://tronscan.org/#'

export function createTronAdapter(
  source: TronGridSource,
  rpc?: TronRpc,
): TronAdapter {
  const tokens = new Map<string, TokenInfo>(
    Object.values(TRON_TOKENS).map((t) => [t.contract, t]),
  )
  const canonical = new Set(tokens.keys())
  const blockTimes = new Map<number, number>()
  const txCache = new Map<string, Promise<[TronTx, TronTxInfo]>>()
  const distrusted = new Set<string>()
  const filtered = new Map<string, FilteredTransfer>()
  const limitations: string[] = []

  const keep = (list: AccountTransfer[]): AccountTransfer[] =>
    list.filter((t) => {
      const reason = filterReason(t)
      if (!reason) return true
      filtered.set(`${t.txHash}:${t.kind}:${t.logIndex}`, {
        transfer: t,
        reason,
      })
      return false
    })

  const fetchTx = (txid: string, signal?: AbortSignal) => {
    let found = txCache.get(txid)
    if (!found) {
      found = Promise.all([
        source.tx(txid, { signal }),
        source.txInfo(txid, { signal }),
      ])
      found.catch(() => txCache.delete(txid))
      txCache.set(txid, found)
    }
    return found
  }

  /** The tx's transfers, once its answers agree with its raw bytes, each other and its list row. */
  const read = async (
    txid: string,
    signal?: AbortSignal,
    listed?: ListedTx,
  ): Promise<AccountTransfer[]> => {
    const [tx, info] = await fetchTx(txid, signal)
    try {
      verifyTronTx(txid, tx, info, listed)
    } catch (err) {
      throw distrust(err)
    }
    blockTimes.set(info.blockNumber, info.blockTimeStamp)
    const transfers = tronTransfers(tx, info, (c) => tokens.get(c))
    if (rpc)
      await confirmByRpc(
        rpc,
        txid,
        succeeded(tx, info),
        transfers,
        signal,
      ).catch((err: unknown) => {
        throw distrust(err)
      })
    return transfers
  }

  const distrust = (err: unknown): unknown => {
    if (err instanceof TronIntegrityError && !distrusted.has(err.txid)) {
      distrusted.add(err.txid)
      limitations.push(
        `discrepancy: ${err.shortMessage}; the tx was not used and the address reading it is unexplored`,
      )
    }
    return err
  }

  /** A canonical token's transfer the REST list reports must be in the node's logs, to the unit. */
  const confirmListed = (row: Trc20Row, transfers: AccountTransfer[]) => {
    const { address: contract, symbol } = row.token_info
    if (!canonical.has(contract)) return
    const [from, to] = [asTron(row.from), asTron(row.to)]
    const value = BigInt(row.value)
    const found = transfers.some(
      (t) =>
        t.kind === 'erc20' &&
        t.asset.contract === contract &&
        t.from === from &&
        t.to === to &&
        t.value === value,
    )
    if (!found)
      throw distrust(
        new TronIntegrityError(row.transaction_id.toLowerCase(), [
          `the REST list's ${symbol} transfer of ${value} base units from ${from} to ${to} is not in its logs`,
        ]),
      )
  }

  return {
    model: 'account',
    chain: 'tron',
    chainId: 728126428,
    asset: TRX,
    explorer: {
      tx: (hash) => `${TRONSCAN}/transaction/${hash}`,
      address: (address) => `${TRONSCAN}/address/${address}`,
    },
    limitations,
    parseAddress: parseTronAddress,
    parseTxid: parseTronTxid,
    filtered: () => [...filtered.values()],
    getTxTransfers: async (txHash, o) =>
      keep(await read(parseTronTxid(txHash), o?.signal)),
    async getAddressTransfers(address, o) {
      const who = parseTronAddress(address)
      const since = blockTimes.get(o.fromBlock) ?? 0
      const [rows, listed] = await Promise.all([
        source.trc20(who, since, o),
        source.txs(who, since, o),
      ])
      // The list names other tokens; a canonical token's facts are our own.
      for (const row of rows)
        if (!canonical.has(row.token_info.address))
          tokens.set(row.token_info.address, {
            symbol: row.token_info.symbol,
            decimals: row.token_info.decimals,
          })
      const rowOf = new Map(listed.map((t) => [t.id, t]))
      const hashes = [
        ...new Set([
          ...rows.map((r) => r.transaction_id.toLowerCase()),
          ...rowOf.keys(),
        ]),
      ]
      if (o.maxTransfers !== undefined && hashes.length > o.maxTransfers)
        throw new TooManyTransfersError(o.maxTransfers, `the txs of ${who}`)
      const lists = await Promise.all(
        hashes.map((h) => read(h, o.signal, rowOf.get(h))),
      )
      const byHash = new Map(hashes.map((h, i) => [h, lists[i] ?? []]))
      for (const row of rows)
        confirmListed(row, byHash.get(row.transaction_id.toLowerCase()) ?? [])
      return keep(
        lists
          .flat()
          .filter(
            (t) =>
              (t.from === who || t.to === who) && t.block.height >= o.fromBlock,
          ),
      ).sort(compareTransfers)
    },
    getTipHeight: (o) => source.tip(o),
  }
}

/** The list writes Base58 or hex; anything else matches nothing. */
function asTron(address: string): string {
  try {
    return address.startsWith('T')
      ? parseTronAddress(address)
      : hexToTron(address)
  } catch {
    return ''
  }
}

function filterReason(
  t: AccountTransfer,
): FilteredTransfer['reason'] | undefined {
  if (t.kind === 'native') return undefined
  if (t.value === 0n) return 'zero-value'
  const { decimals, symbol, contract } = t.asset
  if (!validDecimals(decimals)) return 'invalid-decimals'
  const canonical = TRON_TOKENS[symbol.toUpperCase()]
  if (canonical && canonical.contract !== contract) return 'impostor-token'
  return undefined
}
