/** `fundtrace watch DIR`: a thin layer over watch() in src/api. */
import type { Command } from 'commander'
import { UsageError } from '../../core/errors.js'
import type { CliIo } from '../io.js'

const collect = (value: string, previous: string[] = []) => [...previous, value]

type WatchFlags = {
  once?: boolean
  interval: string
  json?: boolean
  onHit?: string
  webhook?: string
  webhookSecret?: string
  esploraUrl?: string
  explorerUrl?: string
  explorerKind?: 'etherscan' | 'blockscout'
  rpcUrl?: string[]
  explorer: boolean
  labels?: string[]
  bundledLabels?: boolean | undefined
  cacheDir?: string
  cache: boolean
  rps?: string
  timeout?: string
  retries?: string
}

export function registerWatchCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: 0 | 1 | 2 | 3) => void,
): void {
  program
    .command('watch')
    .argument(
      '<dir>',
      'a report folder written by trace --out (or a batch case folder)',
    )
    .description(
      'Re-check where the traced funds rest and alert the moment they move: new hops, new exchange deposits (freeze request ready), mixers, bridges, sanctioned addresses.',
    )
    .option('--once', 'one round, then exit (for cron)')
    .option('--interval <duration>', 'time between rounds: 30s, 10m, 1h', '10m')
    .option('--json', 'one JSON object per line instead of text lines')
    .option(
      '--on-hit <cmd>',
      'run this shell command per alert, the alert JSON on stdin',
    )
    .option('--webhook <url>', 'POST each alert as JSON to this URL')
    .option(
      '--webhook-secret <secret>',
      'sign webhook bodies: X-Fundtrace-Signature: sha256=<HMAC-SHA256 hex>',
    )
    .option(
      '--esplora-url <url>',
      'Esplora REST base URL (default: the one the bundle names)',
    )
    .option('--explorer-url <url>', 'EVM: Etherscan-v2-compatible API')
    .option('--explorer-kind <kind>', 'EVM: etherscan or blockscout')
    .option('--rpc-url <url>', 'EVM: JSON-RPC endpoint; repeatable', collect)
    .option('--no-explorer', 'EVM: use --rpc-url only')
    .option(
      '--labels <file>',
      "label CSV instead of the bundle's own label files; repeatable",
      collect,
    )
    .option(
      '--no-bundled-labels',
      'do not use the bundled label set (default: as the trace did)',
    )
    .option('--cache-dir <dir>', 'evidence store and cache directory')
    .option('--no-cache', 'neither read nor write the evidence store')
    .option('--rps <n>', 'requests per second per API host')
    .option('--timeout <ms>', 'per-request timeout in milliseconds')
    .option('--retries <n>', 'retries per request')
    .addHelpText(
      'after',
      `
Each round asks only about the frontier: one outspends request per tx with
unspent traced outputs (Bitcoin), one history read per at-rest address (EVM).
Nothing moved: "no movement". Something moved: the case is traced on with the
same policy and labels, DIR/revisions/<n>/ is written and the top level shows it.

Examples:
  fundtrace watch out/case1 --once
  fundtrace watch out/case1 --interval 5m --webhook https://hooks.example/ft --webhook-secret s3cret
  fundtrace watch out/case1 --json --on-hit 'mail -s "fundtrace alert" desk@example.org'`,
    )
    .action(async (dir: string, flags: WatchFlags, command: Command) => {
      const { runWatch } = await import('../run-watch.js')
      // Unset unless given: the bundle records whether its trace used them.
      const bundledLabels =
        command.getOptionValueSource('bundledLabels') === 'cli'
          ? flags.bundledLabels
          : undefined
      setExitCode(await runWatch(dir, { ...flags, bundledLabels }, io))
    })
}

/** "90s", "10m", "1h" or plain seconds. */
export function parseInterval(input: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(input.trim())
  if (!m)
    throw new UsageError(
      `--interval: "${input}" is not a duration; try 30s, 10m or 1h`,
    )
  const units: Record<string, number> = {
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  }
  const ms = Number(m[1]) * (units[m[2] ?? 's'] ?? 1000)
  if (ms < 1000) throw new UsageError('--interval: at least 1s')
  return ms
}

export type { WatchFlags }
