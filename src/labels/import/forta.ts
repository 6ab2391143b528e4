import { LabelFileError } from '../csv.js'
import { normalizeChain } from '../normalize.js'
import {
  createCollector,
  type ImportOptions,
  type ImportResult,
} from './common.js'
import { csvRows } from './csv.js'

/** The three CSV shapes in forta-network/labelled-datasets `labels/<chainId>/`. */
type FortaKind = 'banned' | 'contracts' | 'phishing'

type Row = Record<string, string>
type Tag = { address: string; entity: string; category: string }

/** Which Forta file a CSV header belongs to, by columns no other format has. */
export function fortaKind(header: readonly string[]): FortaKind | undefined {
  const has = (...names: string[]) => names.every((n) => header.includes(n))
  if (has('banned_address', 'wallet_tag')) return 'banned'
  if (has('contract_address', 'contract_creator', 'contract_tag'))
    return 'contracts'
  if (has('address', 'etherscan_tag', 'etherscan_labels')) return 'phishing'
  return undefined
}

/** Forta keeps each chain's files in a folder named by its chain id. */
export function chainFromIdFolder(path: string): string | undefined {
  // Either separator, as chainFromPath does: a Windows path may be passed.
  const folder = path.split(/[\\/]/).at(-2) ?? ''
  return /^\d+$/.test(folder) ? normalizeChain(folder) : undefined
}

/**
 * Exploits and heists are hacks; the rest (phishing, fake and spam tokens)
 * are scams. Etherscan's "phish-hack" label is phishing, not a hack.
 */
export function fortaCategory(...texts: string[]): 'hack' | 'scam' {
  const text = texts.join(' ').toLowerCase().replaceAll('phish-hack', '')
  return /exploit|heist|hack/.test(text) ? 'hack' : 'scam'
}

const field = (row: Row, name: string): string => row[name] ?? ''

function bannedTags(row: Row): Tag[] {
  const tag = field(row, 'wallet_tag')
  const list = field(row, 'data_source') || 'Forta labelled datasets'
  return [
    {
      address: field(row, 'banned_address'),
      entity: tag || `listed in ${list}`,
      category: fortaCategory(tag, list),
    },
  ]
}

/** A malicious contract's deployer is as much a lead as the contract. */
function contractTags(row: Row): Tag[] {
  const tag = field(row, 'contract_tag')
  const creator = field(row, 'contract_creator')
  const creatorTag = field(row, 'contract_creator_tag')
  const category = fortaCategory(
    tag,
    creatorTag,
    field(row, 'notes'),
    field(row, 'contract_creator_etherscan_label'),
  )
  const tags = [
    {
      address: field(row, 'contract_address'),
      entity: tag || 'malicious contract',
      category,
    },
  ]
  if (creator) {
    const entity = creatorTag || `creator of ${tag || 'a malicious contract'}`
    tags.push({ address: creator, entity, category })
  }
  return tags
}

function phishingTags(row: Row): Tag[] {
  return [
    {
      address: field(row, 'address'),
      entity: field(row, 'etherscan_tag') || 'phishing address',
      category: 'scam',
    },
  ]
}

const TAGGERS: Record<FortaKind, (row: Row) => Tag[]> = {
  banned: bannedTags,
  contracts: contractTags,
  phishing: phishingTags,
}

/**
 * Forta labelled datasets (etherscan_malicious_labels, malicious_smart_contracts,
 * phishing_scams CSVs). Chain from --chain, else the `<chainId>` folder, else
 * ethereum. Compiled from Etherscan and others: medium confidence.
 */
export function importForta(
  text: string,
  options: ImportOptions,
): ImportResult {
  const { add, result } = createCollector(options)
  const chain = options.chain ?? chainFromIdFolder(options.file) ?? 'ethereum'
  for (const { line, row, header } of csvRows(text, options.file)) {
    const kind = fortaKind(header)
    if (!kind) {
      throw new LabelFileError({
        file: options.file,
        line: 1,
        field: 'header',
        reason:
          'expected a Forta labelled-datasets header (banned_address, contract_address or address,etherscan_tag)',
      })
    }
    const where = `${options.file}:${line}`
    for (const tag of TAGGERS[kind](row)) {
      add({ chain, ...tag, source: options.file, confidence: 'medium' }, where)
    }
  }
  return result
}
