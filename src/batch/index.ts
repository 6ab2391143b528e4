/** The batch library API, for the package entry point to re-export. */

export { type CaseClient, createCaseClient } from './case-client.js'
export {
  type BatchCase,
  BatchFileError,
  type CaseProblem,
  loadCasesFile,
  parseCases,
} from './cases.js'
export { type BatchClientOptions, createBatchClient } from './client.js'
export { assignCaseDirs, caseDirName } from './ids.js'
export {
  type CaseReport,
  type CrossCaseLinks,
  crossCaseLinks,
  type Deposit,
  type ExchangeTotal,
  type SharedAddress,
} from './links.js'
export { type BatchOptions, batch } from './run.js'
export {
  createSharedRequests,
  type SharedRequests,
} from './shared-requests.js'
export type {
  BatchProgressEvent,
  BatchResult,
  CaseOutcome,
  CaseStatus,
} from './types.js'
