/**
 * Checks a Tron tx's answers against each other before any amount is used:
 * the id is the SHA-256 of `raw_data_hex`, the JSON call says what the raw
 * bytes say, and the tx, its info and the REST list agree on the result and
 * the fee. An answer that contradicts itself is not believed.
 */
import { BaseError } from '../../core/errors.js'
import { hexToTron } from './address.js'
import { CONTRACT_TYPES, decodeRawCall, rawTxid } from './raw.js'
import type { TronTx, TronTxInfo } from './trongrid.schema.js'

/** The data source returned a tx that contradicts itself. */
export class TronIntegrityError extends BaseError {
  // The name every chain's integrity failure shares: the walk reports it alike.
  override name = 'IntegrityError'
  readonly txid: string
  constructor(txid: string, problems: readonly string[]) {
    super(`tx ${txid} failed verification: ${problems[0] ?? 'inconsistent'}`, {
      metaMessages: problems.slice(1),
      details:
        'the data source returned inconsistent data; not used (try another --explorer-url)',
    })
    this.txid = txid
  }
}

/** What a REST list row says of a tx's outcome. */
export type ListedOutcome = {
  contractRet?: string | undefined
  fee?: bigint | undefined
}

/** Throws TronIntegrityError unless the tx and its info agree with its raw bytes and each other. */
export function verifyTronTx(
  txid: string,
  tx: TronTx,
  info: TronTxInfo,
  listed?: ListedOutcome,
): void {
  const problems = [
    ...rawProblems(txid, tx),
    ...outcomeProblems(txid, tx, info, listed),
  ]
  if (problems.length > 0) throw new TronIntegrityError(txid, problems)
}

function rawProblems(txid: string, tx: TronTx): string[] {
  const rawHex = tx.raw_data_hex ?? ''
  if (!/^([0-9a-fA-F]{2})+$/.test(rawHex)) return ['no raw_data_hex']
  const raw = Uint8Array.from(Buffer.from(rawHex, 'hex'))
  const id = rawTxid(raw)
  if (id !== txid || tx.txID.toLowerCase() !== txid)
    return [`its raw bytes hash to ${id}, not to the tx id asked for`]
  let call: ReturnType<typeof decodeRawCall>
  try {
    call = decodeRawCall(raw)
  } catch (err) {
    return [`raw_data_hex does not parse: ${(err as Error).message}`]
  }
  const json = tx.raw_data.contract
  const value = json[0]?.parameter.value
  const problems: string[] = []
  if (call.contracts !== json.length)
    problems.push(`contracts: json ${json.length}, raw ${call.contracts}`)
  const type = CONTRACT_TYPES[json[0]?.type ?? '']
  if (type !== undefined && type !== call.type)
    problems.push(`contract type: json ${json[0]?.type}, raw ${call.type}`)
  const same = (a: string | undefined, b: string) =>
    (a ? safeTron(a) : '') === (b ? safeTron(b) : '')
  if (!same(value?.owner_address, call.owner))
    problems.push('the sender differs from the raw bytes')
  if (!same(value?.to_address ?? value?.contract_address, call.to))
    problems.push('the recipient differs from the raw bytes')
  const amount = BigInt(value?.amount ?? value?.call_value ?? 0)
  if (amount !== call.amount)
    problems.push(`amount: json ${amount}, raw ${call.amount}`)
  return problems
}

function safeTron(hex: string): string {
  try {
    return hexToTron(hex)
  } catch {
    return `invalid:${hex}`
  }
}

/** SUCCESS, or the failure the node names. */
function infoResult(info: TronTxInfo): string {
  if ((info.result ?? 'SUCCESS') !== 'SUCCESS')
    return info.receipt?.result ?? info.result ?? 'FAILED'
  return info.receipt?.result ?? 'SUCCESS'
}

function outcomeProblems(
  txid: string,
  tx: TronTx,
  info: TronTxInfo,
  listed: ListedOutcome | undefined,
): string[] {
  const problems: string[] = []
  if (info.id.toLowerCase() !== txid)
    problems.push(`its info answers for another tx (${info.id})`)
  const result = infoResult(info)
  const ok = result === 'SUCCESS'
  const rets = [
    ['the tx', tx.ret?.[0]?.contractRet],
    ['the REST list', listed?.contractRet],
  ] as const
  for (const [who, ret] of rets)
    if (ret !== undefined && (ret === 'SUCCESS') !== ok)
      problems.push(`result: ${who} says ${ret}, its info ${result}`)
  const fee = BigInt(info.fee ?? 0)
  if (listed?.fee !== undefined && listed.fee !== fee)
    problems.push(`fee: the REST list says ${listed.fee}, its info ${fee}`)
  return problems
}
