import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { createLimiter } from './limiter.js'
import { createFileSlotBook, type SlotBook } from './slots.js'

const tmp = mkdtempSync(join(tmpdir(), 'fundtrace-slots-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))
let n = 0
const fresh = () => join(tmp, `book-${++n}`)
const ORIGIN = 'https://mempool.space'

/** A limiter on a frozen clock that records how long each start waited. */
function limiterWith(book: SlotBook | undefined) {
  const sleeps: number[] = []
  let deferred: Promise<void> | undefined
  const limiter = createLimiter({
    rps: 10,
    concurrency: 1,
    now: () => 0,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    shared: book
      ? {
          claim: (e, i) => book.claim(ORIGIN, e, i),
          defer: (until) => {
            deferred = book.defer(ORIGIN, until)
          },
        }
      : undefined,
  })
  const three = async () => {
    for (let i = 0; i < 3; i++) await limiter.run(async () => {})
  }
  return { sleeps, three, limiter, deferred: () => deferred }
}

describe('two processes on one cache folder share a host rate', () => {
  test('the second waits behind the first', async () => {
    const dir = fresh()
    // Two books on one folder: what two processes each hold.
    const [a, b] = [
      limiterWith(createFileSlotBook(dir)),
      limiterWith(createFileSlotBook(dir)),
    ]
    await a.three()
    await b.three()
    expect(a.sleeps).toEqual([100, 200])
    expect(b.sleeps).toEqual([300, 400, 500])
  })

  test("a 429 with Retry-After in one holds the other's starts back too", async () => {
    const dir = fresh()
    const [a, b] = [
      limiterWith(createFileSlotBook(dir)),
      limiterWith(createFileSlotBook(dir)),
    ]
    a.limiter.note(true, { retryAfterMs: 3000 })
    // The limiter writes the deferral in the background.
    await a.deferred()
    await b.three()
    expect(b.sleeps).toEqual([3000, 3100, 3200])
  })

  test('without a book each keeps its own rate (the old behaviour)', async () => {
    const [a, b] = [limiterWith(undefined), limiterWith(undefined)]
    await a.three()
    await b.three()
    expect(b.sleeps).toEqual(a.sleeps)
  })

  test('claims racing from two books get distinct, evenly spaced slots', async () => {
    const dir = fresh()
    const books = [createFileSlotBook(dir), createFileSlotBook(dir)]
    const slots = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        books[i % 2]!.claim(ORIGIN, 1000, 50),
      ),
    )
    expect(slots.sort((x, y) => x - y)).toEqual(
      Array.from({ length: 20 }, (_, i) => 1000 + i * 50),
    )
  })
})

test('a lock left by a killed process is broken once stale', async () => {
  const dir = fresh()
  const book = createFileSlotBook(dir, { staleMs: 1000 })
  await book.claim(ORIGIN, 0, 10)
  const lock = `${join(dir, readdirSync(dir)[0]!)}.lock`
  mkdirSync(lock)
  const old = new Date(Date.now() - 5000)
  utimesSync(lock, old, old)
  expect(await book.claim(ORIGIN, 0, 10)).toBe(10)
})

test('a cache folder it cannot write to: the process paces alone', async () => {
  const file = join(tmp, 'not-a-folder')
  writeFileSync(file, 'x')
  const book = createFileSlotBook(join(file, 'rate-slots'))
  expect(await book.claim(ORIGIN, 1234, 10)).toBe(1234)
  expect(await book.claim(ORIGIN, 1234, 10)).toBe(1234)
})
