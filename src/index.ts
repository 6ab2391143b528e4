/** fundtrace's public library API: explicit named exports only. */

export { type TraceOptions, type TraceOutcome, trace } from './api/trace.js'
export type { WatchAlert, WatchAlertKind } from './api/watch/alerts.js'
export { SIGNATURE_HEADER, signBody } from './api/watch/deliver.js'
export {
  DEFAULT_INTERVAL_MS,
  type WatchEvent,
  type WatchOptions,
  type WatchSummary,
  watch,
} from './api/watch/watch.js'
export {
  type BatchCase,
  BatchFileError,
  loadCasesFile,
  parseCases,
} from './batch/cases.js'
export { crossCaseLinks } from './batch/links.js'
export { type BatchOptions, batch } from './batch/run.js'
export type { BatchResult } from './batch/types.js'
export { createBitcoinAdapter } from './chains/bitcoin/adapter.js'
export { parseBitcoinAddress, parseTxid } from './chains/bitcoin/address.js'
export { createEsploraSource } from './chains/bitcoin/esplora.js'
export {
  type BridgeDeposit,
  bridgeDeposits,
} from './chains/bridges/deposits.js'
export { type AcrossFill, acrossFills } from './chains/bridges/fills.js'
export type { ChainSourceMap, ChainSources } from './chains/cross/sources.js'
export { createEvmAdapter } from './chains/evm/adapter.js'
export { parseEvmAddress, parseEvmTxHash } from './chains/evm/address.js'
export { resolveEvmChain } from './chains/evm/chains.js'
export { createEtherscanSource } from './chains/evm/etherscan.js'
export { createRpcSource } from './chains/evm/rpc.js'
export {
  chainModules,
  findChain,
  type ResolvedChain,
  resolveChain,
} from './chains/index.js'
export {
  chainOfThorAsset,
  parseThorAsset,
  parseThorMemo,
  type ThorAsset,
  type ThorMemo,
} from './chains/thorchain/memo.js'
export type {
  ChainModel,
  ChainModule,
  ChainRef,
  WalkOutcome,
  WalkRequest,
} from './chains/types.js'
export { formatUnits, parseUnits } from './core/amount.js'
export { BaseError, IncompleteTraceError, UsageError } from './core/errors.js'
export type { Seed } from './core/seeds.js'
export type {
  AccountChainAdapter,
  AccountTransfer,
  Asset,
  BlockRef,
  ChainAdapter,
  Confidence,
  Label,
  LabelLookup,
  OutSpend,
  UtxoChainAdapter,
  UtxoTx,
} from './core/types.js'
export { createFileStore } from './evidence/fileStore.js'
export { createMemoryStore } from './evidence/memoryStore.js'
export { createSpoolStore } from './evidence/spoolStore.js'
export type { EvidenceRecord, EvidenceStore } from './evidence/types.js'
export { loadLabelsFile, parseLabelsCsv } from './labels/csv.js'
export {
  type LabelFile,
  type LabelSet,
  readLabelFiles,
} from './labels/label-set.js'
export { createLabelIndex, resolveAttribution } from './labels/memory.js'
export {
  type BuildReportContext,
  buildReport,
  serializeReport,
} from './report/build.js'
export { writeReportBundle } from './report/bundle.js'
export { renderHtml } from './report/html/html.js'
export { readBundleLabelSet } from './report/label-set.js'
export type { Hit, Report, SwapRow } from './report/types.js'
export { classifyRequest, type Freshness } from './sources/freshness.js'
export { createHttpClient } from './sources/http.js'
export type { HttpClient } from './sources/types.js'
export { walkAccount as traceAccount } from './trace/account/walk.js'
export { trace as traceUtxo } from './trace/engine.js'
export { type Policy, type PolicyFn, policies } from './trace/policy.js'
export { type Reconciliation, reconcile } from './trace/reconcile.js'
export type {
  BridgeLead,
  BridgeProtocol,
  Endpoint,
  SwapCrossCheck,
  SwapEdge,
  SwapSideRecord,
  TraceHit,
  TraceResult,
} from './trace/types.js'
export { VERSION } from './version.js'
