/**
 * The optional thornode cross-check of THORChain swaps matched from chain
 * data. The chain data decides; thornode can confirm a match, dispute it
 * (both hashes are then reported, neither silently picked) or say why a
 * payout is not there yet. Unreachable, it is reported once and dropped.
 */
import { errorLine } from '../../core/errors.js'
import type { SwapEdge } from '../../trace/types.js'
import {
  crossCheck,
  type Thornode,
  type ThornodeView,
  thornodeView,
} from '../thorchain/thornode.js'

export type SwapCheck = {
  /** thornode's view of an inbound; undefined without a thornode, or once it failed. */
  view(inboundHash: string): Promise<ThornodeView | undefined>
}

export function createSwapCheck(
  thornode: Thornode | undefined,
  options: {
    /** The host as reports may show it (no path: it may hold a key). */
    shown: string
    signal?: AbortSignal | undefined
    onLimitation(text: string): void
  },
): SwapCheck {
  if (!thornode) return { view: async () => undefined }
  let down = false
  const asked = new Map<string, Promise<ThornodeView | undefined>>()
  const ask = async (hash: string) => {
    try {
      return thornodeView(await thornode.status(hash, options.signal))
    } catch (err) {
      if (options.signal?.aborted) throw err
      down = true
      options.onLimitation(
        `thornode ${options.shown} could not be read (${errorLine(err)}): THORChain swaps are matched from chain data alone, without its cross-check`,
      )
      return undefined
    }
  }
  return {
    view(hash) {
      if (down) return Promise.resolve(undefined)
      let found = asked.get(hash)
      if (!found) {
        found = ask(hash)
        asked.set(hash, found)
      }
      return found
    },
  }
}

/** thornode's verdict on a matched swap, and the limitation it calls for. */
export function judgeSwap(
  view: ThornodeView,
  swap: Pick<SwapEdge, 'inbound' | 'outbound'>,
): { crossCheck: NonNullable<SwapEdge['crossCheck']>; limitation?: string } {
  const { inbound, outbound } = swap
  const check = crossCheck(view, outbound)
  if (check.verdict === 'agrees')
    return {
      crossCheck: {
        source: 'thornode',
        verdict: 'confirmed',
        detail: `thornode names ${outbound.chain} tx ${outbound.txHash} as the outbound of ${inbound.txHash}`,
      },
    }
  if (check.verdict === 'disputes') {
    const detail = `thornode names ${check.theirs.join(', ')} as the outbound of ${inbound.txHash}; the chain data matched ${outbound.chain} tx ${outbound.txHash} by its memo`
    return {
      crossCheck: { source: 'thornode', verdict: 'disputed', detail },
      limitation: `THORChain swap ${inbound.txHash} is disputed: ${detail}. The chain-data match is kept; check both before relying on it`,
    }
  }
  return {
    crossCheck: {
      source: 'thornode',
      verdict: 'unconfirmed',
      detail: check.note,
    },
  }
}
