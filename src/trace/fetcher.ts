/** Memoised adapter calls: one request per txid per run, whoever asks first. */
import type { OutSpend, UtxoChainAdapter, UtxoTx } from '../core/types.js'

export type Fetcher = {
  tx(txid: string): Promise<UtxoTx>
  outspends(txid: string): Promise<OutSpend[]>
  /** The tx if it has already arrived, without waiting. */
  settledTx(txid: string): UtxoTx | undefined
  hasOutspends(txid: string): boolean
}

export function createFetcher(
  adapter: UtxoChainAdapter,
  signal: AbortSignal | undefined,
): Fetcher {
  const txs = new Map<string, Promise<UtxoTx>>()
  const outspends = new Map<string, Promise<OutSpend[]>>()
  const settled = new Map<string, UtxoTx>()
  const options = { signal }

  function memo<T>(
    cache: Map<string, Promise<T>>,
    txid: string,
    load: () => Promise<T>,
  ): Promise<T> {
    let promise = cache.get(txid)
    if (!promise) {
      promise = load()
      // Prefetched calls may fail before anyone awaits them.
      promise.catch(() => {})
      cache.set(txid, promise)
    }
    return promise
  }

  return {
    tx: (txid) =>
      memo(txs, txid, async () => {
        const tx = await adapter.getTx(txid, options)
        settled.set(txid, tx)
        return tx
      }),
    outspends: (txid) =>
      memo(outspends, txid, () => adapter.getOutspends(txid, options)),
    settledTx: (txid) => settled.get(txid),
    hasOutspends: (txid) => outspends.has(txid),
  }
}

/** An abort from the caller's signal, as opposed to a failed fetch. */
export function isAbort(err: unknown, signal: AbortSignal | undefined) {
  if (signal?.aborted) return true
  return err instanceof Error && err.name === 'AbortError'
}

/** The one-line reason a fetch failed. */
export function failureDetail(err: unknown): string {
  // A spender the source named a moment ago and now denies: data that lies.
  if (err instanceof Error && err.name === 'NotFoundError')
    return `${failureText(err)} — the source listed this spend but no longer knows the tx (dropped from the mempool or reorganised out); re-run later`
  if (err instanceof Error && err.name === 'IntegrityError')
    return `${failureText(err)} — its JSON disagrees with its raw bytes; not used`
  return failureText(err)
}

function failureText(err: unknown): string {
  if (err instanceof Error)
    return 'shortMessage' in err && typeof err.shortMessage === 'string'
      ? err.shortMessage
      : err.message
  return String(err)
}
