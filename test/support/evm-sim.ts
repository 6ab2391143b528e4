/**
 * One synthetic EVM chain served as Etherscan v2 rows and JSON-RPC objects
 * (the shapes of docs.etherscan.io's account and proxy modules, and of a geth
 * node with callTracer), with raw event logs (a router's) in receipts and
 * balances at any block. One simulator for every EVM end-to-end test.
 */
import { HttpResponse, http } from 'msw'

export type SimToken = {
  contract: string
  symbol: string
  name: string
  decimals: number
  from: string
  to: string
  value: string
  logIndex: number
}
export type SimLog = {
  address: string
  topics: string[]
  data: string
  logIndex: number
}
export type SimTx = {
  hash: string
  block: number
  index: number
  from: string
  to: string
  value: string
  gasUsed: string
  gasPrice: string
  tokens?: SimToken[]
  internal?: { from: string; to: string; value: string }[]
  /** Raw logs besides the token transfers (router events). */
  logs?: SimLog[]
  /** Calldata; default a token transfer's selector or 0x. */
  input?: string
}
export type SimChain = {
  chainId: number
  tip: number
  genesisTime: number
  blockTime: number
  txs: SimTx[]
}

type Tx = SimTx
const TRANSFER =
  '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef'

class RpcFault extends Error {}

export type SimOptions = {
  /** An address whose every balance the sources answer as 0 (funds gone by a path they never showed). */
  emptyBalance?: () => string | undefined
}

