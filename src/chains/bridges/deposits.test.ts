import { readFileSync } from 'node:fs'
import {
  encodeAbiParameters,
  encodeEventTopics,
  type Hex,
  pad,
  parseAbiParameters,
  zeroAddress,
} from 'viem'
import { describe, expect, test } from 'vitest'
import type { ReceiptLog } from '../evm/sources.js'
import { ACROSS_ABI, MULTICHAIN_ABI, OP_STACK_ABI, SYNAPSE_ABI } from './abi.js'
import { type BridgeDeposit, bridgeDeposits } from './deposits.js'
import { acrossFills } from './fills.js'

const SPOKE_ETH = '0x5c7bcd6e7de5423a257d81b442095a1a6ced35c5'
const SYNAPSE = '0x2796317b0ff8538f253012862c06787adfb8ceb6'
const ANY_ROUTER = '0x6b7a87899490ece95443e979ca9485cbe7e71522'
const BASE_BRIDGE = '0x3154cf16ccdb4c6d922629664174b904d80f2c35'
const OP_BRIDGE = '0x99c9fc46f92e8a1c0dec1b1747d010903e884be1'
const WETH = '0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2'
const ARB_WETH = '0x82af49447d8a07e3bd95bd0d56f35241523fbab1'
const USDC = '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48'
const BASE_USDC = '0x833589fcd6edb6e08f4c7c32d4f71b54bda02913'
const THIEF: Hex = '0x2000000000000000000000000000000000000002'
const DEST: Hex = '0x3000000000000000000000000000000000000003'
const ETH = 10n ** 18n

const topics = (t: readonly unknown[]) => t as string[]
const log = (
  address: string,
  t: readonly unknown[],
  data: Hex,
  logIndex = 7,
): ReceiptLog => ({ address, topics: topics(t), data, logIndex })

const v3Deposit = log(
  SPOKE_ETH,
  encodeEventTopics({
    abi: ACROSS_ABI,
    eventName: 'V3FundsDeposited',
    args: {
      destinationChainId: 42161n,
      depositId: 1_234_567,
      depositor: THIEF,
    },
  }),
  encodeAbiParameters(
    parseAbiParameters(
      'address, address, uint256, uint256, uint32, uint32, uint32, address, address, bytes',
    ),
    [
      WETH,
      ARB_WETH,
      5n * ETH,
      4_995_000_000_000_000_000n,
      1_719_000_000,
      1_719_010_000,
      0,
      DEST,
      zeroAddress,
      '0x',
    ],
  ),
)

const fundsDeposited = log(
  SPOKE_ETH,
  encodeEventTopics({
    abi: ACROSS_ABI,
    eventName: 'FundsDeposited',
    args: {
      destinationChainId: 8453n,
      depositId: 3_000_000_000_000n,
      depositor: pad(THIEF),
    },
  }),
  encodeAbiParameters(
    parseAbiParameters(
      'bytes32, bytes32, uint256, uint256, uint32, uint32, uint32, bytes32, bytes32, bytes',
    ),
    [
      pad(USDC),
      pad(BASE_USDC),
      1_000_000_000n,
      999_000_000n,
      1_719_000_000,
      1_719_010_000,
      0,
      pad(DEST),
      pad(zeroAddress),
      '0x1234',
    ],
  ),
  2,
)

const synapseDeposit = log(
  SYNAPSE,
  encodeEventTopics({
    abi: SYNAPSE_ABI,
    eventName: 'TokenDeposit',
    args: { to: DEST },
  }),
  encodeAbiParameters(parseAbiParameters('uint256, address, uint256'), [
    42161n,
    WETH,
    2n * ETH,
  ]),
)

const synapseSwap = log(
  SYNAPSE,
  encodeEventTopics({
    abi: SYNAPSE_ABI,
    eventName: 'TokenDepositAndSwap',
    args: { to: DEST },
  }),
  encodeAbiParameters(
    parseAbiParameters(
      'uint256, address, uint256, uint8, uint8, uint256, uint256',
    ),
    [10n, USDC, 7_000_000n, 0, 1, 6_900_000n, 1_719_100_000n],
  ),
)

