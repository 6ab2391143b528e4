/**
 * THORNode's word on a swap, as a cross-check of what fundtrace read off the
 * chains: `GET /thorchain/tx/status/<inbound hash>` names the outbound txs
 * THORChain signed (`out_txs`), the ones it still plans (`planned_out_txs`)
 * and how far the inbound has come (`stages`). Opt-in; a trace never needs it.
 */
import { z } from 'zod'
import { isPrivateHost } from '../../sources/hosts.js'
import type { HostLimit, HttpClient } from '../../sources/types.js'
import { urlSecrets } from '../evm/secrets.js'
import { chainOfThorAsset, normaliseHash } from './memo.js'

const coin = z.object({ asset: z.string(), amount: z.string() })
const tx = z.object({
  id: z.string().optional(),
  chain: z.string().optional(),
  to_address: z.string().optional(),
  coins: z.array(coin).nullish(),
  memo: z.string().optional(),
})
const done = z.object({ completed: z.boolean().optional() }).nullish()

/** The fields of thornode's TxStatusResponse that a cross-check reads. */
export const txStatusSchema = z.object({
  tx: tx.nullish(),
  planned_out_txs: z
    .array(
      z.object({
        chain: z.string(),
        to_address: z.string(),
        coin: coin.nullish(),
        refund: z.boolean().optional(),
      }),
    )
    .nullish(),
  out_txs: z.array(tx).nullish(),
  stages: z.object({
    inbound_observed: z.object({
      started: z.boolean().optional(),
      completed: z.boolean().optional(),
    }),
    inbound_finalised: done,
    swap_status: z.object({ pending: z.boolean().optional() }).nullish(),
    swap_finalised: done,
    outbound_signed: done,
  }),
})

export type TxStatus = z.infer<typeof txStatusSchema>

/** One outbound THORChain signed, on our chain name where we trace it. */
export type ThornodeOut = {
  chain: string
  /** THORChain's own chain code (BTC, ETH) when fundtrace traces no such chain. */
  code: string
  /** As fundtrace writes hashes on that chain (0x… on account chains). */
  hash: string
  to: string
  refund: boolean
}

/** What thornode says became of an inbound. */
export type ThornodeView =
  | { kind: 'paid'; outs: ThornodeOut[] }
  | { kind: 'planned'; refund: boolean; to: string[] }
  | { kind: 'pending'; stage: string }
  | { kind: 'unknown' }

export type Thornode = {
  /** The status of an inbound; null when thornode does not know the hash (404). */
  status(inboundHash: string, signal?: AbortSignal): Promise<TxStatus | null>
}

/**
 * thornode's host and pace: public nodes publish no limit, so 2 requests a
 * second (a trace asks once per swap); one's own node is unpaced.
 */
export function thornodeHostLimit(
  url: string,
  options: { rps?: number | undefined; concurrency?: number | undefined },
): { host: string; limit: HostLimit } {
  const { hostname, host } = new URL(url)
  return {
    host,
    limit: {
      rps: options.rps ?? (isPrivateHost(hostname) ? 0 : 2),
      concurrency: options.concurrency ?? 2,
    },
  }
}

export function createThornode(options: {
  baseUrl: string
  http: HttpClient
}): Thornode {
  const base = options.baseUrl.replace(/\/+$/, '')
  // A hosted node may carry its key in the path: the path is a secret.
  const secrets = urlSecrets(options.baseUrl)
  return {
    async status(inboundHash, signal) {
      const hash = normaliseHash(inboundHash) ?? inboundHash
      const target = new URL(base)
      target.pathname = `${target.pathname.replace(/\/+$/, '')}/thorchain/tx/status/${encodeURIComponent(hash)}`
      try {
        return await options.http.request({
          url: target.toString(),
          responseType: 'json',
          schema: txStatusSchema,
          secrets,
          ...(signal ? { signal } : {}),
        })
      } catch (err) {
        if ((err as Error).name === 'NotFoundError') return null
        throw err
      }
    },
  }
}

/** THORChain's UTXO chains: their hashes are written without 0x. */
const UTXO_CODES = new Set(['BTC', 'BCH', 'LTC', 'DOGE'])

/** The status read as paid out, planned, pending or unknown. */
export function thornodeView(status: TxStatus | null): ThornodeView {
  if (!status || status.stages.inbound_observed.started === false)
    return { kind: 'unknown' }
  const outs = (status.out_txs ?? []).flatMap((t): ThornodeOut[] => {
    const hash = normaliseHash(t.id ?? '')
    // THORChain's own (RUNE) outbounds carry the zero hash: nothing to match.
    if (!hash || /^0+$/.test(hash)) return []
    const code = (t.chain ?? '').toUpperCase()
    return [
      {
        chain: chainOfThorAsset({ chain: code, kind: 'layer1' }) ?? '',
        code,
        hash: UTXO_CODES.has(code)
          ? hash.toLowerCase()
          : `0x${hash.toLowerCase()}`,
        to: t.to_address ?? '',
        refund: /^refund:/i.test(t.memo ?? ''),
      },
    ]
  })
  if (outs.length > 0) return { kind: 'paid', outs }
  const planned = status.planned_out_txs ?? []
  if (planned.length > 0)
    return {
      kind: 'planned',
      refund: planned.every((p) => p.refund === true),
      to: planned.map((p) => `${p.chain} ${p.to_address}`),
    }
  return { kind: 'pending', stage: stageOf(status) }
}

function stageOf(status: TxStatus): string {
  const s = status.stages
  if (!s.inbound_observed.completed) return 'inbound not yet observed'
  if (s.inbound_finalised && !s.inbound_finalised.completed)
    return 'inbound not yet final'
  if (s.swap_status?.pending) return 'swap pending'
  if (s.swap_finalised && !s.swap_finalised.completed)
    return 'swap not yet final'
  return 'outbound not yet signed'
}

/** The payout fundtrace found on chain, to hold against thornode's. */
export type FoundPayout = { chain: string; txHash: string }

export type CrossCheck =
  | { verdict: 'agrees' }
  | { verdict: 'disputes'; theirs: string[] }
  | { verdict: 'silent'; note: string }

/** Does thornode name the payout fundtrace matched from chain data? */
export function crossCheck(view: ThornodeView, found: FoundPayout): CrossCheck {
  if (view.kind !== 'paid') return { verdict: 'silent', note: viewText(view) }
  const ours = normaliseHash(found.txHash)
  const same = view.outs.some(
    (o) => o.chain === found.chain && normaliseHash(o.hash) === ours,
  )
  if (same) return { verdict: 'agrees' }
  return {
    verdict: 'disputes',
    theirs: view.outs.map((o) => `${o.chain || o.code} ${o.hash}`),
  }
}

/** thornode's view in a few words, for a pending swap's detail or a limitation. */
export function viewText(view: ThornodeView): string {
  switch (view.kind) {
    case 'unknown':
      return 'thornode does not know this inbound'
    case 'pending':
      return `thornode: pending (${view.stage}), out hash not yet known`
    case 'planned':
      return `thornode: ${view.refund ? 'refund' : 'outbound'} planned to ${view.to.join(', ')}, not yet signed`
    case 'paid':
      return `thornode: paid out in ${view.outs
        .map(
          (o) =>
            `${o.refund ? 'refund ' : ''}${o.chain || o.code} tx ${o.hash}`,
        )
        .join(', ')}`
  }
}
