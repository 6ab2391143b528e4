import { readFileSync } from 'node:fs'
import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { collect } from '../../../test/support/collect.js'
import { createHttpClient } from '../../sources/http.js'
import { EtherscanError, EtherscanRateLimitError } from './etherscan.errors.js'
import { createEtherscanSource } from './etherscan.js'

const BASE = 'https://api.etherscan.test/v2/api'
const A = '0x1111111111111111111111111111111111111111'
const KEY = 'SECRETKEY123'
const fixture = (name: string) =>
  JSON.parse(readFileSync(`fixtures/etherscan/${A}-${name}.json`, 'utf8'))

const server = setupServer()
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
afterEach(() => server.resetHandlers())
afterAll(() => server.close())

const seen: URL[] = []
function source(options: { window?: number; sendChainId?: boolean } = {}) {
  seen.length = 0
  const httpClient = createHttpClient({
    secrets: [KEY],
    sleep: async () => {},
    retries: 0,
  })
  const sleeps: number[] = []
  const src = createEtherscanSource({
    baseUrl: BASE,
    chainId: 1,
    apiKey: KEY,
    http: httpClient,
    sleep: async (ms) => {
      sleeps.push(ms)
    },
    ...options,
  })
  return { src, sleeps, httpClient }
}

function serve(answer: (url: URL) => unknown) {
  server.use(
    http.get(BASE, ({ request }) => {
      const url = new URL(request.url)
      seen.push(url)
      return HttpResponse.json(answer(url) as never)
    }),
  )
}

describe('etherscan lists', () => {
  it('reads the three lists in the real row shapes with the v2 params', async () => {
    serve((url) => fixture(url.searchParams.get('action') ?? ''))
    const { src } = source()
    const txs = await src.txlist(A, { startBlock: 19_000_000 })
    const internal = await src.txlistinternal(A, { startBlock: 19_000_000 })
    const tokens = await src.tokentx(A)
    expect(txs.map((t) => t.hash.slice(-1))).toEqual(['1', '2', '3'])
    expect(internal[0]?.traceId).toBe('0_1')
    expect(tokens[0]?.tokenSymbol).toBe('USDT')
    const first = seen[0]
    expect(first?.searchParams.get('chainid')).toBe('1')
    expect(first?.searchParams.get('module')).toBe('account')
    expect(first?.searchParams.get('startblock')).toBe('19000000')
    expect(first?.searchParams.get('sort')).toBe('asc')
    expect(first?.searchParams.get('offset')).toBe('1000')
    expect(first?.searchParams.get('apikey')).toBe(KEY)
  })

  it('works against Blockscout (no chainid, transactionHash/index rows)', async () => {
    serve(() => fixture('txlistinternal-blockscout'))
    const { src } = source({ sendChainId: false })
    const rows = await src.txlistinternal(A)
    expect(rows[0]?.transactionHash).toMatch(/^0x0+4$/)
    expect(seen[0]?.searchParams.has('chainid')).toBe(false)
  })

  it('keeps the API key out of the evidence it records', async () => {
    serve(() => fixture('txlist'))
    const { src, httpClient } = source()
    await src.txlist(A)
    const urls = (await collect(httpClient.evidence())).map((r) => r.url)
    expect(urls.join()).not.toContain(KEY)
    expect(urls[0]).toContain('apikey=***')
  })
})

