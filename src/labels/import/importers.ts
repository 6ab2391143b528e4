/** Every label-file format fundtrace imports, each to its own parser. */
import type { ImportOptions, ImportResult } from './common.js'
import { importCsv } from './csv.js'
import type { LabelFormat } from './detect.js'
import { importEthLabels } from './eth-labels.js'
import { importEtherscanLabels } from './etherscan-labels.js'
import { importForta } from './forta.js'
import { importJson } from './json.js'
import { importOfac } from './ofac.js'
import { importScamSniffer } from './scamsniffer.js'
import { importSpellbook } from './spellbook.js'
import { importTagpack } from './tagpack.js'

const IMPORTERS: Record<
  LabelFormat,
  (text: string, options: ImportOptions) => ImportResult
> = {
  csv: importCsv,
  json: importJson,
  tagpack: importTagpack,
  ofac: importOfac,
  'etherscan-labels': importEtherscanLabels,
  'eth-labels': importEthLabels,
  spellbook: importSpellbook,
  scamsniffer: importScamSniffer,
  forta: importForta,
}

/** Parses `text` in `format`; structural faults throw LabelFileError, bad rows are skipped. */
export function importLabels(
  text: string,
  format: LabelFormat,
  options: ImportOptions,
): ImportResult {
  return IMPORTERS[format](text, options)
}