const anySwapOut = log(
  ANY_ROUTER,
  encodeEventTopics({
    abi: MULTICHAIN_ABI,
    eventName: 'LogAnySwapOut',
    args: {
      token: '0x7ea2be2df7ba6e54b1a9c70676f668455e329d29',
      from: THIEF,
      to: DEST,
    },
  }),
  encodeAbiParameters(parseAbiParameters('uint256, uint256, uint256'), [
    3n * ETH,
    1n,
    56n,
  ]),
)

const ethDeposit = (bridge: string) =>
  log(
    bridge,
    encodeEventTopics({
      abi: OP_STACK_ABI,
      eventName: 'ETHDepositInitiated',
      args: { from: THIEF, to: DEST },
    }),
    encodeAbiParameters(parseAbiParameters('uint256, bytes'), [ETH, '0x']),
    1,
  )
const ethBridgeEcho = log(
  BASE_BRIDGE,
  encodeEventTopics({
    abi: OP_STACK_ABI,
    eventName: 'ETHBridgeInitiated',
    args: { from: THIEF, to: DEST },
  }),
  encodeAbiParameters(parseAbiParameters('uint256, bytes'), [ETH, '0x']),
  2,
)
const erc20Deposit = log(
  OP_BRIDGE,
  encodeEventTopics({
    abi: OP_STACK_ABI,
    eventName: 'ERC20DepositInitiated',
    args: { l1Token: USDC, l2Token: BASE_USDC, from: THIEF },
  }),
  encodeAbiParameters(parseAbiParameters('address, uint256, bytes'), [
    DEST,
    25_000_000n,
    '0x',
  ]),
)

const lead = (d: Partial<BridgeDeposit>) => ({
  inputToken: null,
  outputToken: null,
  outputAmount: null,
  depositId: null,
  logIndex: 7,
  recipient: DEST,
  ...d,
})

