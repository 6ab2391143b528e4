import { LabelFileError } from '../csv.js'
import {
  createCollector,
  type ImportOptions,
  type ImportResult,
} from './common.js'
import { csvRows } from './csv.js'

/** Spellbook's cex_evms_addresses applies to every EVM chain it tracks. */
const SPELLBOOK_EVM_CHAINS = [
  'ethereum',
  'bsc',
  'polygon',
  'arbitrum',
  'optimism',
  'base',
  'avalanche',
] as const

/**
 * Dune spellbook CEX address lists exported to CSV:
 * `[blockchain,]address,cex_name,distinct_name,added_by,added_date`.
 * Without a blockchain column (cex_evms_addresses) each row is labelled on
 * every EVM chain, because that is what the list asserts; --chain narrows it.
 */
export function importSpellbook(
  text: string,
  options: ImportOptions,
): ImportResult {
  const { add, skip, result } = createCollector(options)
  for (const { line, row, header } of csvRows(text, options.file)) {
    if (!header.includes('address') || !header.includes('cex_name')) {
      throw new LabelFileError({
        file: options.file,
        line: 1,
        field: 'header',
        reason: 'expected address and cex_name columns',
      })
    }
    const where = `${options.file}:${line}`
    const chains = options.chain
      ? [options.chain]
      : row.blockchain
        ? [row.blockchain]
        : [...SPELLBOOK_EVM_CHAINS]
    if (!row.address) {
      skip(where, 'empty address')
      continue
    }
    for (const chain of chains) {
      add(
        {
          chain,
          address: row.address ?? '',
          entity: row.cex_name || row.distinct_name || '',
          category: 'exchange',
          source: options.file,
          confidence: 'medium',
          retrieved: /^\d{4}-\d{2}-\d{2}$/.test(row.added_date ?? '')
            ? row.added_date
            : undefined,
        },
        where,
      )
    }
  }
  return result
}