describe('status "0" answers', () => {
  it.each([
    ['No transactions found', []],
    ['No token transfers found', []],
  ])('"%s" is an empty list', async (message, result) => {
    serve(() => ({ status: '0', message, result }))
    expect(await source().src.tokentx(A)).toEqual([])
  })

  it.each([
    ['Max rate limit reached'],
    ['Max calls per sec rate limit reached (5/sec)'],
  ])('"%s" backs off and retries', async (text) => {
    let calls = 0
    serve(() =>
      ++calls <= 3
        ? { status: '0', message: 'NOTOK', result: text }
        : fixture('txlist'),
    )
    const { src, sleeps } = source()
    const rows = await src.txlist(A)
    expect(rows).toHaveLength(3)
    // The HTTP layer here has no retries, so etherscan.ts backs off, doubling.
    expect(sleeps).toEqual([1000, 2000, 4000])
    expect(calls).toBe(4)
  })

  it('gives up with EtherscanRateLimitError after its retries', async () => {
    serve(() => ({
      status: '0',
      message: 'NOTOK',
      result: 'Max rate limit reached',
    }))
    const { src, sleeps } = source()
    await expect(src.txlist(A)).rejects.toBeInstanceOf(EtherscanRateLimitError)
    expect(sleeps).toEqual([1000, 2000, 4000, 8000, 16000])
  })

  it.each([
    ['NOTOK', 'Invalid API Key', 'check ETHERSCAN_API_KEY'],
    [
      'NOTOK',
      'Missing or unsupported chainid parameter (required for v2 api)',
      '',
    ],
    [
      'NOTOK',
      'Free API access is not supported for this chain. Please upgrade your api plan for full chain coverage.',
      'or a node (--no-explorer --rpc-url URL)',
    ],
    [
      'NOTOK',
      'You are using a deprecated V1 endpoint, switch to Etherscan API V2.',
      'https://api.etherscan.io/v2/api',
    ],
  ])(
    '%s "%s" is an EtherscanError carrying the message and what to do',
    async (message, result, hint) => {
      serve(() => ({ status: '0', message, result }))
      const error = await source()
        .src.txlist(A)
        .catch((err: unknown) => err)
      expect(error).toBeInstanceOf(EtherscanError)
      expect(error).not.toBeInstanceOf(EtherscanRateLimitError)
      expect((error as EtherscanError).reason).toContain(result)
      const { shortMessage } = error as EtherscanError
      if (hint) expect(shortMessage).toContain(hint)
      else
        expect(shortMessage).toBe(
          `Explorer API error: ${(error as EtherscanError).reason}`,
        )
    },
  )

  it('rejects rows of the wrong shape', async () => {
    serve(() => ({ status: '1', message: 'OK', result: [{ hash: 'nope' }] }))
    await expect(source().src.txlist(A)).rejects.toThrow(
      /Unexpected response shape/,
    )
  })
})

