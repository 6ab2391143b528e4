import { describe, expect, test } from 'vitest'
import {
  answerIsConfirmed,
  classifyRequest,
  type Freshness,
  type RequestShape,
  tipHeightOf,
} from './freshness.js'

const TXID = 'f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16'
const HASH = `0x${'5c'.repeat(32)}`
const ESPLORA = 'https://mempool.space/api'
const RPC = 'https://eth.example/v2/***'
const SCAN = 'https://api.etherscan.io/v2/api?chainid=1'
const rpc = (method: string, params: unknown[] = []): RequestShape => ({
  method: 'POST',
  url: RPC,
  body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
})
const get = (url: string): RequestShape => ({ method: 'GET', url })

const VALID: [string, RequestShape, Freshness][] = [
  ['esplora tx', get(`${ESPLORA}/tx/${TXID}`), { kind: 'once-confirmed' }],
  ['esplora raw tx', get(`${ESPLORA}/tx/${TXID}/hex`), { kind: 'immutable' }],
  [
    'esplora outspends',
    get(`${ESPLORA}/tx/${TXID}/outspends`),
    { kind: 'as-of' },
  ],
  [
    'mempool batched outspends',
    get(`${ESPLORA}/txs/outspends?txids=${TXID},${TXID.replace('a', 'b')}`),
    { kind: 'as-of' },
  ],
  [
    'esplora address history (mempool and newest confirmed)',
    get(`${ESPLORA}/address/bc1qxy2kgdygjrsqtzq2n0yrf2493p83kkfjhx0wlh/txs`),
    { kind: 'as-of' },
  ],
  [
    'esplora history',
    get(`${ESPLORA}/address/bc1qxyz/txs/chain`),
    { kind: 'as-of' },
  ],
  [
    'esplora history page',
    get(`${ESPLORA}/address/bc1qxyz/txs/chain/${TXID}`),
    { kind: 'as-of' },
  ],
  [
    'esplora mempool',
    get(`${ESPLORA}/address/bc1qxyz/txs/mempool`),
    { kind: 'as-of' },
  ],
  [
    'esplora tip',
    get(`${ESPLORA}/blocks/tip/height`),
    { kind: 'as-of', tip: true },
  ],
  [
    'esplora block by hash',
    get(`${ESPLORA}/block/${'00'.repeat(32)}`),
    { kind: 'immutable' },
  ],
  // A self-hosted electrs serves at the root: no /api prefix.
  [
    'esplora tx at the root',
    get(`http://127.0.0.1:3000/tx/${TXID}`),
    { kind: 'once-confirmed' },
  ],
  [
    'esplora raw tx at the root',
    get(`http://127.0.0.1:3000/tx/${TXID}/hex`),
    { kind: 'immutable' },
  ],
  [
    'esplora block at the root',
    get(`http://127.0.0.1:3000/block/${'00'.repeat(32)}`),
    { kind: 'immutable' },
  ],
  [
    'esplora with apikey query',
    get(`https://e.example/api/tx/${TXID}/hex?apikey=***`),
    { kind: 'immutable' },
  ],
  ['rpc tip', rpc('eth_blockNumber'), { kind: 'as-of', tip: true }],
  ['rpc chain id', rpc('eth_chainId'), { kind: 'immutable' }],
  [
    'rpc tx',
    rpc('eth_getTransactionByHash', [HASH]),
    { kind: 'once-confirmed' },
  ],
  [
    'rpc receipt',
    rpc('eth_getTransactionReceipt', [HASH]),
    { kind: 'once-confirmed' },
  ],
  [
    'rpc call tracer',
    rpc('debug_traceTransaction', [HASH, { tracer: 'callTracer' }]),
    { kind: 'immutable' },
  ],
  [
    'rpc block by number',
    rpc('eth_getBlockByNumber', ['0x10', false]),
    { kind: 'up-to', block: 16 },
  ],
  [
    'rpc latest block',
    rpc('eth_getBlockByNumber', ['latest', false]),
    { kind: 'as-of' },
  ],
  [
    'rpc balance latest',
    rpc('eth_getBalance', ['0xabc', 'latest']),
    { kind: 'as-of' },
  ],
  [
    'rpc balance at block',
    rpc('eth_getBalance', ['0xabc', '0x64']),
    { kind: 'up-to', block: 100 },
  ],
  [
    'rpc logs to tip tag',
    rpc('eth_getLogs', [{ fromBlock: '0x1', toBlock: 'latest' }]),
    { kind: 'as-of' },
  ],
  [
    'rpc logs no toBlock',
    rpc('eth_getLogs', [{ fromBlock: '0x1' }]),
    { kind: 'as-of' },
  ],
  [
    'rpc logs to a block',
    rpc('eth_getLogs', [{ fromBlock: '0x1', toBlock: '0x20' }]),
    { kind: 'up-to', block: 32 },
  ],
  [
    'rpc logs by block hash',
    rpc('eth_getLogs', [{ blockHash: HASH }]),
    { kind: 'immutable' },
  ],
  [
    'rpc trace_filter',
    rpc('trace_filter', [{ fromBlock: '0x1', toBlock: '0x2' }]),
    { kind: 'up-to', block: 2 },
  ],
  ['rpc unknown method', rpc('eth_somethingNew'), { kind: 'as-of' }],
  [
    'rpc batch: weakest wins',
    {
      method: 'POST',
      url: RPC,
      body: JSON.stringify([
        { method: 'eth_chainId' },
        { method: 'eth_blockNumber' },
      ]),
    },
    { kind: 'as-of', tip: true },
  ],
  [
    'rpc malformed body',
    { method: 'POST', url: RPC, body: '{' },
    { kind: 'as-of' },
  ],
  [
    'explorer tip',
    get(`${SCAN}&module=proxy&action=eth_blockNumber`),
    { kind: 'as-of', tip: true },
  ],
  [
    'explorer tx',
    get(`${SCAN}&module=proxy&action=eth_getTransactionByHash&txhash=${HASH}`),
    { kind: 'once-confirmed' },
  ],
  [
    'explorer block',
    get(
      `${SCAN}&module=proxy&action=eth_getBlockByNumber&tag=0x1f&boolean=false`,
    ),
    { kind: 'up-to', block: 31 },
  ],
  [
    'explorer internal by tx',
    get(`${SCAN}&module=account&action=txlistinternal&txhash=${HASH}`),
    { kind: 'once-confirmed' },
  ],
  [
    'explorer history to tip',
    get(`${SCAN}&module=account&action=txlist&address=0xabc&startblock=5`),
    { kind: 'as-of' },
  ],
  [
    'explorer history window',
    get(
      `${SCAN}&module=account&action=tokentx&address=0xabc&startblock=5&endblock=900`,
    ),
    { kind: 'up-to', block: 900 },
  ],
  [
    'explorer balance',
    get(`${SCAN}&module=account&action=balance&address=0xabc&tag=latest`),
    { kind: 'as-of' },
  ],
  [
    'price for a day',
    get(
      'https://api.coingecko.com/api/v3/coins/bitcoin/history?date=01-03-2026',
    ),
    { kind: 'immutable' },
  ],
  [
    'price now',
    get('https://api.coingecko.com/api/v3/simple/price?ids=bitcoin'),
    { kind: 'as-of' },
  ],
  ['unknown path', get('https://other.example/whatever'), { kind: 'as-of' }],
]

