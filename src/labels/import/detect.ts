import { basename, extname } from 'node:path'
import { FORMATS, isLabelFormat, type LabelFormat } from './formats.js'
import { fortaKind } from './forta.js'
import { ofacAsset } from './ofac.js'
import { isScamSnifferPath } from './scamsniffer.js'

export { FORMATS, isLabelFormat, type LabelFormat }

function firstLine(text: string): string {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  return (
    lines.find((l) => l.trim() !== '' && !l.startsWith('#')) ?? ''
  ).toLowerCase()
}

function detectCsv(text: string): LabelFormat | undefined {
  const header = firstLine(text)
    .split(',')
    .map((h) => h.trim())
  if (fortaKind(header)) return 'forta'
  if (header.includes('cex_name') && header.includes('address'))
    return 'spellbook'
  if (header.includes('name tag') && header.includes('address'))
    return 'etherscan-labels'
  const labelCols = ['address', 'entity', 'category']
  if (labelCols.every((c) => header.includes(c))) return 'csv'
  return undefined
}

const EVM_ADDRESS = /^0x[0-9a-f]{40}$/i

/** A non-empty array of 0x addresses, and nothing else. */
function isAddressArray(data: unknown[]): boolean {
  return (
    data.length > 0 &&
    data.every((a) => typeof a === 'string' && EVM_ADDRESS.test(a.trim()))
  )
}

function detectJson(path: string, text: string): LabelFormat | undefined {
  let data: unknown
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    return undefined
  }
  if (Array.isArray(data)) {
    if (isAddressArray(data)) {
      return isScamSnifferPath(path) ? 'scamsniffer' : undefined
    }
    const first: unknown = data[0]
    if (first === null || typeof first !== 'object') return undefined
    if ('nameTag' in first) return 'eth-labels'
    if ('address' in first && ('entity' in first || 'chain' in first))
      return 'json'
    return undefined
  }
  if (data === null || typeof data !== 'object') return undefined
  const value: unknown = Object.values(data)[0]
  if (value && typeof value === 'object' && 'labels' in value)
    return 'etherscan-labels'
  return undefined
}

/**
 * The format of a label file, or undefined when it is ambiguous (a bare
 * address list could be a sanctions list or a scam blacklist: the file name
 * must say `sanctioned_addresses_<ASSET>` for it to count as OFAC, or
 * `scamsniffer` or `blacklist/address.json` for ScamSniffer).
 */
export function detectFormat(
  path: string,
  text: string,
): LabelFormat | undefined {
  if (ofacAsset(path)) return 'ofac'
  const ext = extname(basename(path)).toLowerCase()
  const head = text.trimStart()
  if (ext === '.yaml' || ext === '.yml' || /^tags:\s*$/m.test(text)) {
    return /^tags:/m.test(text) ? 'tagpack' : undefined
  }
  if (head.startsWith('[') || head.startsWith('{'))
    return detectJson(path, head)
  return detectCsv(text)
}
