/**
 * Delivers each alert on every configured channel at least once: stdout (the
 * watch's event stream), the --on-hit command and the webhook. What was
 * delivered is saved after each step, so a resumed watch sends only what is
 * still owed. Webhooks run in the background and never hold up a round.
 */
import type { WatchAlert } from './alerts.js'
import { postWebhook, runOnHit, type WebhookOptions } from './deliver.js'
import type { WatchState } from './store.js'

export type DeliveryOptions = {
  onHit?: string | undefined
  webhook?: WebhookOptions | undefined
  fetch?: typeof globalThis.fetch | undefined
  env?: Record<string, string | undefined> | undefined
  signal?: AbortSignal | undefined
}

type Io = DeliveryOptions & {
  onChange: (event: { type: 'alert'; alert: WatchAlert }) => void
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined
}

export function createDelivery(
  io: Io,
  state: WatchState,
  save: () => Promise<void>,
) {
  const inFlight = new Map<string, Promise<void>>()
  let saving = Promise.resolve()
  const persist = () => {
    saving = saving.then(save, save)
    return saving
  }
  const sleep =
    io.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)))

  function hook(id: string): void {
    const entry = state.alerts[id]
    if (!entry || !io.webhook || entry.delivered.webhook || inFlight.has(id))
      return
    const sent = postWebhook(entry.alert, io.webhook, {
      fetch: io.fetch ?? globalThis.fetch,
      sleep,
      signal: io.signal,
    })
      .then(async (ok) => {
        if (!ok) return
        entry.delivered.webhook = true
        await persist()
      })
      .finally(() => inFlight.delete(id))
    inFlight.set(id, sent)
  }

  async function deliver(id: string): Promise<void> {
    const entry = state.alerts[id]
    if (!entry) return
    if (!entry.delivered.stdout) {
      io.onChange({ type: 'alert', alert: entry.alert })
      entry.delivered.stdout = true
      await persist()
    }
    if (!entry.delivered.onHit && io.onHit) {
      entry.delivered.onHit = await runOnHit(
        entry.alert,
        io.onHit,
        io.env ?? {},
      )
      if (entry.delivered.onHit) await persist()
    }
    hook(id)
  }

  return {
    /** Saves the state after what the delivery saved so far, never before it. */
    save: persist,
    /** Records new alerts as owed on every configured channel. */
    add(alerts: readonly WatchAlert[]): void {
      for (const alert of alerts)
        state.alerts[alert.id] ??= {
          alert,
          delivered: {
            stdout: false,
            onHit: !io.onHit,
            webhook: !io.webhook,
          },
        }
    },
    async send(alerts: readonly WatchAlert[]): Promise<void> {
      for (const alert of alerts) await deliver(alert.id)
    },
    /** Whatever an earlier run or round still owes. */
    async resend(): Promise<void> {
      for (const [id, entry] of Object.entries(state.alerts)) {
        const owed = entry.delivered
        if (
          !owed.stdout ||
          (!owed.onHit && io.onHit) ||
          (!owed.webhook && io.webhook)
        )
          await deliver(id)
      }
    },
    /** Waits for webhooks in flight (a --once run before it exits). */
    async settle(): Promise<void> {
      await Promise.all(inFlight.values())
      await saving
    },
  }
}
