/**
 * A Tron tx's raw bytes (`raw_data_hex`, the protobuf `Transaction.raw`):
 * its id is their SHA-256, so they are the ground truth the node's JSON is
 * checked against. Only the fields fundtrace uses are read: the contract
 * list and the first contract's owner, recipient and amount.
 */
import { sha256 } from '@noble/hashes/sha256'

/** The first contract's call as its raw bytes state it; addresses as 41-hex. */
export type RawCall = {
  /** How many contracts the tx carries (always 1 on mainnet today). */
  contracts: number
  /** Transaction.Contract.ContractType: 1 TransferContract, 31 TriggerSmartContract. */
  type: number
  owner: string
  /** to_address (TransferContract) or contract_address (TriggerSmartContract). */
  to: string
  /** amount or call_value, in sun. */
  amount: bigint
}

export const CONTRACT_TYPES: Readonly<Record<string, number>> = {
  TransferContract: 1,
  TriggerSmartContract: 31,
}

type Field = { no: number; int: bigint; bytes: Uint8Array | undefined }

/** The top-level fields of one protobuf message, in order. Throws on malformed bytes. */
export function protoFields(buf: Uint8Array): Field[] {
  const out: Field[] = []
  let i = 0
  const varint = (): bigint => {
    let value = 0n
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = buf[i++]
      if (byte === undefined) throw new Error('truncated varint')
      value |= BigInt(byte & 0x7f) << shift
      if ((byte & 0x80) === 0) return value
    }
    throw new Error('varint too long')
  }
  while (i < buf.length) {
    const key = varint()
    const no = Number(key >> 3n)
    const wire = Number(key & 7n)
    if (wire === 0) out.push({ no, int: varint(), bytes: undefined })
    else if (wire === 2) {
      const len = Number(varint())
      if (i + len > buf.length) throw new Error('truncated field')
      out.push({ no, int: 0n, bytes: buf.subarray(i, i + len) })
      i += len
    } else if (wire === 1 || wire === 5) i += wire === 1 ? 8 : 4
    else throw new Error(`unsupported wire type ${wire}`)
  }
  if (i !== buf.length) throw new Error('truncated field')
  return out
}

const hex = (bytes: Uint8Array | undefined) =>
  Buffer.from(bytes ?? []).toString('hex')
const field = (fields: Field[], no: number) => fields.find((f) => f.no === no)

/** Reads the call out of raw bytes; throws on bytes that are not a Tron tx. */
export function decodeRawCall(raw: Uint8Array): RawCall {
  const contracts = protoFields(raw).filter((f) => f.no === 11)
  const first = protoFields(contracts[0]?.bytes ?? new Uint8Array())
  const any = protoFields(field(first, 2)?.bytes ?? new Uint8Array())
  const call = protoFields(field(any, 2)?.bytes ?? new Uint8Array())
  return {
    contracts: contracts.length,
    type: Number(field(first, 1)?.int ?? 0n),
    owner: hex(field(call, 1)?.bytes),
    to: hex(field(call, 2)?.bytes),
    amount: field(call, 3)?.int ?? 0n,
  }
}

/** A tx id is the SHA-256 of its raw bytes. */
export function rawTxid(raw: Uint8Array): string {
  return Buffer.from(sha256(raw)).toString('hex')
}
