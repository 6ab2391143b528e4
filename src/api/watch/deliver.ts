/**
 * Where alerts go: a command run with the alert JSON on stdin, and a webhook
 * POSTed the same JSON, signed with HMAC-SHA256 over the exact body. Both are
 * retried with backoff and neither can block the watch: a failed delivery
 * stays pending in the state and is tried again.
 */
import { spawn } from 'node:child_process'
import { createHmac } from 'node:crypto'
import type { WatchAlert } from './alerts.js'

export type WebhookOptions = {
  url: string
  secret?: string | undefined
}

export const SIGNATURE_HEADER = 'x-fundtrace-signature'

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`
}

export function alertBody(alert: WatchAlert): string {
  return JSON.stringify(alert)
}

type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

/** POSTs until a 2xx or the attempts run out; true when delivered. */
export async function postWebhook(
  alert: WatchAlert,
  hook: WebhookOptions,
  io: {
    fetch: typeof globalThis.fetch
    sleep: Sleep
    attempts?: number | undefined
    signal?: AbortSignal | undefined
  },
): Promise<boolean> {
  const body = alertBody(alert)
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'x-fundtrace-alert-id': alert.id,
  }
  if (hook.secret) headers[SIGNATURE_HEADER] = signBody(body, hook.secret)
  const attempts = io.attempts ?? 5
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const ok = await io
      .fetch(hook.url, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(30_000),
      })
      .then(
        async (r) => {
          await r.body?.cancel().catch(() => {})
          return r.ok
        },
        () => false,
      )
    if (ok) return true
    if (attempt < attempts && !io.signal?.aborted)
      await io.sleep(Math.min(1000 * 2 ** (attempt - 1), 60_000), io.signal)
  }
  return false
}

/** Runs `sh -c CMD` with the alert JSON on stdin; true on exit 0. */
export function runOnHit(
  alert: WatchAlert,
  command: string,
  env: Record<string, string | undefined>,
): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], {
      stdio: ['pipe', 'inherit', 'inherit'],
      env: { ...env, FUNDTRACE_ALERT_ID: alert.id },
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('error', () => {
      clearTimeout(timer)
      resolve(false)
    })
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve(code === 0)
    })
    child.stdin.on('error', () => {})
    child.stdin.end(`${alertBody(alert)}\n`)
  })
}