describe('bridge deposit events', () => {
  test('topic0 of each event is the one data-sources.md §5.2 lists', () => {
    const topic = (abi: readonly unknown[], eventName: string) =>
      encodeEventTopics({ abi: abi as never, eventName } as never)[0]
    expect(topic(ACROSS_ABI, 'V3FundsDeposited')).toBe(
      '0xa123dc29aebf7d0c3322c8eeb5b999e859f39937950ed31056532713d0de396f',
    )
    expect(topic(ACROSS_ABI, 'FundsDeposited')).toBe(
      '0x32ed1a409ef04c7b0227189c3a103dc5ac10e775a15b785dcc510201f7c25ad3',
    )
    // The legacy fill topic relayers' indexers filter on.
    expect(topic(ACROSS_ABI, 'FilledV3Relay')).toBe(
      '0x571749edf1d5c9599318cdbc4e28a6475d65e87fd3b2ddbe1e9a8d5e7a0f0ff7',
    )
    expect(topic(SYNAPSE_ABI, 'TokenDeposit')).toMatch(/^0xda527370/)
    expect(topic(SYNAPSE_ABI, 'TokenDepositAndSwap')).toMatch(/^0x79c15604/)
    expect(topic(MULTICHAIN_ABI, 'LogAnySwapOut')).toMatch(/^0x97116cf6/)
    expect(topic(OP_STACK_ABI, 'ETHDepositInitiated')).toMatch(/^0x35d79ab8/)
    expect(topic(OP_STACK_ABI, 'ETHBridgeInitiated')).toMatch(/^0x2849b430/)
  })

  const valid: [string, ReceiptLog[], Partial<BridgeDeposit>[]][] = [
    [
      'Across V3FundsDeposited: WETH in, Arbitrum WETH out, deposit id',
      [v3Deposit],
      [
        {
          protocol: 'across',
          event: 'V3FundsDeposited',
          contract: SPOKE_ETH,
          destinationChainId: 42161,
          destination: 'arbitrum',
          inputToken: WETH,
          inputAmount: 5n * ETH,
          outputToken: ARB_WETH,
          outputAmount: 4_995_000_000_000_000_000n,
          depositId: '1234567',
        },
      ],
    ],
    [
      'Across FundsDeposited: bytes32 addresses read as addresses, uint256 deposit id',
      [fundsDeposited],
      [
        {
          protocol: 'across',
          event: 'FundsDeposited',
          contract: SPOKE_ETH,
          destinationChainId: 8453,
          destination: 'base',
          inputToken: USDC,
          inputAmount: 1_000_000_000n,
          outputToken: BASE_USDC,
          outputAmount: 999_000_000n,
          depositId: '3000000000000',
          logIndex: 2,
        },
      ],
    ],
    [
      'Synapse TokenDeposit: chain id and token, no output stated',
      [synapseDeposit],
      [
        {
          protocol: 'synapse',
          event: 'TokenDeposit',
          contract: SYNAPSE,
          destinationChainId: 42161,
          destination: 'arbitrum',
          inputToken: WETH,
          inputAmount: 2n * ETH,
        },
      ],
    ],
    [
      'Synapse TokenDepositAndSwap',
      [synapseSwap],
      [
        {
          protocol: 'synapse',
          event: 'TokenDepositAndSwap',
          contract: SYNAPSE,
          destinationChainId: 10,
          destination: 'optimism',
          inputToken: USDC,
          inputAmount: 7_000_000n,
        },
      ],
    ],
    [
      'Multichain LogAnySwapOut: toChainID from the data',
      [anySwapOut],
      [
        {
          protocol: 'multichain',
          event: 'LogAnySwapOut',
          contract: ANY_ROUTER,
          destinationChainId: 56,
          destination: 'bsc',
          inputToken: '0x7ea2be2df7ba6e54b1a9c70676f668455e329d29',
          inputAmount: 3n * ETH,
        },
      ],
    ],
    [
      "OP Stack ETH deposit to Base: the bridge's address names the chain; the BridgeInitiated echo is not a second deposit",
      [ethDeposit(BASE_BRIDGE), ethBridgeEcho],
      [
        {
          protocol: 'op-stack',
          event: 'ETHDepositInitiated',
          contract: BASE_BRIDGE,
          destinationChainId: 8453,
          destination: 'base',
          inputAmount: ETH,
          outputAmount: ETH,
          logIndex: 1,
        },
      ],
    ],
    [
      'OP Stack ERC-20 deposit to Optimism: recipient from the data, L2 token',
      [erc20Deposit],
      [
        {
          protocol: 'op-stack',
          event: 'ERC20DepositInitiated',
          contract: OP_BRIDGE,
          destinationChainId: 10,
          destination: 'optimism',
          inputToken: USDC,
          inputAmount: 25_000_000n,
          outputToken: BASE_USDC,
          outputAmount: 25_000_000n,
        },
      ],
    ],
  ]

  test.each(valid)('%s', (_name, logs, expected) => {
    expect(bridgeDeposits(logs)).toEqual(expected.map(lead))
  })

  const invalid: [string, ReceiptLog[]][] = [
    [
      'a Transfer log',
      [
        log(
          USDC,
          [
            '0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef',
            pad(THIEF),
            pad(DEST),
          ],
          pad('0x01'),
        ),
      ],
    ],
    // The OP Stack events do not name their chain: an unknown bridge's cannot be placed.
    ['an ETHDepositInitiated from a contract not listed', [ethDeposit(WETH)]],
    [
      'a V3FundsDeposited with its data cut short',
      [{ ...v3Deposit, data: v3Deposit.data.slice(0, 130) }],
    ],
    ['no logs', []],
  ]

  test.each(invalid)('%s is no deposit', (_name, logs) => {
    expect(bridgeDeposits(logs)).toEqual([])
  })

  test('an unknown destination chain id keeps the id and names no chain', () => {
    const far = log(
      SYNAPSE,
      encodeEventTopics({
        abi: SYNAPSE_ABI,
        eventName: 'TokenDeposit',
        args: { to: DEST },
      }),
      encodeAbiParameters(parseAbiParameters('uint256, address, uint256'), [
        987_654_321n,
        WETH,
        ETH,
      ]),
    )
    expect(bridgeDeposits([far])).toMatchObject([
      { destinationChainId: 987_654_321, destination: null },
    ])
  })
})

