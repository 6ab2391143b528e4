/**
 * EVM bench: a theft fanned out to ~300 addresses (attacker → F splitters →
 * F² deposit addresses, each swept into a labelled exchange wallet) behind a
 * loopback Etherscan-compatible explorer that answers at most 5 requests a
 * second (status-"0" rate limit past that). Explorer only: every address
 * history costs requests. Prints requests per traced address against the
 * minimum and wall time against the rate-limit bound. Asserts nothing.
 */
import { trace } from '../src/api/trace.js'
import { type SimChain, type SimTx, startSimServer } from './evm-chain.js'

const USDT = '0xdac17f958d2ee523a2206206994597c13d831ec7'
const VICTIM = `0x${'1'.repeat(40)}`
const HOT = `0x${'e'.repeat(40)}`
const GAS = 21_000n * 20_000_000_000n

type Case = { chain: SimChain; seed: string; addresses: number }

/** attacker → fan splitters → fan² deposits → HOT, in `asset`. */
export function buildFanOut(fan: number, asset: 'ETH' | 'USDT'): Case {
  const txs: SimTx[] = []
  let n = 0
  const address = (i: number) =>
    `0x${(i + 0x100).toString(16).padStart(40, '0')}`
  const move = (from: string, to: string, value: bigint, block: number) => {
    n++
    const hash = `0x${n.toString(16).padStart(64, '0')}`
    const base = {
      hash,
      block,
      index: n % 100,
      from,
      gasPrice: 20_000_000_000n,
    }
    txs.push(
      asset === 'ETH'
        ? { ...base, to, value, gasUsed: 21_000n }
        : {
            ...base,
            to: USDT,
            value: 0n,
            gasUsed: 50_000n,
            tokens: [
              { contract: USDT, symbol: 'USDT', decimals: 6, from, to, value },
            ],
          },
    )
    return hash
  }
  const unit = asset === 'ETH' ? 10n ** 18n : 10n ** 9n // 1 ETH / 1000 USDT
  const attacker = address(0)
  const leafValue = asset === 'ETH' ? unit + GAS : unit
  const splitValue = BigInt(fan) * (leafValue + GAS)
  const seed = move(VICTIM, attacker, BigInt(fan) * (splitValue + GAS), 100)
  for (let i = 1; i <= fan; i++) {
    const splitter = address(i)
    move(attacker, splitter, splitValue, 101)
    for (let j = 1; j <= fan; j++) {
      const deposit = address(i * 1000 + j)
      move(splitter, deposit, leafValue, 102)
      move(deposit, HOT, asset === 'ETH' ? leafValue - GAS : leafValue, 103)
    }
  }
  return {
    chain: { chainId: 1, tip: 200, txs },
    seed,
    addresses: 1 + fan + fan * fan,
  }
}

async function runCase(label: string, c: Case, rps: number, minimum: number) {
  const server = await startSimServer(c.chain, { rps })
  const started = performance.now()
  try {
    const { report } = await trace({
      chain: 'ethereum',
      txs: [c.seed],
      victims: [VICTIM],
      labels: [
        {
          chain: 'ethereum',
          address: HOT,
          entity: 'Binance',
          category: 'exchange',
          source: 'bench',
          confidence: 'high',
        },
      ],
      bundledLabels: false,
      explorerUrl: server.explorerUrl,
      cache: false,
      rps,
      minAmount: '0',
      maxNodes: c.addresses * 2,
      env: { FUNDTRACE_CONFIG: '/nonexistent/fundtrace-config.json' },
    })
    const wallMs = performance.now() - started
    const served = Object.values(server.served).reduce((a, b) => a + b, 0)
    const limited = server.rateLimited()
    const requests = served + limited
    const seedRequests = served - c.addresses * minimum
    const bound = (served / rps) * 1000
    console.log(
      `${label}: ${c.addresses} addresses, explorer limit ${rps} req/s`,
    )
    console.log(
      `  hits                 ${report.hits.length} deposit addresses (${report.status})`,
    )
    console.log(
      `  requests             ${requests} (${served} answered, ${limited} rate-limited); by action ${JSON.stringify(server.served)}`,
    )
    console.log(
      `  per traced address   ${((served - Math.max(0, seedRequests)) / c.addresses).toFixed(3)} (minimum ${minimum}; 3 when the stolen asset is unknown); seed reads ${seedRequests}`,
    )
    console.log(
      `  wall time            ${(wallMs / 1000).toFixed(1)} s; rate-limit bound ${(bound / 1000).toFixed(1)} s → ${(wallMs / bound).toFixed(3)}×\n`,
    )
  } finally {
    await server.close()
  }
}

/** `fan` 17 → 307 addresses. The ETH case is smaller by default: 2 lists per address at 5 req/s. */
export async function runEvmBench(
  options: { fan?: number; ethFan?: number; rps?: number } = {},
): Promise<void> {
  const rps = options.rps ?? 5
  await runCase(
    'EVM, USDT stolen (asset known: tokentx only)',
    buildFanOut(options.fan ?? 17, 'USDT'),
    rps,
    1,
  )
  await runCase(
    'EVM, ETH stolen (txlist + txlistinternal)',
    buildFanOut(options.ethFan ?? 8, 'ETH'),
    rps,
    2,
  )
}

if (import.meta.url === `file://${process.argv[1]}`) void runEvmBench()