describe('the row window', () => {
  /** A fake explorer with one tx per block 100..139 and a window of 10 rows. */
  function paged() {
    const all = Array.from({ length: 40 }, (_, i) => row(100 + i, i))
    serve((url) => {
      const start = Number(url.searchParams.get('startblock'))
      const offset = Number(url.searchParams.get('offset'))
      const rows = all
        .filter((r) => Number(r.blockNumber) >= start)
        .slice(0, offset)
      return {
        status: rows.length ? '1' : '0',
        message: rows.length ? 'OK' : 'No transactions found',
        result: rows,
      }
    })
    return all
  }

  it('continues by block range past a full window without losing or repeating rows', async () => {
    const all = paged()
    const rows = await source({ window: 10 }).src.txlist(A, { startBlock: 100 })
    expect(rows.map((r) => r.hash)).toEqual(all.map((r) => r.hash))
    expect(seen.map((u) => u.searchParams.get('startblock'))).toEqual([
      '100',
      '109',
      '118',
      '127',
      '136',
    ])
  })

  it('re-reads the last block whole when a window cuts it in half', async () => {
    const all = [
      ...Array.from({ length: 8 }, (_, i) => row(100, i)),
      row(101, 8),
      row(101, 9),
      row(101, 10),
      row(102, 11),
    ]
    serve((url) => {
      const start = Number(url.searchParams.get('startblock'))
      const rows = all
        .filter((r) => Number(r.blockNumber) >= start)
        .slice(0, 10)
      return { status: '1', message: 'OK', result: rows }
    })
    const rows = await source({ window: 10 }).src.txlist(A)
    expect(rows.map((r) => r.hash)).toEqual(all.map((r) => r.hash))
  })

  it.each([
    [15, 2, 'TooManyTransfersError'],
    [40, 5, null],
  ])('maxRows %i: %i requests, then %s', async (maxRows, requests, error) => {
    const all = paged()
    const read = source({ window: 10 }).src.txlist(A, { maxRows })
    if (error) await expect(read).rejects.toHaveProperty('name', error)
    else expect((await read).map((r) => r.hash)).toEqual(all.map((r) => r.hash))
    // A hot wallet's history is not paged through to the end.
    expect(seen).toHaveLength(requests)
  })

  it('asks for pages of 1,000 rows by default (the free tier returns no more)', async () => {
    paged()
    await source().src.txlist(A)
    expect(seen[0]?.searchParams.get('offset')).toBe('1000')
  })

  it('an explorer that ignores startblock (page 1 again) stalls: an error naming the address', async () => {
    const all = paged()
    serve(() => ({ status: '1', message: 'OK', result: all.slice(0, 10) }))
    const err = await source({ window: 10 })
      .src.txlist(A, { startBlock: 100 })
      .catch((e: unknown) => e)
    expect(err).toHaveProperty('name', 'StalledPagingError')
    expect(err).toHaveProperty('address', A)
    expect((err as Error).message.split('\n')[0]).toBe(
      `paging stalled reading the history of ${A} from the explorer: txlist of ${A} from block 109 returned a row of block 100`,
    )
    expect(seen).toHaveLength(2)
  })

  it('fails plainly when one block alone fills the window', async () => {
    const all = Array.from({ length: 12 }, (_, i) => row(100, i))
    serve(() => ({ status: '1', message: 'OK', result: all.slice(0, 10) }))
    await expect(
      source({ window: 10 }).src.txlist(A, { startBlock: 100 }),
    ).rejects.toThrow(/block 100 alone/)
  })
})

function row(block: number, n: number) {
  return {
    blockNumber: String(block),
    timeStamp: String(1_700_000_000 + block),
    hash: `0x${n.toString(16).padStart(64, '0')}`,
    transactionIndex: '0',
    from: A,
    to: '0x2222222222222222222222222222222222222222',
    value: '1',
    gas: '21000',
    gasPrice: '1',
    gasUsed: '21000',
    isError: '0',
    txreceipt_status: '1',
    contractAddress: '',
  }
}

describe('txlistinternal by tx hash', () => {
  // Row shape of docs.etherscan.io "Get Internal Transactions by Transaction
  // Hash": no `hash`, no `traceId`; the rows belong to the tx asked for.
  const TX = `0x${'ab'.repeat(32)}`
  const row = {
    blockNumber: '1743059',
    timeStamp: '1466489498',
    from: '0x2cac6e4b11d6b58f6d3c1c9d5fe8faa89f60e5a2',
    to: '0x66a1c3eaf0f1ffc28d209c0763ed0ca614f3b002',
    value: '7106740000000000',
    contractAddress: '',
    input: '',
    type: 'call',
    gas: '2300',
    gasUsed: '0',
    isError: '0',
    errCode: '',
  }

  it('fills in the requested hash', async () => {
    serve((url) =>
      url.searchParams.get('txhash') === TX
        ? { status: '1', message: 'OK', result: [row] }
        : { status: '0', message: 'NOTOK', result: 'unexpected' },
    )
    const { src } = source()
    const rows = await src.txlistinternalByHash(TX)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ hash: TX, value: row.value })
    expect(seen[0]?.searchParams.has('startblock')).toBe(false)
  })

  it('address lists still refuse a row without a tx hash', async () => {
    serve(() => ({ status: '1', message: 'OK', result: [row] }))
    const { src } = source()
    await expect(src.txlistinternal(A)).rejects.toThrow(/missing tx hash/)
  })
})
