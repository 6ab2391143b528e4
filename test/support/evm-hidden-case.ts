/**
 * The maintainers' hidden EVM case, shared by test/cli.evm.hidden-shape.test.ts
 * and test/faults.evm.e2e.test.ts: a synthetic chain for bench/evm-chain.ts's
 * loopback explorer + node, its labels and the exact CLI command shape.
 * The case: clean ETH and USDT reach the attacker before the stolen ones;
 * stolen ETH goes through a router's internal transfer to a deposit address
 * swept into Binance; stolen USDT (canonical contract, 6 decimals) comes out
 * of the victim's own exchange (Kraken, labelled) and goes to a second
 * deposit address, swept too. Kraken must not be a hit.
 *
 * Hand-derived hits (wei / USDT base units):
 * - ETH, haircut: A holds 2 clean + 8 stolen; pays 0.001 gas (4/5 tainted),
 *   then 5 ETH to the router: 5 × (8 − 0.0008)/(10 − 0.001) = 4 ETH → D1.
 *   fifo: the 2 clean leave first (0.001 as gas): 5 − 1.999 = 3.001 ETH.
 * - USDT, haircut: 500 clean + 1500 stolen; 1200 to D2 carry 1200 × 3/4 = 900.
 *   fifo: 500 clean first, then 700 stolen.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SimChain, SimTx } from '../../bench/evm-chain.js'

export const USDT = '0xdac17f958d2ee523a2206206994597c13d831ec7'
const addr = (n: string) => `0x${n.repeat(40)}`.slice(0, 42)
export const V = addr('1') // victim
const A = addr('a') // attacker
const C = addr('c') // clean funder
export const K = addr('b') // Kraken hot wallet: the victim's own exchange
export const H = addr('e') // Binance hot wallet
const R = addr('f') // router contract
export const D1 = addr('d') // ETH deposit address (Binance)
export const D2 = addr('2') // USDT deposit address (Binance)
const ETH = 10n ** 18n
const GWEI = 10n ** 9n
const usdt = (n: bigint) => n * 10n ** 6n
export const hash = (n: number) =>
  `0x${'cd'.repeat(31)}${n.toString(16).padStart(2, '0')}`

const tx = (
  n: number,
  block: number,
  index: number,
  from: string,
  to: string,
  value: bigint,
  extra: Partial<SimTx> = {},
): SimTx => ({
  hash: hash(n),
  block,
  index,
  from,
  to,
  value,
  gasUsed: extra.tokens ? 50_000n : 21_000n,
  gasPrice: 20n * GWEI,
  ...extra,
})
const token = (from: string, to: string, value: bigint) => ({
  tokens: [{ contract: USDT, symbol: 'USDT', decimals: 6, from, to, value }],
})

export const CHAIN: SimChain = {
  chainId: 1,
  tip: 200,
  txs: [
    tx(1, 90, 0, K, V, 10n * ETH), // the victim's funds came from their exchange
    tx(2, 100, 0, C, A, 2n * ETH), // clean ETH before the theft
    tx(3, 100, 1, C, USDT, 0n, token(C, A, usdt(500n))), // clean USDT
    tx(4, 101, 0, V, A, 8n * ETH), // seed 1
    tx(5, 102, 0, K, USDT, 0n, token(K, A, usdt(1500n))), // seed 2: withdrawal from the victim's Kraken account
    tx(6, 103, 0, A, R, 5n * ETH, {
      gasUsed: 50_000n,
      internal: [{ from: R, to: D1, value: 5n * ETH }],
    }),
    tx(7, 104, 0, A, USDT, 0n, token(A, D2, usdt(1200n))),
    tx(8, 105, 0, D1, H, 5n * ETH - 21_000n * 20n * GWEI), // ETH sweep
    tx(9, 105, 1, H, D2, ETH / 100n), // gas money for the token sweep
    tx(10, 106, 0, D2, USDT, 0n, token(D2, H, usdt(1200n))), // USDT sweep
  ],
}

export const EXPECTED = {
  haircut: [
    [D1, 'ETH', '4'],
    [D2, 'USDT', '900'],
  ],
  fifo: [
    [D1, 'ETH', '3.001'],
    [D2, 'USDT', '700'],
  ],
} as const

/** No Etherscan key anywhere: the loopback explorer needs none. */
export const NO_KEY = { FUNDTRACE_CONFIG: '/nonexistent/fundtrace-config.json' }

/** Writes the case's labels (Binance and Kraken hot wallets) into `dir`. */
export function writeLabels(dir: string): string {
  const file = join(dir, 'labels.csv')
  writeFileSync(
    file,
    [
      'chain,address,entity,category,source',
      `ethereum,${H},Binance,exchange,test`,
      `ethereum,${K},Kraken,exchange,test`,
    ].join('\n'),
  )
  return file
}

/**
 * The maintainers' command, flag for flag (no --rpc-url when rpcUrl is
 * undefined; --no-explorer when explorerUrl is).
 */
export function command(
  out: string,
  policy: string,
  labels: string,
  urls: { explorerUrl?: string | undefined; rpcUrl?: string | undefined },
): string[] {
  return [
    'trace',
    '--chain',
    'ethereum',
    '--tx',
    hash(4),
    '--tx',
    hash(5),
    '--victim',
    V,
    '--labels',
    labels,
    '--policy',
    policy,
    '--out',
    out,
    '--no-cache',
    // Progress lines go to stderr off a TTY; the tests read stderr for errors.
    '--no-progress',
    ...(urls.explorerUrl
      ? ['--explorer-url', urls.explorerUrl]
      : ['--no-explorer']),
    ...(urls.rpcUrl ? ['--rpc-url', urls.rpcUrl] : []),
  ]
}
