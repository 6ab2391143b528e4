/** `fundtrace trace`: flags in, report out. */

import { type Command, Option } from 'commander'
import { TRACE_DEFAULTS } from '../../core/defaults.js'
import type { CliIo } from '../io.js'

const collect = (value: string, previous: string[] = []) => [...previous, value]

export function registerTraceCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: 0 | 1 | 2 | 3) => void,
): void {
  program
    .command('trace')
    .description(
      'Trace stolen funds forward from a theft tx (or an address) to exchange deposit addresses.',
    )
    .addOption(
      new Option(
        '--chain <chain>',
        'bitcoin, ethereum, bsc, polygon, arbitrum, optimism, base, avalanche, or a numeric EVM chain id',
      ).default('bitcoin'),
    )
    .option(
      '--tx <txid[:vout]>',
      'theft tx hash; repeatable; :vout pins one stolen output (bitcoin only)',
      collect,
    )
    .option(
      '--address <addr>',
      'victim address whose outflows from --since on are stolen',
    )
    .option(
      '--since <iso-time>',
      'start time for --address (ISO 8601, UTC if no zone)',
    )
    .option(
      '--victim <addr>',
      "victim's own address; repeatable; payments to it are not followed",
      collect,
    )
    .option(
      '--labels <file>',
      'label CSV (chain,address,entity,category[,source]); repeatable',
      collect,
    )
    .option(
      '--no-bundled-labels',
      'do not use the bundled exchange/sanctions label set',
    )
    .addOption(
      new Option('--policy <policy>', 'taint policy')
        .choices(['poison', 'haircut', 'fifo'])
        .default(TRACE_DEFAULTS.policy),
    )
    .option(
      '--max-hops <n>',
      'stop following after this many hops',
      String(TRACE_DEFAULTS.maxHops),
    )
    .option(
      '--max-nodes <n>',
      'stop after processing this many transactions (EVM: addresses read)',
      String(TRACE_DEFAULTS.maxNodes),
    )
    .option(
      '--min-amount <amount>',
      'dust threshold in whole units; smaller tainted amounts stop (EVM: applied to each asset in its own decimals)',
      TRACE_DEFAULTS.minAmount,
    )
    .option(
      '--service-threshold <n>',
      'EVM: an address that moved value with more counterparties than this stops as a likely service (exchange, contract) instead of being followed',
      String(TRACE_DEFAULTS.serviceThreshold),
    )
    .option(
      '--out <dir>',
      'write report.json, the HTML report, CSVs and the evidence here',
    )
    .option('--json', 'print report.json to stdout instead of the summary')
    .option(
      '--full',
      'print hashes and addresses whole in the summary (default: shortened to fit 100 columns)',
    )
    .option(
      '--esplora-url <url>',
      "Esplora REST base URL (self-hosted electrs, esplora or mempool): always Bitcoin's, also when the trace crosses to Bitcoin",
    )
    .option(
      '--explorer-url <url>',
      'EVM: Etherscan-v2-compatible API (default https://api.etherscan.io/v2/api; key from ETHERSCAN_API_KEY or the config file); CHAIN=URL for a chain the trace crosses to; repeatable',
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
      'EVM: JSON-RPC endpoint, or CHAIN=URL for a chain the trace crosses to; repeatable, later ones are fallbacks',
      collect,
    )
    .option('--no-explorer', 'EVM: use --rpc-url only, no explorer API')
    .option(
      '--thorchain-url <url>',
      'thornode API (e.g. https://thornode.ninerealms.com) to cross-check THORChain swaps matched from chain data; optional, none by default',
    )
    .option(
      '--rps <n>',
      'requests per second per API host, a hard ceiling (default: Esplora adapts to the server; 4 for mempool.space and blockstream.info)',
    )
    .option('--concurrency <n>', 'requests in flight per API host (default 4)')
    .option(
      '--timeout <ms>',
      'per-request timeout in milliseconds (default 30000)',
    )
    .option(
      '--retries <n>',
      'retries per request on 429/5xx/timeouts (default 5)',
    )
    .option('--cache-dir <dir>', 'evidence store and cache directory')
    .option('--no-cache', 'neither read nor write the evidence store')
    .option(
      '--replay <dir>',
      'trace offline from a stored evidence directory; fail on any miss',
    )
    .option(
      '--synthetic',
      'mark the report as a made-up demonstration case (data served locally): a cover banner and no public explorer links',
    )
    .option('--no-progress', 'do not draw progress on stderr')
    .option(
      '--case <file>',
      'case file (YAML or JSON) with the victim facts; create one with `fundtrace case init`',
    )
    .option(
      '--redact-victim',
      'also write a victim copy (victim-copy/) without the victim name, contact and addresses',
    )
    .option(
      '--pdf',
      'also write report.pdf from report.html with headless Chromium',
    )
    .option(
      '--chromium <path>',
      'Chromium binary for --pdf (default: /usr/bin/chromium or chromium on the PATH)',
    )
    .option(
      '--prices <file>',
      'USD prices CSV (asset,time_or_date,price_usd,source) for fiat values',
    )
    .addOption(
      new Option(
        '--fiat <source>',
        'online USD price source; its answers are stored as evidence',
      )
        .choices(['none', 'coingecko'])
        .default('none'),
    )
    .addHelpText(
      'after',
      `
Examples:
  fundtrace trace --tx <txid> --victim <your-address> --out case1
  fundtrace trace --tx <txid>:1 --labels exchanges.csv --policy fifo --json
  fundtrace trace --address bc1q... --since 2026-03-01T00:00:00Z --out case2
  fundtrace trace --replay fixtures/cases/satoshi-hal --tx f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16:1 --out out/satoshi-hal
  fundtrace trace --replay fixtures/cases/demo-peel-chain --tx 3caeaeaff76690db7ccfaab0532f6da3627cb6cfbe21b951f6f0ac7e4f1fd210 --victim bc1qerc2lrlf72um6su8lj3m27zm3wuydnv56dpj3u --labels fixtures/cases/demo-peel-chain.labels.csv --no-bundled-labels --out out/demo
  ETHERSCAN_API_KEY=... fundtrace trace --chain ethereum --tx 0x... --victim 0x... --out case3
  fundtrace trace --chain 1 --tx 0x... --no-explorer --rpc-url http://127.0.0.1:8545
  fundtrace trace --chain bsc --address 0x... --since 2026-03-01T09:00:00Z --out case4
  TRONGRID_API_KEY=... fundtrace trace --chain tron --tx <tx id> --victim T... --out case5
  ETHERSCAN_API_KEY=... fundtrace trace --tx <txid> --explorer-url ethereum=https://api.etherscan.io/v2/api --explorer-url arbitrum=https://api.etherscan.io/v2/api --out case6

EVM API key: ETHERSCAN_API_KEY, or {"etherscanApiKey": "..."} in
~/.config/fundtrace/config.json (path overridable with FUNDTRACE_CONFIG).
Tron: TRONGRID_API_KEY, or {"trongridApiKey": "..."} in the same file.

Exit codes: 0 complete, 1 error, 2 bad input (also an Esplora server of another
network), 3 incomplete trace (report still written) or a source unreachable for
the seeds (no report). See the README for exactly when.`,
    )
    .action(async (raw: Record<string, unknown>) => {
      // Loaded on use so `--help` and `--version` load no chain library.
      const { parseTraceFlags } = await import('../options.js')
      const flags = parseTraceFlags(raw)
      const { runTrace } = await import('../run-trace.js')
      setExitCode(await runTrace(flags, io))
    })
}
