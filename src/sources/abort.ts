/**
 * Abort callbacks on a long-lived signal (the run's SIGINT signal) without one
 * event listener per waiting request: a trace queues hundreds of requests on
 * that signal, and each `addEventListener` counts towards Node's limit of 10
 * per EventTarget (MaxListenersExceededWarning). One listener per signal fans
 * out to every waiter.
 */

const waiters = new WeakMap<AbortSignal, Set<() => void>>()

/** Calls `fn` once when `signal` aborts; the returned function unsubscribes. */
export function onAbort(signal: AbortSignal, fn: () => void): () => void {
  let set = waiters.get(signal)
  if (!set) {
    const created = new Set<() => void>()
    set = created
    waiters.set(signal, created)
    signal.addEventListener(
      'abort',
      () => {
        waiters.delete(signal)
        for (const waiter of created) waiter()
      },
      { once: true },
    )
  }
  const waiter = () => fn()
  set.add(waiter)
  return () => {
    set.delete(waiter)
  }
}
