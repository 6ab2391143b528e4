/**
 * java-tron's Ethereum-style JSON-RPC (`<base>/jsonrpc`) as a second source:
 * each tx's receipt, whose TRC-20 logs confirm the FullNode API's. Hex
 * addresses are 20 bytes with 0x; tx hashes are the Tron id with 0x.
 */
import { z } from 'zod'
import { UsageError } from '../../core/errors.js'
import type { AccountTransfer } from '../../core/types.js'
import type { HttpClient } from '../../sources/types.js'
import { isErc20TransferLog } from '../evm/erc20.js'
import { shownUrl, urlSecrets } from '../evm/secrets.js'
import { hexToTron } from './address.js'

/** Tron mainnet's eth_chainId: 728126428. */
export const TRON_CHAIN_ID_HEX = '0x2b6653dc'

const hex = z.string().regex(/^0x[0-9a-fA-F]*$/)
const logSchema = z
  .object({ address: hex, topics: z.array(hex), data: hex })
  .passthrough()
const receiptSchema = z.object({
  jsonrpc: z.literal('2.0'),
  result: z
    .object({ status: hex.optional(), logs: z.array(logSchema) })
    .passthrough()
    .nullable(),
})
const chainIdSchema = z.object({ jsonrpc: z.literal('2.0'), result: hex })

/** A TRC-20 transfer as the receipt states it: contract, from, to, value. */
export type ReceiptTransfer = Pick<AccountTransfer, 'from' | 'to' | 'value'> & {
  contract: string
}

export type TronRpc = {
  readonly shownUrl: string
  /** The receipt's TRC-20 transfers and status; undefined when the node does not know the tx. */
  receipt(
    txid: string,
    signal?: AbortSignal,
  ): Promise<{ ok: boolean; transfers: ReceiptTransfer[] } | undefined>
  /** Throws UsageError when the node serves another chain. */
  checkChain(signal?: AbortSignal): Promise<void>
}

export function createTronRpc(options: {
  url: string
  http: HttpClient
  /** Sent only with `headers`: TronGrid's key goes to TronGrid's own /jsonrpc. */
  headers?: Readonly<Record<string, string>> | undefined
}): TronRpc {
  const { url, http } = options
  const secrets = urlSecrets(url)
  const shown = shownUrl(url)
  const call = <T>(
    method: string,
    params: unknown[],
    schema: z.ZodType<T>,
    signal?: AbortSignal,
  ) =>
    http.request({
      url,
      method: 'POST',
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
      responseType: 'json',
      schema,
      ...(secrets.length > 0 ? { secrets } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
      signal,
    })
  return {
    shownUrl: shown,
    async receipt(txid, signal) {
      const { result } = await call(
        'eth_getTransactionReceipt',
        [`0x${txid}`],
        receiptSchema,
        signal,
      )
      if (!result) return undefined
      return {
        ok: result.status === undefined || BigInt(result.status) === 1n,
        transfers: result.logs.flatMap(receiptTransfer),
      }
    },
    async checkChain(signal) {
      const { result } = await call('eth_chainId', [], chainIdSchema, signal)
      if (BigInt(result) !== BigInt(TRON_CHAIN_ID_HEX))
        throw new UsageError(
          `--rpc-url ${shown} serves chain id ${BigInt(result)}, not Tron (728126428)`,
        )
    },
  }
}

function receiptTransfer(log: z.infer<typeof logSchema>): ReceiptTransfer[] {
  const topics = log.topics as [`0x${string}`, ...`0x${string}`[]]
  if (!isErc20TransferLog({ topics, data: log.data as `0x${string}` }))
    return []
  const [, from = '', to = ''] = log.topics
  return [
    {
      contract: hexToTron(log.address),
      from: hexToTron(from.slice(-40)),
      to: hexToTron(to.slice(-40)),
      value: BigInt(log.data),
    },
  ]
}
