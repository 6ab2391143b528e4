/**
 * The node's own chain, asked once per --rpc-url before any trace work: a
 * `--chain ethereum` trace against a BSC or local node would otherwise write
 * an "ethereum" report with etherscan.io links. The answer is evidence like
 * any other, so a replay checks the recorded one the same way.
 */
import { UsageError } from '../../core/errors.js'
import type { HttpClient } from '../../sources/types.js'
import { type EvmChain, findEvmChain } from './chains.js'
import { createJsonRpcSend } from './jsonrpc.js'
import { isReplayMiss, isUnsupported } from './rpc-errors.js'
import { shownUrl } from './secrets.js'

export type ChainIdCheck = {
  http: HttpClient
  urls: readonly string[]
  chain: EvmChain
  signal?: AbortSignal | undefined
  /**
   * The source was named for a chain the trace crossed to (`--rpc-url
   * ethereum=URL`), not given with --chain: the refusal says so.
   */
  named?: boolean | undefined
}

/**
 * Throws UsageError (exit 2) naming both ids when a node serves another
 * chain; returns limitations for nodes whose chain could not be asked.
 */
export async function checkRpcChainIds(check: ChainIdCheck): Promise<string[]> {
  const limitations: string[] = []
  for (const url of new Set(check.urls)) {
    const send = createJsonRpcSend(check.http, url, check.signal)
    const host = shownUrl(url)
    let answer: unknown
    try {
      answer = await send('eth_chainId', [])
    } catch (err) {
      const note = unaskedNote(err, host)
      if (!note) throw err
      limitations.push(note)
      continue
    }
    const found = parseChainId(answer)
    if (found !== check.chain.chainId)
      throw chainMismatch(
        `--rpc-url ${check.named ? `${check.chain.name}=` : ''}${host}`,
        found,
        check.chain,
        check.named,
      )
  }
  return limitations
}

/**
 * A Blockscout instance serves one chain and takes no chainid: its JSON-RPC
 * twin (`<api>/eth-rpc`) is asked eth_chainId once. Etherscan v2 needs no
 * check: the chainid sent picks the chain. Anything but a mismatch (an
 * instance without the endpoint, an outage) leaves the explorer unchecked,
 * said in a limitation: its rows are confirmed by the node where there is one.
 */
export async function checkExplorerChainId(
  check: Omit<ChainIdCheck, 'urls'> & { explorerUrl: string },
): Promise<string[]> {
  const send = createJsonRpcSend(
    check.http,
    `${check.explorerUrl}/eth-rpc`,
    check.signal,
  )
  const host = new URL(check.explorerUrl).origin
  let answer: unknown
  try {
    answer = await send('eth_chainId', [])
  } catch (err) {
    if (check.signal?.aborted) throw err
    return [
      `the explorer ${host} did not tell its chain (eth_chainId at /eth-rpc): it was not verified`,
    ]
  }
  const found = parseChainId(answer)
  if (found !== check.chain.chainId)
    throw chainMismatch(
      `--explorer-url ${check.named ? `${check.chain.name}=` : ''}${host}`,
      found,
      check.chain,
      check.named,
    )
  return []
}

/** Why a node's chain went unchecked, or undefined when the error is a real failure. */
function unaskedNote(err: unknown, host: string): string | undefined {
  if (isReplayMiss(err))
    return `the replayed evidence holds no eth_chainId answer from ${host} (recorded before fundtrace checked it): the node's chain was not verified`
  if (isUnsupported(err))
    return `${host} does not answer eth_chainId: the node's chain was not verified`
  return undefined
}

/** `0x1` → 1; anything else is not a chain id. */
export function parseChainId(answer: unknown): number | null {
  if (typeof answer !== 'string' || !/^0x[0-9a-f]+$/i.test(answer)) return null
  const id = Number(BigInt(answer))
  return Number.isSafeInteger(id) ? id : null
}

/**
 * `source`: the flag and host, "--rpc-url http://127.0.0.1:8545". A `named`
 * source's chain came with its URL, so --chain is no way out.
 */
export function chainMismatch(
  source: string,
  found: number | null,
  chain: EvmChain,
  named = false,
): UsageError {
  const given = `chain ${chain.chainId} (${chain.name})`
  if (found === null)
    return new UsageError(
      named
        ? `${source} gave no valid chain id for eth_chainId; ${chain.name} is ${given}`
        : `${source} gave no valid chain id for eth_chainId; --chain says ${given}`,
    )
  const name = findEvmChain(String(found))?.name ?? 'unknown to fundtrace'
  return new UsageError(
    named
      ? `${source} serves chain ${found} (${name}), not ${given}: give ${chain.name}= a source of ${chain.name}`
      : `${source} serves chain ${found} (${name}), but --chain says ${given}: give a source of ${chain.name}, or --chain ${found}`,
  )
}