export function createEvmSim(
  chain: SimChain,
  KEY: string,
  options: SimOptions = {},
) {
  const hex = (n: number | bigint) => `0x${n.toString(16)}`
  const time = (block: number) => chain.genesisTime + block * chain.blockTime
  const blockHash = (block: number) =>
    `0x${block.toString(16).padStart(64, '0')}`
  const pad = (address: string) => `0x${address.slice(2).padStart(64, '0')}`
  const byHash = new Map(chain.txs.map((t) => [t.hash, t]))
  const inRange = (t: Tx, url: URL) =>
    t.block >= Number(url.searchParams.get('startblock') ?? 0) &&
    t.block <= Number(url.searchParams.get('endblock') ?? 99_999_999)

  /**
   * What an address holds after `block`, from the chain's own txs: value in
   * minus value out and gas paid (native), or token transfers in minus out.
   * A real node answers eth_getBalance / balanceOf the same way.
   */
  function balanceAt(who: string, contract: string | null, block: number) {
    if (options.emptyBalance?.() === who) return 0n
    let sum = 0n
    const move = (from: string, to: string, value: bigint) => {
      if (to === who) sum += value
      if (from === who) sum -= value
    }
    for (const t of chain.txs) {
      if (t.block > block) continue
      if (contract) {
        for (const k of t.tokens ?? [])
          if (k.contract === contract) move(k.from, k.to, BigInt(k.value))
        continue
      }
      move(t.from, t.to, BigInt(t.value))
      if (t.from === who) sum -= BigInt(t.gasUsed) * BigInt(t.gasPrice)
      for (const i of t.internal ?? []) move(i.from, i.to, BigInt(i.value))
    }
    return sum
  }

  /** eth_call data of balanceOf(address): selector 0x70a08231 and the padded holder. */
  function balanceOfCall(call: { to: string; data: string }, block: string) {
    if (!call.data.startsWith('0x70a08231'))
      throw new RpcFault('execution reverted')
    const who = `0x${call.data.slice(-40)}`
    const value = balanceAt(who, call.to.toLowerCase(), Number(block))
    return `0x${value.toString(16).padStart(64, '0')}`
  }

  /** Etherscan v2 row shapes (docs.etherscan.io, account module). */
  function txRow(t: Tx) {
    return {
      blockNumber: String(t.block),
      blockHash: blockHash(t.block),
      timeStamp: String(time(t.block)),
      hash: t.hash,
      nonce: '0',
      transactionIndex: String(t.index),
      from: t.from,
      to: t.to,
      value: t.value,
      gas: '100000',
      gasPrice: t.gasPrice,
      isError: '0',
      txreceipt_status: '1',
      input: t.input ?? (t.tokens ? '0xa9059cbb' : '0x'),
      contractAddress: '',
      cumulativeGasUsed: t.gasUsed,
      gasUsed: t.gasUsed,
      confirmations: String(chain.tip - t.block),
      methodId: t.tokens ? '0xa9059cbb' : '0x',
      functionName: t.tokens ? 'transfer(address,uint256)' : '',
    }
  }

  function internalRows(t: Tx, withHash: boolean) {
    return (t.internal ?? []).map((i, n) => ({
      blockNumber: String(t.block),
      timeStamp: String(time(t.block)),
      ...(withHash ? { hash: t.hash } : {}),
      from: i.from,
      to: i.to,
      value: i.value,
      contractAddress: '',
      input: '',
      type: 'call',
      gas: '2300',
      gasUsed: '0',
      ...(withHash ? { traceId: String(n) } : {}),
      isError: '0',
      errCode: '',
    }))
  }

  function blockscoutInternal(row: ReturnType<typeof internalRows>[number]) {
    const { hash, traceId, ...rest } = row
    return { ...rest, transactionHash: hash, index: traceId }
  }

  function tokenRows(t: Tx, dialect: Dialect = 'etherscan') {
    return (t.tokens ?? []).map((k) => ({
      ...(dialect === 'blockscout' ? { logIndex: String(k.logIndex) } : {}),
      blockNumber: String(t.block),
      timeStamp: String(time(t.block)),
      hash: t.hash,
      nonce: '0',
      blockHash: blockHash(t.block),
      from: k.from,
      contractAddress: k.contract,
      to: k.to,
      value: k.value,
      tokenName: k.name,
      tokenSymbol: k.symbol,
      tokenDecimal: String(k.decimals),
      transactionIndex: String(t.index),
      gas: '100000',
      gasPrice: t.gasPrice,
      gasUsed: t.gasUsed,
      cumulativeGasUsed: t.gasUsed,
      input: 'deprecated',
      confirmations: String(chain.tip - t.block),
    }))
  }

  const list = (rows: unknown[]) =>
    rows.length > 0
      ? { status: '1', message: 'OK', result: rows }
      : { status: '0', message: 'No transactions found', result: [] }

  /** Blockscout's twin names the internal row's tx `transactionHash`, its call `index`, and gives token rows a `logIndex`. */
  type Dialect = 'etherscan' | 'blockscout'

  function explorerAnswer(url: URL, dialect: Dialect = 'etherscan'): unknown {
    const p = (name: string) => url.searchParams.get(name) ?? ''
    if (dialect === 'etherscan' && p('apikey') !== KEY)
      return { status: '0', message: 'NOTOK', result: 'Invalid API Key' }
    const chainId = dialect === 'etherscan' ? String(chain.chainId) : ''
    if (p('chainid') !== chainId)
      return { status: '0', message: 'NOTOK', result: 'Unexpected chainid' }
    if (p('module') === 'proxy')
      return {
        jsonrpc: '2.0',
        id: 1,
        result: rpcAnswer(p('action'), [
          p('txhash') || p('tag'),
          p('boolean') === 'true',
        ]),
      }
    const who = p('address').toLowerCase()
    const txs = chain.txs.filter((t) => inRange(t, url))
    switch (p('action')) {
      case 'balance':
      case 'tokenbalance':
        return {
          status: '1',
          message: 'OK',
          result: String(
            balanceAt(
              who,
              p('contractaddress').toLowerCase() || null,
              chain.tip,
            ),
          ),
        }
      case 'txlist':
        return list(
          txs.filter((t) => t.from === who || t.to === who).map(txRow),
        )
      case 'txlistinternal': {
        if (p('txhash')) {
          const t = byHash.get(p('txhash'))
          return list(t ? internalRows(t, false) : [])
        }
        return list(
          txs
            .flatMap((t) => internalRows(t, true))
            .map((r) => (dialect === 'etherscan' ? r : blockscoutInternal(r)))
            .filter((r) => r.from === who || r.to === who),
        )
      }
      case 'tokentx':
        return list(
          txs
            .flatMap((t) => tokenRows(t, dialect))
            .filter((r) => r.from === who || r.to === who)
            .filter(
              (r) =>
                !p('contractaddress') ||
                r.contractAddress === p('contractaddress'),
            ),
        )
    }
    return {
      status: '0',
      message: 'NOTOK',
      result: `unknown action ${p('action')}`,
    }
  }

  /** JSON-RPC objects of the same chain (what a geth node with callTracer answers). */
  function rpcTx(t: Tx) {
    return {
      hash: t.hash,
      blockHash: blockHash(t.block),
      blockNumber: hex(t.block),
      transactionIndex: hex(t.index),
      from: t.from,
      to: t.to,
      value: hex(BigInt(t.value)),
      gas: hex(100_000),
      gasPrice: hex(BigInt(t.gasPrice)),
      input: t.input ?? (t.tokens ? '0xa9059cbb' : '0x'),
      nonce: '0x0',
      type: '0x0',
      v: '0x25',
      r: '0x1',
      s: '0x1',
      chainId: hex(chain.chainId),
    }
  }

  function rpcReceipt(t: Tx) {
    const where = {
      blockHash: blockHash(t.block),
      blockNumber: hex(t.block),
      transactionHash: t.hash,
      transactionIndex: hex(t.index),
    }
    return {
      ...where,
      from: t.from,
      to: t.to,
      cumulativeGasUsed: hex(BigInt(t.gasUsed)),
      gasUsed: hex(BigInt(t.gasUsed)),
      effectiveGasPrice: hex(BigInt(t.gasPrice)),
      contractAddress: null,
      logsBloom: `0x${'0'.repeat(512)}`,
      status: '0x1',
      type: '0x0',
      logs: [
        ...(t.tokens ?? []).map((k) => ({
          ...where,
          address: k.contract,
          topics: [TRANSFER, pad(k.from), pad(k.to)],
          data: `0x${BigInt(k.value).toString(16).padStart(64, '0')}`,
          logIndex: hex(k.logIndex),
          removed: false,
        })),
        ...(t.logs ?? []).map((l) => ({
          ...where,
          ...l,
          logIndex: hex(l.logIndex),
          removed: false,
        })),
      ],
    }
  }

  function rpcBlock(number: number, full: boolean) {
    const txs = chain.txs.filter((t) => t.block === number)
    return {
      number: hex(number),
      hash: blockHash(number),
      parentHash: blockHash(number - 1),
      timestamp: hex(time(number)),
      nonce: '0x0000000000000000',
      sha3Uncles: `0x${'0'.repeat(64)}`,
      logsBloom: `0x${'0'.repeat(512)}`,
      transactionsRoot: `0x${'0'.repeat(64)}`,
      stateRoot: `0x${'0'.repeat(64)}`,
      receiptsRoot: `0x${'0'.repeat(64)}`,
      miner: `0x${'0'.repeat(40)}`,
      difficulty: '0x0',
      totalDifficulty: '0x0',
      extraData: '0x',
      size: '0x100',
      gasLimit: hex(30_000_000),
      gasUsed: '0x0',
      uncles: [],
      transactions: txs.map((t) => (full ? rpcTx(t) : t.hash)),
    }
  }

  function rpcAnswer(method: string, params: unknown[]): unknown {
    const [first, second] = params as [string, unknown]
    switch (method) {
      case 'eth_chainId':
        return hex(chain.chainId)
      case 'eth_blockNumber':
        return hex(chain.tip)
      case 'eth_getBalance':
        return hex(balanceAt(first.toLowerCase(), null, Number(second)))
      case 'eth_call':
        return balanceOfCall(
          first as unknown as { to: string; data: string },
          String(second),
        )
      case 'eth_getTransactionByHash': {
        const t = byHash.get(first)
        return t ? rpcTx(t) : null
      }
      case 'eth_getTransactionReceipt': {
        const t = byHash.get(first)
        return t ? rpcReceipt(t) : null
      }
      case 'eth_getBlockByNumber':
        return rpcBlock(Number(first), second === true)
      case 'debug_traceTransaction': {
        const t = byHash.get(first)
        if (!t) throw new RpcFault('transaction not found')
        return {
          type: 'CALL',
          from: t.from,
          to: t.to,
          value: hex(BigInt(t.value)),
          gas: '0x0',
          gasUsed: '0x0',
          input: '0x',
          calls: (t.internal ?? []).map((i) => ({
            type: 'CALL',
            from: i.from,
            to: i.to,
            value: hex(BigInt(i.value)),
            gas: '0x0',
            gasUsed: '0x0',
            input: '0x',
          })),
        }
      }
    }
    throw new RpcFault(`the method ${method} does not exist/is not available`)
  }

  return { explorerAnswer, rpcAnswer, time }
}

