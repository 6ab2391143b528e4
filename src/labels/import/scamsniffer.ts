import { LabelFileError } from '../csv.js'
import {
  createCollector,
  type ImportOptions,
  type ImportResult,
} from './common.js'
import { parseJson } from './json.js'

/** The list names no owner per address, only why it is listed. */
export const SCAMSNIFFER_ENTITY = 'ScamSniffer blacklist (drainer/phishing)'

/**
 * A bare address array could be any list (sanctions, victims, a case's own
 * addresses), so detection also wants the path to look like ScamSniffer's
 * `blacklist/address.json`; a wrong guess would brand addresses as drainers.
 */
export function isScamSnifferPath(path: string): boolean {
  if (/scamsniffer/i.test(path)) return true
  return /(^|[\\/])blacklist[\\/]address\.json$/i.test(path)
}

/**
 * scamsniffer/scam-database `blacklist/address.json`: a JSON array of EVM
 * addresses of drainers and phishing sites' receivers. A third-party list,
 * hence medium confidence; the chain is --chain, else ethereum.
 */
export function importScamSniffer(
  text: string,
  options: ImportOptions,
): ImportResult {
  const data = parseJson(text, options.file)
  if (!Array.isArray(data)) {
    throw new LabelFileError({
      file: options.file,
      reason: 'expected a JSON array of addresses',
    })
  }
  const { add, skip, result } = createCollector(options)
  const chain = options.chain ?? 'ethereum'
  data.forEach((address: unknown, i) => {
    const where = `${options.file}[${i}]`
    if (typeof address !== 'string') {
      const kind = address === null ? 'null' : typeof address
      skip(where, `expected an address string, got ${kind}`)
      return
    }
    add(
      {
        chain,
        address,
        entity: SCAMSNIFFER_ENTITY,
        category: 'scam',
        source: options.file,
        confidence: 'medium',
      },
      where,
    )
  })
  return result
}