describe('a real mainnet deposit (fixtures/bridges, data recorded, topics built)', () => {
  const real = JSON.parse(
    readFileSync(
      new URL(
        '../../../fixtures/bridges/across-deposit-0x93a9d5e3.json',
        import.meta.url,
      ),
      'utf8',
    ),
  ) as { contract: string; data: Hex }
  test.each(['V3FundsDeposited', 'FundsDeposited'] as const)(
    'its data reads the same under %s',
    (eventName) => {
      const topicsOf = encodeEventTopics({
        abi: ACROSS_ABI,
        eventName,
        args: {
          destinationChainId: 42161n,
          depositId: 1,
          depositor: eventName === 'FundsDeposited' ? pad(THIEF) : THIEF,
        },
      } as never)
      expect(
        bridgeDeposits([log(real.contract, topicsOf, real.data, 9)]),
      ).toEqual([
        {
          protocol: 'across',
          event: eventName,
          contract: SPOKE_ETH,
          logIndex: 9,
          destinationChainId: 42161,
          destination: 'arbitrum',
          recipient: '0x1886a1eb051c10f20c7386576a6a0716b20b2734',
          inputToken: WETH,
          inputAmount: 4_956_250_000_000_000n,
          outputToken: ARB_WETH,
          outputAmount: 4_953_330_998_771_853n,
          depositId: '1',
        },
      ])
    },
  )
})

describe('Across fills', () => {
  const info = (recipient: Hex, amount: bigint) => ({
    updatedRecipient: recipient,
    updatedMessage: '0x' as Hex,
    updatedOutputAmount: amount,
    fillType: 0,
  })
  const v3Fill = (recipient: Hex, updated: Hex, updatedAmount: bigint) =>
    log(
      '0xe35e9842fceaca96570b734083f4a58e8f7c5f2a',
      encodeEventTopics({
        abi: ACROSS_ABI,
        eventName: 'FilledV3Relay',
        args: { originChainId: 1n, depositId: 1_234_567, relayer: THIEF },
      }),
      encodeAbiParameters(
        parseAbiParameters(
          'address, address, uint256, uint256, uint256, uint32, uint32, address, address, address, bytes, (address, bytes, uint256, uint8)',
        ),
        [
          WETH,
          ARB_WETH,
          5n * ETH,
          4_995_000_000_000_000_000n,
          1n,
          1_719_010_000,
          0,
          zeroAddress,
          THIEF,
          recipient,
          '0x',
          Object.values(info(updated, updatedAmount)) as never,
        ],
      ),
      4,
    )

  test('FilledV3Relay names the origin chain and deposit id; a speed-up recipient and amount win', () => {
    expect(
      acrossFills([v3Fill(DEST, DEST, 4_995_000_000_000_000_000n)]),
    ).toEqual([
      {
        event: 'FilledV3Relay',
        logIndex: 4,
        originChainId: 1,
        depositId: '1234567',
        recipient: DEST,
        outputAmount: 4_995_000_000_000_000_000n,
      },
    ])
    expect(
      acrossFills([v3Fill(DEST, THIEF, 4_990_000_000_000_000_000n)]),
    ).toMatchObject([
      { recipient: THIEF, outputAmount: 4_990_000_000_000_000_000n },
    ])
  })

  test('FilledRelay with bytes32 fields', () => {
    const fill = log(
      '0xe35e9842fceaca96570b734083f4a58e8f7c5f2a',
      encodeEventTopics({
        abi: ACROSS_ABI,
        eventName: 'FilledRelay',
        args: {
          originChainId: 1n,
          depositId: 3_000_000_000_000n,
          relayer: pad(THIEF),
        },
      }),
      encodeAbiParameters(
        parseAbiParameters(
          'bytes32, bytes32, uint256, uint256, uint256, uint32, uint32, bytes32, bytes32, bytes32, bytes32, (bytes32, bytes32, uint256, uint8)',
        ),
        [
          pad(USDC),
          pad(BASE_USDC),
          1_000_000_000n,
          999_000_000n,
          1n,
          1_719_010_000,
          0,
          pad(zeroAddress),
          pad(THIEF),
          pad(DEST),
          pad('0x00'),
          [pad('0x00'), pad('0x00'), 0n, 0] as never,
        ],
      ),
    )
    expect(acrossFills([fill])).toEqual([
      {
        event: 'FilledRelay',
        logIndex: 7,
        originChainId: 1,
        depositId: '3000000000000',
        recipient: DEST,
        outputAmount: 999_000_000n,
      },
    ])
    // A deposit is no fill.
    expect(acrossFills([v3Deposit, fundsDeposited])).toEqual([])
  })
})
