/** A Bitcoin walk: Esplora sources, seeds by txid or address, the UTXO engine. */
import { parseUnits } from '../../core/amount.js'
import { UsageError } from '../../core/errors.js'
import type { Seed } from '../../core/seeds.js'
import type { UtxoChainAdapter, UtxoTx } from '../../core/types.js'
import { redactUrl } from '../../sources/redact.js'
import { closeOnFailure } from '../../sources/setup.js'
import { trace as walkUtxo } from '../../trace/engine.js'
import type { ChainModule, WalkOutcome, WalkRequest } from '../types.js'
import { parseBitcoinAddress, parseBitcoinTxSeed } from './address.js'
import { checkEsploraNetwork } from './network.js'
import { type BitcoinStack, createBitcoinStack } from './sources.js'

export const runBitcoin: ChainModule['run'] = async (_chain, request) => {
  const stack = createBitcoinStack(request)
  return closeOnFailure(stack.http, walk(request, stack))
}

async function walk(
  request: WalkRequest,
  stack: BitcoinStack,
): Promise<WalkOutcome> {
  const adapter = request.inspectTx
    ? inspecting(stack.adapter, request.inspectTx)
    : stack.adapter
  // user:pass@ and ?apikey= stay out of the report and messages.
  const shownUrl = redactUrl(stack.esploraUrl, [])
  const seeds = parseSeeds(request)
  const victims = request.victims.map((v) => parseBitcoinAddress(v))
  const minAmount = parseUnits(request.minAmount, adapter.asset.decimals)
  // Only after every input parsed: bad input is exit 2 without a request.
  const unchecked = await checkEsploraNetwork(stack.esplora, {
    shownUrl,
    signal: request.signal,
  })
  const result = await walkUtxo({
    adapter,
    labels: request.labels,
    seeds,
    victims,
    policy: request.policy,
    maxHops: request.maxHops,
    maxNodes: request.maxNodes,
    minAmount,
    ...(request.signal ? { signal: request.signal } : {}),
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
  }).catch((err: unknown) => {
    throw seedNotFound(err, shownUrl)
  })
  const sources = stack.http.stats().map((s) => ({
    baseUrl: shownUrl,
    requests: s.requests,
    cacheHits: s.cacheHits,
    tipHeight: result.tipHeight,
    firstRetrievedAt: s.firstRetrievedAt,
    lastRetrievedAt: s.lastRetrievedAt,
  }))
  return {
    result,
    http: stack.http,
    context: {
      seeds,
      victims,
      minAmount: request.minAmount,
      sources,
      ...(unchecked ? { limitations: [unchecked] } : {}),
    },
  }
}

/**
 * The adapter, with every tx it returns shown to `inspect` first, once. A
 * history carries the spenders of txs already shown, which the walk then
 * reads without asking for them: those are shown too.
 */
function inspecting(
  adapter: UtxoChainAdapter,
  inspect: (tx: UtxoTx) => void,
): UtxoChainAdapter {
  const shown = new Set<string>()
  const show = (tx: UtxoTx) => {
    if (shown.has(tx.txid)) return
    shown.add(tx.txid)
    inspect(tx)
  }
  const { getAddressHistory } = adapter
  return {
    ...adapter,
    getTx: async (txid, options) => {
      const tx = await adapter.getTx(txid, options)
      show(tx)
      return tx
    },
    ...(getAddressHistory && {
      getAddressHistory: async (address, options) => {
        const history = await getAddressHistory(address, options)
        // Oldest first, so a spender of a spender in the same list is shown.
        for (const h of [...(history ?? [])].reverse())
          if (h.tx && h.spends.some((s) => shown.has(s.txid))) show(h.tx)
        return history
      },
    }),
  }
}

function parseSeeds(request: WalkRequest): Seed[] {
  const seeds: Seed[] = request.txs.map((input) => {
    const { txid, vout } = parseBitcoinTxSeed(input)
    return vout === undefined
      ? { kind: 'tx', txid }
      : { kind: 'tx', txid, outputs: [vout] }
  })
  if (request.address)
    seeds.push({
      kind: 'address',
      address: parseBitcoinAddress(request.address.address),
      since: request.address.since,
    })
  if (seeds.length === 0)
    throw new UsageError('nothing to trace: give a tx or an address')
  return seeds
}

/** A seed the source does not know is the user's input, not a tool failure. */
function seedNotFound(err: unknown, url: string): unknown {
  if (err instanceof Error && err.name === 'NotFoundError')
    return new UsageError(
      `seed not found on ${url}: ${err.message.split('\n')[0]}`,
      { cause: err },
    )
  return err
}
