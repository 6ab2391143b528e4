/**
 * Memoised adapter calls: one request per txid, address or batch per run,
 * whoever asks first.
 */
import type {
  HistoryTx,
  OutSpend,
  UtxoChainAdapter,
  UtxoTx,
} from '../core/types.js'

/** Whether the source answers batched outspends: known after its first batch. */
export type BatchSupport = 'unknown' | 'yes' | 'no'

export type Fetcher = {
  tx(txid: string): Promise<UtxoTx>
  outspends(txid: string): Promise<OutSpend[]>
  /** The tx if it has already arrived, without waiting. */
  settledTx(txid: string): UtxoTx | undefined
  hasOutspends(txid: string): boolean
  /** Whether a batch already asked this tx's outspends (set only at a tx's turn). */
  inBatch(txid: string): boolean
  /** A tx verified from another answer (an address history): never fetched on its own. */
  seed(tx: UtxoTx): void
  /** The address's whole history, or undefined when the source cannot list it in one answer. */
  history(address: string): Promise<HistoryTx[] | undefined>
  /** Asks the outspends of these txs in one request; each is then read with outspends(). */
  outspendsBatch(txids: readonly string[]): void
  batchSupport(): BatchSupport
}

export function createFetcher(
  adapter: UtxoChainAdapter,
  signal: AbortSignal | undefined,
): Fetcher {
  const txs = new Map<string, Promise<UtxoTx>>()
  const outspends = new Map<string, Promise<OutSpend[]>>()
  const batched = new Map<string, Promise<OutSpend[] | undefined>>()
  const histories = new Map<string, Promise<HistoryTx[] | undefined>>()
  const settled = new Map<string, UtxoTx>()
  const options = { signal }
  let support: BatchSupport =
    adapter.getOutspendsBatch === undefined ? 'no' : 'unknown'

  function memo<T>(
    cache: Map<string, Promise<T>>,
    key: string,
    load: () => Promise<T>,
  ): Promise<T> {
    let promise = cache.get(key)
    if (!promise) {
      promise = load()
      // Prefetched calls may fail before anyone awaits them.
      promise.catch(() => {})
      cache.set(key, promise)
    }
    return promise
  }

  /**
   * A tx's share of a batch, when the batch answered it for every output;
   * otherwise its own outspends request, made only once someone needs it.
   */
  async function loadOutspends(txid: string): Promise<OutSpend[]> {
    const fromBatch = await batched.get(txid)
    const outputs = settled.get(txid)?.outputs.length
    if (fromBatch && fromBatch.length === outputs) return fromBatch
    return adapter.getOutspends(txid, options)
  }

  function outspendsBatch(txids: readonly string[]): void {
    const fresh = txids.filter((t) => !batched.has(t))
    if (fresh.length === 0 || support === 'no' || !adapter.getOutspendsBatch)
      return
    const answer = adapter.getOutspendsBatch(fresh, options).then(
      (all) => {
        support = 'yes'
        return all
      },
      (err: unknown) => {
        if (isAbort(err, signal)) throw err
        // A source without the endpoint (404, 400, or a replay of one) says
        // so at its first batch; later failures fall back for their txs only.
        if (support === 'unknown') support = 'no'
        return fresh.map(() => undefined)
      },
    )
    fresh.forEach((txid, i) => {
      const share = answer.then((all) => all[i])
      share.catch(() => {})
      batched.set(txid, share)
    })
  }

  return {
    tx: (txid) =>
      memo(txs, txid, async () => {
        const tx = await adapter.getTx(txid, options)
        settled.set(txid, tx)
        return tx
      }),
    outspends: (txid) => memo(outspends, txid, () => loadOutspends(txid)),
    settledTx: (txid) => settled.get(txid),
    hasOutspends: (txid) => outspends.has(txid) || batched.has(txid),
    seed(tx) {
      if (txs.has(tx.txid)) return
      txs.set(tx.txid, Promise.resolve(tx))
      settled.set(tx.txid, tx)
    },
    history: (address) =>
      memo(histories, address, async () =>
        adapter.getAddressHistory
          ? adapter.getAddressHistory(address, options)
          : undefined,
      ),
    inBatch: (txid) => batched.has(txid),
    outspendsBatch,
    batchSupport: () => support,
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
