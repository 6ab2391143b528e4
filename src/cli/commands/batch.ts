/** `fundtrace batch CASES --out DIR`: many cases, one API budget, one summary. */

import { type Command, Option } from 'commander'
import { duplicateText } from '../../batch/links.js'
import type { BatchResult } from '../../batch/types.js'
import { TRACE_DEFAULTS } from '../../core/defaults.js'
import { terminalSafe } from '../../core/text-safety.js'
import { createBatchProgress } from '../batch-progress.js'
import type { CliIo } from '../io.js'

const collect = (value: string, previous: string[] = []) => [...previous, value]

function formatBatchResult(result: BatchResult): string {
  const count = (s: string) => result.cases.filter((c) => c.status === s).length
  const resumed = result.cases.filter((c) => c.resumed).length
  const lines = [
    `${result.cases.length} cases: ${count('complete')} complete (${resumed} from an earlier run), ${count('incomplete')} incomplete, ${count('interrupted')} interrupted, ${count('error')} failed, ${count('pending')} not started.`,
    `${result.requests} requests for ${result.distinctRequests} distinct look-ups.`,
  ]
  for (const x of result.links.exchanges.slice(0, 5))
    lines.push(
      `  ${terminalSafe(x.entity)}: ${x.total} ${terminalSafe(x.asset)} from ${x.cases.length} case(s)`,
    )
  for (const d of result.links.duplicates)
    lines.push(`Warning: ${terminalSafe(duplicateText(d))}`)
  if (result.links.sharedAddresses.length)
    lines.push(
      `${result.links.sharedAddresses.length} addresses reached by more than one case.`,
    )
  for (const c of result.cases.filter((c) => c.status === 'error'))
    lines.push(`  ${terminalSafe(c.id)}: ${terminalSafe(c.error ?? '')}`)
  lines.push(`Summary written to ${terminalSafe(result.outDir)}/index.html`)
  return `${lines.join('\n')}\n`
}

export function registerBatchCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: 0 | 1 | 2 | 3) => void,
): void {
  program
    .command('batch')
    .description(
      'Trace many cases under one API budget, resumably, and link them to one another.',
    )
    .argument(
      '<cases>',
      'CSV (case_id,chain,tx,victim,...) or JSONL, one case per line',
    )
    .option(
      '--out <dir>',
      'output folder: one folder per case plus index.html and summary.csv',
    )
    .option('--concurrency <n>', 'cases traced at once', '4')
    .option('--esplora-url <url>', 'Esplora REST base URL')
    .option(
      '--rps <n>',
      'requests per second per API host, a hard ceiling shared by all cases (default: Esplora adapts to the server)',
    )
    .option('--labels <file>', 'label CSV for every case; repeatable', collect)
    .option(
      '--no-bundled-labels',
      'do not use the bundled exchange/sanctions label set',
    )
    .addOption(
      new Option('--policy <policy>', 'taint policy for cases that set none')
        .choices(['poison', 'haircut', 'fifo'])
        .default(TRACE_DEFAULTS.policy),
    )
    .option('--max-hops <n>', 'default hop limit for cases that set none')
    .option(
      '--min-amount <coins>',
      'default dust threshold for cases that set none',
    )
    .option(
      '--explorer-url <url>',
      "EVM: Etherscan-v2-compatible API (default https://api.etherscan.io/v2/api; key from ETHERSCAN_API_KEY or the config file); CHAIN=URL for one chain's rows and for every case that crosses to it; repeatable; a row's explorer_url wins",
      collect,
    )
    .addOption(
      new Option(
        '--explorer-kind <kind>',
        'EVM: explorer API dialect; blockscout sends no chainid',
      ).choices(['etherscan', 'blockscout']),
    )
    .option(
      '--rpc-url <url>',
      "EVM: JSON-RPC endpoint, or CHAIN=URL for one chain's rows and for every case that crosses to it; repeatable, later ones are fallbacks; a row's rpc_url replaces them",
      collect,
    )
    .option('--no-explorer', 'EVM: use --rpc-url only, no explorer API')
    .option(
      '--thorchain-url <url>',
      'thornode API to cross-check THORChain swaps matched from chain data; optional, none by default',
    )
    .option('--timeout <ms>', 'per-request timeout in milliseconds')
    .option('--retries <n>', 'retries per request on 429/5xx/timeouts')
    .option(
      '--cache-dir <dir>',
      'evidence store shared by all cases (and by re-runs)',
    )
    .option(
      '--no-cache',
      'keep evidence in memory only: a re-run fetches again',
    )
    .option('--replay <dir>', 'trace offline from a stored evidence directory')
    .option('--no-progress', 'do not draw progress on stderr')
    .addHelpText(
      'after',
      `
Examples:
  fundtrace batch fixtures/cases/satoshi-hal.cases.csv --replay fixtures/cases/satoshi-hal --out out/batch
  fundtrace batch cases.csv --labels exchanges.csv --out cases-out

A cases file is CSV with a header (case_id,chain,tx,victim,address,since,labels,policy,note,...) or JSONL.
Re-running with the same --out skips finished cases and resumes the rest from the evidence store.
Rows may seed any chain; a case crossing chains (THORChain) follows across with the sources given here
(--esplora-url for Bitcoin, --explorer-url/--rpc-url CHAIN=URL for the others), shared by every case.
EVM rows may set their own explorer_url, explorer_kind and rpc_url columns.
Exit codes: 0 all complete, 1 error, 2 bad cases file or options, 3 some case not complete.`,
    )
    .action(async (casesFile: string, raw: Record<string, unknown>) => {
      // Loaded on use so `--help` loads no chain library, nor zod.
      const { parseBatchFlags } = await import('./batch-flags.js')
      const flags = parseBatchFlags(raw)
      const { loadCasesFile } = await import('../../batch/cases.js')
      const { batch } = await import('../../batch/run.js')
      const { cases, warnings } = loadCasesFile(casesFile)
      for (const w of warnings)
        io.stderr(`fundtrace: ${casesFile}: ${terminalSafe(w)}\n`)
      const progress = createBatchProgress(io, flags.progress)
      const result = await batch(cases, {
        outDir: flags.out,
        concurrency: flags.concurrency,
        esploraUrl: flags.esploraUrl,
        cache: flags.cache,
        cacheDir: flags.cacheDir,
        replay: flags.replay,
        rps: flags.rps,
        labelFiles: flags.labels,
        bundledLabels: flags.bundledLabels,
        policy: flags.policy,
        maxHops: flags.maxHops,
        minAmount: flags.minAmount,
        timeoutMs: flags.timeout,
        retries: flags.retries,
        explorerUrl: flags.explorerUrl,
        explorerKind: flags.explorerKind,
        rpcUrls: flags.rpcUrl,
        explorer: flags.explorer,
        chains: flags.chains,
        thorchainUrl: flags.thorchainUrl,
        fetch: io.fetch,
        env: io.env,
        signal: io.signal,
        onProgress: progress.onProgress,
      }).finally(progress.done)
      io.stdout(formatBatchResult(result))
      setExitCode(result.complete ? 0 : 3)
    })
}