/** msw handlers: the explorer at `explorerUrl`, JSON-RPC at `rpcUrl`. */
export function evmSimHandlers(
  chain: SimChain,
  key: string,
  urls: { explorer: string; rpc?: string | undefined },
) {
  const sim = createEvmSim(chain, key)
  const handlers = [
    http.get(urls.explorer, ({ request }) =>
      HttpResponse.json(sim.explorerAnswer(new URL(request.url)) as never),
    ),
  ]
  if (urls.rpc)
    handlers.push(
      http.post(urls.rpc, async ({ request }) => {
        const body = (await request.json()) as {
          id: number
          method: string
          params: unknown[]
        }
        try {
          return HttpResponse.json({
            jsonrpc: '2.0',
            id: body.id,
            result: sim.rpcAnswer(body.method, body.params ?? []),
          } as never)
        } catch (err) {
          return HttpResponse.json({
            jsonrpc: '2.0',
            id: body.id,
            error: { code: -32601, message: (err as Error).message },
          })
        }
      }),
    )
  return handlers
}

/** Several chains behind one Etherscan v2 URL, told apart by `chainid` as the real API does. */
export function evmMultiSimHandlers(
  chains: readonly SimChain[],
  key: string,
  explorer: string,
) {
  const sims = new Map(
    chains.map((c) => [String(c.chainId), createEvmSim(c, key)]),
  )
  return [
    http.get(explorer, ({ request }) => {
      const url = new URL(request.url)
      const sim = sims.get(url.searchParams.get('chainid') ?? '')
      return HttpResponse.json(
        (sim?.explorerAnswer(url) ?? {
          status: '0',
          message: 'NOTOK',
          result: 'Missing or unsupported chainid parameter',
        }) as never,
      )
    }),
  ]
}
