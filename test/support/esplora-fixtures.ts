/** Loads a fixtures/esplora/<scenario> directory into plain in-memory maps. */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'

type Loose = Record<string, unknown>
export type FixtureOutput = {
  scriptpubkey_address?: string
  value: number
} & Loose
export type FixtureInput = { prevout?: FixtureOutput | null } & Loose
/** Only the fields the fixture server reads are typed; all is served verbatim. */
export type FixtureTx = {
  txid: string
  vin: FixtureInput[]
  vout: FixtureOutput[]
  status: {
    confirmed: boolean
    block_height?: number | null
    block_time?: number | null
  } & Loose
} & Loose

export type EsploraFixtures = {
  txs: Map<string, FixtureTx>
  hex: Map<string, string>
  outspends: Map<string, unknown[]>
  tipHeight: number
  /** GET /block-height/0: the network the server claims (default: mainnet's genesis block). */
  genesisHash?: string | undefined
  /** labels.csv text, header included ('' when the scenario has none). */
  labelsCsv: string
  /** case.json, parsed, when present. */
  case: unknown
}

function readDir(dir: string, ext: string): [string, string][] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => [basename(f, ext), readFileSync(join(dir, f), 'utf8')])
}

export function loadEsploraFixtures(dir: string): EsploraFixtures {
  const txs = new Map(
    readDir(join(dir, 'txs'), '.json').map(([id, text]) => [
      id,
      JSON.parse(text) as FixtureTx,
    ]),
  )
  const hex = new Map(
    readDir(join(dir, 'hex'), '.hex').map(([id, t]) => [id, t.trim()]),
  )
  const outspends = new Map(
    readDir(join(dir, 'outspends'), '.json').map(([id, text]) => [
      id,
      JSON.parse(text) as unknown[],
    ]),
  )
  const file = (name: string) =>
    existsSync(join(dir, name)) ? readFileSync(join(dir, name), 'utf8') : ''
  const caseText = file('case.json')
  return {
    txs,
    hex,
    outspends,
    tipHeight: Number(file('tip.txt').trim() || '0'),
    labelsCsv: file('labels.csv'),
    case: caseText ? JSON.parse(caseText) : undefined,
  }
}

/** Addresses a tx touches: its inputs' prevout addresses and its outputs'. */
function addressesOf(tx: FixtureTx): Set<string> {
  const out = new Set<string>()
  for (const vin of tx.vin) {
    const a = vin.prevout?.scriptpubkey_address
    if (a) out.add(a)
  }
  for (const vout of tx.vout)
    if (vout.scriptpubkey_address) out.add(vout.scriptpubkey_address)
  return out
}

/** Unconfirmed txs touching `address`, as /txs/mempool lists them. */
export function addressMempool(
  fixtures: EsploraFixtures,
  address: string,
): FixtureTx[] {
  return [...fixtures.txs.values()]
    .filter((tx) => !tx.status.confirmed && addressesOf(tx).has(address))
    .sort((a, b) => b.txid.localeCompare(a.txid))
}

/** Confirmed txs touching `address`, newest first, as /txs/chain lists them. */
export function addressHistory(
  fixtures: EsploraFixtures,
  address: string,
): FixtureTx[] {
  return [...fixtures.txs.values()]
    .filter((tx) => tx.status.confirmed && addressesOf(tx).has(address))
    .sort(
      (a, b) =>
        (b.status.block_height ?? 0) - (a.status.block_height ?? 0) ||
        b.txid.localeCompare(a.txid),
    )
}

/**
 * Gives `address` a history longer than one /address/:a/txs answer: `count`
 * older txs paying it (served in histories only; never fetched themselves).
 */
export function padHistory(
  fixtures: EsploraFixtures,
  address: string,
  count = 30,
): void {
  const model = [...fixtures.txs.values()].find((tx) =>
    tx.vout.some((o) => o.scriptpubkey_address === address),
  )
  const paid = model?.vout.find((o) => o.scriptpubkey_address === address)
  if (!model || !paid) throw new Error(`no tx pays ${address}`)
  const { scriptpubkey_address: _, ...prevout } = paid
  for (let i = 0; i < count; i++) {
    const txid = (i + 1).toString(16).padStart(64, 'e')
    fixtures.txs.set(txid, {
      ...model,
      txid,
      vin: [{ ...model.vin[0], txid: 'ab'.repeat(32), prevout }],
      vout: [paid],
      status: { confirmed: true, block_height: 1 + i, block_time: 1 },
    })
  }
}
