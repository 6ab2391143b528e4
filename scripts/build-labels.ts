/**
 * Regenerates data/labels/bundled.json from permissively licensed public
 * label sets. A developer script: it reads a checkout of the sources
 * (SOURCES_DIR) and is never run at run or test time.
 *
 *   node --import tsx scripts/build-labels.ts [SOURCES_DIR]
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Label } from '../src/core/types.js'
import {
  type BundledLabel,
  encodeBundle,
  type Origin,
} from '../src/labels/bundle-format.js'
import { parseLabelsCsv } from '../src/labels/csv.js'
import { createCollector } from '../src/labels/import/common.js'
import { importOfac } from '../src/labels/import/ofac.js'
import { importTagpack, parseActorpack } from '../src/labels/import/tagpack.js'
import { addressKey } from '../src/labels/normalize.js'

const root = process.argv[2] ?? join('..', 'shared', 'data', 'labels')
const outDir = join('data', 'labels')

const GRAPHSENSE = {
  repo: 'https://github.com/graphsense/graphsense-tagpacks',
  commit: '29ff93c8ab0db37370453a290b7becba429b73f8',
  licence: 'MIT (Iknaio Cryptoasset Analytics GmbH / AIT)',
}

/** Chains fundtrace traces or is likely to; other chains' tags are dropped. */
// biome-ignore format: list
const CHAINS = new Set([
  'bitcoin', 'ethereum', 'bsc', 'polygon', 'arbitrum', 'optimism', 'base',
  'avalanche', 'tron', 'litecoin', 'bitcoin-cash', 'dogecoin', 'zcash',
])

type Pack = {
  file: string
  confidence?: Label['confidence']
  category?: string
}

/** walletexplorer and chain.info are clustering/rich-list crawls: heuristic. */
const PACKS: Pack[] = [
  ...readdirSync(join(root, 'graphsense-tagpacks', 'packs'))
    .filter((f) => f.startsWith('exchange-wallets-'))
    .map((f) => ({ file: `packs/${f}` })),
  { file: 'packs/tornado_cash.yaml' },
  { file: 'packs/hacks.yaml' },
  { file: 'packs/binance_hack.yaml' },
  { file: 'packs/ronin_bridge.yaml' },
  { file: 'packs/lazarus.yaml' },
  { file: 'packs/lazarus2.yaml' },
  { file: 'packs/walletexplorer.yaml', confidence: 'medium' },
  { file: 'packs/chaininfo.yaml', confidence: 'medium' },
  { file: 'packs/defi_updated/defi-protocols_1inch.yaml', category: 'dex' },
  { file: 'packs/defi_updated/defi-protocols_sushiswap.yaml', category: 'dex' },
  { file: 'packs/defi_updated/defi-protocols_uniswap.yaml', category: 'dex' },
  { file: 'packs/defi_updated/defi-protocols_curve.yaml', category: 'dex' },
]

const origins: Origin[] = []
const labels: BundledLabel[] = []
const skipped: string[] = []

function push(
  origin: Origin,
  list: readonly Label[],
  skips: { where: string; reason: string }[],
) {
  origins.push(origin)
  for (const label of list) {
    if (CHAINS.has(label.chain)) labels.push({ ...label, origin: origin.id })
  }
  for (const s of skips) skipped.push(`${origin.id}: ${s.where}: ${s.reason}`)
}

function graphsense() {
  const base = join(root, 'graphsense-tagpacks')
  const actorsFile = 'actors/graphsense.actorpack.yaml'
  const actors = parseActorpack(
    readFileSync(join(base, actorsFile), 'utf8'),
    actorsFile,
  )
  for (const pack of PACKS) {
    const text = readFileSync(join(base, pack.file), 'utf8')
    const result = importTagpack(text, {
      file: pack.file,
      actors,
      confidence: pack.confidence,
    })
    const list = pack.category
      ? result.labels.map((l) => ({ ...l, category: pack.category! }))
      : result.labels
    push(
      { id: `graphsense:${pack.file}`, ...GRAPHSENSE, file: pack.file },
      list,
      result.skipped,
    )
  }
}

function ofac() {
  const dir = join(root, 'ofac-sanctioned-addresses')
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const result = importOfac(readFileSync(join(dir, file), 'utf8'), { file })
    push(
      {
        id: `ofac:${file}`,
        repo: 'https://github.com/0xB10C/ofac-sanctioned-digital-currency-addresses (branch lists)',
        commit: 'f2aee2265956bf28ce71824c2c2c8cab02c2e173',
        file,
        licence: 'US Government work (public domain); tooling MIT (0xB10C)',
      },
      result.labels,
      result.skipped,
    )
  }
}

