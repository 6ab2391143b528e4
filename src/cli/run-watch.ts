/** Runs `watch` for the CLI: flags to options, events to lines on stdout. */

import { alertLine } from '../api/watch/alerts.js'
import { type WatchEvent, watch } from '../api/watch/watch.js'
import { UsageError } from '../core/errors.js'
import { terminalSafe } from '../core/text-safety.js'
import { parseInterval, type WatchFlags } from './commands/watch.js'
import type { CliIo } from './io.js'
import { parseUrl } from './options.js'

export async function runWatch(
  dir: string,
  flags: WatchFlags,
  io: CliIo,
): Promise<0 | 1> {
  const intervalMs = parseInterval(flags.interval)
  if (flags.webhook) parseUrl(flags.webhook, '--webhook')
  if (flags.webhookSecret && !flags.webhook)
    throw new UsageError('--webhook-secret needs --webhook')
  const print = (event: WatchEvent) =>
    io.stdout(`${flags.json ? JSON.stringify(event) : eventLine(event)}\n`)
  const summary = await watch({
    dir,
    once: flags.once,
    intervalMs,
    onChange: print,
    onHit: flags.onHit,
    webhook: flags.webhook
      ? { url: flags.webhook, secret: flags.webhookSecret }
      : undefined,
    esploraUrl: flags.esploraUrl,
    explorerUrl: flags.explorerUrl,
    explorerKind: flags.explorerKind,
    rpcUrls: flags.rpcUrl,
    explorer: flags.explorer,
    labelFiles: flags.labels,
    bundledLabels: flags.bundledLabels,
    cache: flags.cache,
    cacheDir: flags.cacheDir,
    rps: flags.rps !== undefined ? Number(flags.rps) : undefined,
    timeoutMs: flags.timeout !== undefined ? Number(flags.timeout) : undefined,
    retries: flags.retries !== undefined ? Number(flags.retries) : undefined,
    fetch: io.fetch,
    env: io.env,
    signal: io.signal,
  })
  // A --once run that could not reach its sources did not check anything.
  return flags.once && summary.outage ? 1 : 0
}

function eventLine(event: WatchEvent): string {
  switch (event.type) {
    case 'no-movement':
      return `round ${event.round}: no movement (${event.frontier} at-rest or open endpoints, ${event.requests} requests)`
    case 'revision': {
      const hits = event.hits
        .map((h) => `${h.entity} ${h.address} ${h.amount} ${h.asset}`)
        .join('; ')
      return terminalSafe(
        `round ${event.round}: funds moved from ${event.moved.length} endpoint(s); revision ${event.revision} written to ${event.dir}: ${event.newHops} new hops; hits: ${hits || 'none'}`,
      )
    }
    case 'alert':
      return alertLine(event.alert)
    case 'outage':
      return terminalSafe(
        `source unavailable, retrying each round: ${event.message}`,
      )
    case 'recovered':
      return 'sources reachable again'
  }
}
