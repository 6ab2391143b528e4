/**
 * Bridge events as the protocols' own sources declare them: Across
 * (across-protocol/contracts, V3SpokePoolInterface.sol: `FundsDeposited` and
 * `FilledRelay` with bytes32 addresses, the legacy `V3FundsDeposited` and
 * `FilledV3Relay`), Synapse's SynapseBridge `TokenDeposit` and
 * `TokenDepositAndSwap`, Multichain's router `LogAnySwapOut`, and the OP
 * Stack L1StandardBridge's deposit events.
 */
import { parseAbi } from 'viem'

export const ACROSS_ABI = parseAbi([
  'event V3FundsDeposited(address inputToken, address outputToken, uint256 inputAmount, uint256 outputAmount, uint256 indexed destinationChainId, uint32 indexed depositId, uint32 quoteTimestamp, uint32 fillDeadline, uint32 exclusivityDeadline, address indexed depositor, address recipient, address exclusiveRelayer, bytes message)',
  'event FundsDeposited(bytes32 inputToken, bytes32 outputToken, uint256 inputAmount, uint256 outputAmount, uint256 indexed destinationChainId, uint256 indexed depositId, uint32 quoteTimestamp, uint32 fillDeadline, uint32 exclusivityDeadline, bytes32 indexed depositor, bytes32 recipient, bytes32 exclusiveRelayer, bytes message)',
  'event FilledV3Relay(address inputToken, address outputToken, uint256 inputAmount, uint256 outputAmount, uint256 repaymentChainId, uint256 indexed originChainId, uint32 indexed depositId, uint32 fillDeadline, uint32 exclusivityDeadline, address exclusiveRelayer, address indexed relayer, address depositor, address recipient, bytes message, (address updatedRecipient, bytes updatedMessage, uint256 updatedOutputAmount, uint8 fillType) relayExecutionInfo)',
  'event FilledRelay(bytes32 inputToken, bytes32 outputToken, uint256 inputAmount, uint256 outputAmount, uint256 repaymentChainId, uint256 indexed originChainId, uint256 indexed depositId, uint32 fillDeadline, uint32 exclusivityDeadline, bytes32 exclusiveRelayer, bytes32 indexed relayer, bytes32 depositor, bytes32 recipient, bytes32 messageHash, (bytes32 updatedRecipient, bytes32 updatedMessageHash, uint256 updatedOutputAmount, uint8 fillType) relayExecutionInfo)',
])

export const SYNAPSE_ABI = parseAbi([
  'event TokenDeposit(address indexed to, uint256 chainId, address token, uint256 amount)',
  'event TokenDepositAndSwap(address indexed to, uint256 chainId, address token, uint256 amount, uint8 tokenIndexFrom, uint8 tokenIndexTo, uint256 minDy, uint256 deadline)',
])

export const MULTICHAIN_ABI = parseAbi([
  'event LogAnySwapOut(address indexed token, address indexed from, address indexed to, uint256 amount, uint256 fromChainID, uint256 toChainID)',
])

export const OP_STACK_ABI = parseAbi([
  'event ETHDepositInitiated(address indexed from, address indexed to, uint256 amount, bytes extraData)',
  'event ERC20DepositInitiated(address indexed l1Token, address indexed l2Token, address indexed from, address to, uint256 amount, bytes extraData)',
  'event ETHBridgeInitiated(address indexed from, address indexed to, uint256 amount, bytes extraData)',
  'event ERC20BridgeInitiated(address indexed localToken, address indexed remoteToken, address indexed from, address to, uint256 amount, bytes extraData)',
])

/**
 * The OP Stack chain each L1StandardBridge deposits to: its events do not
 * name the destination, the bridge's address does (data/labels/bridges.csv).
 */
export const OP_STACK_BRIDGES: Readonly<Record<string, number>> = {
  // Base L1StandardBridge
  '0x3154cf16ccdb4c6d922629664174b904d80f2c35': 8453,
  // Optimism L1StandardBridge
  '0x99c9fc46f92e8a1c0dec1b1747d010903e884be1': 10,
}