const BITFINEX_CHAINS: [RegExp, string][] = [
  [/^BTC\b/, 'bitcoin'],
  [/^ETH\/ERC20\b/, 'ethereum'],
  [/^(Polygon|Tether USDt \(Polygon\))/, 'polygon'],
  [/^Avalanche \((C-Chain|old)\)/, 'avalanche'],
  [/^Tron\b/, 'tron'],
  [/^(LTC|Litecoin)\b/, 'litecoin'],
  [/^(BCH|Bitcoin Cash)\b/, 'bitcoin-cash'],
  [/^Dogecoin\b/, 'dogecoin'],
  [/^Zcash\b/, 'zcash'],
]

function bitfinex() {
  const commit = '83d06bdb5f5a2ce05d5ba2db5a426dd44c9f5128'
  const source = `https://github.com/bitfinexcom/pub/blob/${commit}/wallets.txt`
  const { add, skip, result } = createCollector({ file: 'wallets.txt' })
  readFileSync(join(root, 'bitfinex-pub-wallets', 'wallets.txt'), 'utf8')
    .split(/\r?\n/)
    .forEach((line, i) => {
      const match = /^(\S+) - (.+)$/.exec(line.trim())
      if (!match) return
      const [, address = '', what = ''] = match
      const chain = BITFINEX_CHAINS.find(([re]) => re.test(what))?.[1]
      if (!chain) {
        skip(`wallets.txt:${i + 1}`, `chain not bundled: ${what}`)
        return
      }
      add(
        {
          chain,
          address,
          entity: 'Bitfinex',
          category: 'exchange',
          source,
          confidence: 'official',
          retrieved: '2022-12-12',
        },
        `wallets.txt:${i + 1}`,
      )
    })
  push(
    {
      id: 'bitfinex:wallets.txt',
      repo: 'https://github.com/bitfinexcom/pub',
      commit,
      file: 'wallets.txt',
      licence: 'none declared; first-party facts published by Bitfinex',
    },
    result.labels,
    result.skipped,
  )
}

type Pool = { name: string; addresses: string[]; link?: string }

function miningPools() {
  const commit = '6abbdc8b9865be69239a3b990c8198f747aeaa6c'
  const file = 'pools-v2.json'
  const pools = JSON.parse(
    readFileSync(join(root, 'mempool-mining-pools', file), 'utf8'),
  ) as Pool[]
  const { add, result } = createCollector({ file })
  for (const pool of pools) {
    for (const address of pool.addresses) {
      add(
        {
          chain: 'bitcoin',
          address,
          entity: pool.name,
          category: 'mining-pool',
          source: `https://github.com/mempool/mining-pools/blob/${commit}/${file}`,
          confidence: 'high',
        },
        `${file}: ${pool.name}`,
      )
    }
  }
  push(
    {
      id: `mempool:${file}`,
      repo: 'https://github.com/mempool/mining-pools',
      commit,
      file,
      licence: 'MIT (btc.com)',
    },
    result.labels,
    result.skipped,
  )
}

/** Hand-maintained, each row citing the protocol's own deployment list. */
function bridges() {
  const file = join(outDir, 'bridges.csv')
  const list = parseLabelsCsv(readFileSync(file, 'utf8'), { file })
  push(
    {
      id: 'fundtrace:bridges.csv',
      repo: 'fundtrace',
      commit: '-',
      file: 'data/labels/bridges.csv',
      licence: 'facts: contract addresses, each row with its published source',
    },
    list,
    [],
  )
}

/** Same (chain, address, entity, category, source) from two packs: keep one. */
function dedupe(list: BundledLabel[]): BundledLabel[] {
  const seen = new Set<string>()
  return list.filter((l) => {
    const key = [
      addressKey(l.chain, l.address),
      l.entity,
      l.category,
      l.source,
    ].join('\u0000')
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

graphsense()
ofac()
bitfinex()
miningPools()
bridges()
const unique = dedupe(labels)
const bundle = encodeBundle(
  unique,
  origins,
  new Date().toISOString().slice(0, 10),
)
mkdirSync(outDir, { recursive: true })
writeFileSync(join(outDir, 'bundled.json'), `${JSON.stringify(bundle)}\n`)
writeFileSync(join(outDir, 'skipped.txt'), `${skipped.join('\n')}\n`)
const perOrigin = new Map<string, number>()
for (const l of unique)
  perOrigin.set(l.origin, (perOrigin.get(l.origin) ?? 0) + 1)
console.log(
  `${unique.length} labels from ${origins.length} files, ${skipped.length} rows skipped (see data/labels/skipped.txt)`,
)
for (const [id, n] of perOrigin) console.log(`  ${n}\t${id}`)
