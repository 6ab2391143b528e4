import { basename } from 'node:path'
import { z } from 'zod'
import { LabelFileError } from '../csv.js'
import { inferChain } from '../normalize.js'
import {
  createCollector,
  type ImportOptions,
  type ImportResult,
} from './common.js'

export const OFAC_SOURCE =
  'https://home.treasury.gov/policy-issues/financial-sanctions/specially-designated-nationals-and-blocked-persons-list-sdn-human-readable-lists'

/** OFAC lists addresses, not owners: the entity says only that. */
export const OFAC_ENTITY = 'OFAC SDN listed'

const ASSET_CHAINS: Record<string, string> = {
  XBT: 'bitcoin',
  ETH: 'ethereum',
  ARB: 'arbitrum',
  BSC: 'bsc',
  TRX: 'tron',
  LTC: 'litecoin',
  BCH: 'bitcoin-cash',
  BSV: 'bitcoin-sv',
  BTG: 'bitcoin-gold',
  DASH: 'dash',
  ETC: 'ethereum-classic',
  XMR: 'monero',
  XRP: 'ripple',
  XVG: 'verge',
  ZEC: 'zcash',
}

const FILE = /sanctioned_addresses_([A-Z0-9]+)\.(txt|json)$/i

/** The asset code in 0xB10C's `sanctioned_addresses_<ASSET>` file names. */
export function ofacAsset(path: string): string | undefined {
  return FILE.exec(basename(path))?.[1]?.toUpperCase()
}

const jsonList = z.array(z.string())

function readAddresses(text: string, file: string): string[] {
  const trimmed = text.trim()
  if (!trimmed.startsWith('[')) {
    return trimmed
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
  }
  let data: unknown
  try {
    data = JSON.parse(trimmed)
  } catch (err) {
    throw new LabelFileError({ file, reason: 'invalid JSON', cause: err })
  }
  const parsed = jsonList.safeParse(data)
  if (!parsed.success) {
    throw new LabelFileError({
      file,
      reason: 'expected a JSON array of addresses',
    })
  }
  return parsed.data
}

/**
 * 0xB10C/ofac-sanctioned-digital-currency-addresses: one address per line
 * (.txt) or a JSON array (.json). Chain from --chain, else the file's asset
 * code, else the address shape.
 */
export function importOfac(text: string, options: ImportOptions): ImportResult {
  const { add, skip, result } = createCollector(options)
  const asset = ofacAsset(options.file)
  const fixed = options.chain ?? (asset ? ASSET_CHAINS[asset] : undefined)
  readAddresses(text, options.file).forEach((address, i) => {
    const where = `${options.file}:${i + 1}`
    // Token lists (USDT, USDC) mix chains: the address shape decides.
    const chain = fixed ?? inferChain(address)
    if (!chain) {
      skip(
        where,
        `cannot tell the chain of ${JSON.stringify(address)}; pass --chain`,
      )
      return
    }
    add(
      {
        chain,
        address,
        entity: OFAC_ENTITY,
        category: 'sanctioned',
        source: OFAC_SOURCE,
        confidence: 'official',
      },
      where,
    )
  })
  return result
}