describe('classifyRequest', () => {
  test.each(VALID)('%s', (_name, request, expected) => {
    expect(classifyRequest(request)).toEqual(expected)
  })
})

const CONFIRMED: [string, number, string, boolean][] = [
  [
    'esplora confirmed',
    200,
    JSON.stringify({
      txid: TXID,
      status: { confirmed: true, block_height: 1 },
    }),
    true,
  ],
  [
    'esplora in mempool',
    200,
    JSON.stringify({ txid: TXID, status: { confirmed: false } }),
    false,
  ],
  [
    'rpc mined',
    200,
    JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      result: { hash: HASH, blockNumber: '0x10' },
    }),
    true,
  ],
  [
    'rpc pending',
    200,
    JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      result: { hash: HASH, blockNumber: null },
    }),
    false,
  ],
  [
    'rpc unknown tx',
    200,
    JSON.stringify({ jsonrpc: '2.0', id: 1, result: null }),
    false,
  ],
  [
    'explorer rows',
    200,
    JSON.stringify({
      status: '1',
      message: 'OK',
      result: [{ blockNumber: '12' }],
    }),
    true,
  ],
  [
    'explorer no rows',
    200,
    JSON.stringify({
      status: '0',
      message: 'No transactions found',
      result: [],
    }),
    false,
  ],
  ['not found', 404, 'Transaction not found', false],
  ['not json', 200, 'deadbeef', false],
]

test.each(CONFIRMED)('answerIsConfirmed: %s', (_n, status, body, expected) => {
  expect(answerIsConfirmed(status, body)).toBe(expected)
})

test.each([
  ['812345', 812345],
  ['{"jsonrpc":"2.0","id":1,"result":"0x1b4"}', 436],
  ['{"result":"latest"}', undefined],
  ['nope', undefined],
])('tipHeightOf(%s)', (body, expected) => {
  expect(tipHeightOf(body)).toBe(expected)
})
