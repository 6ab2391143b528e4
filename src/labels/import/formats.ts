/** The label file formats fundtrace imports, by name. */
export const FORMATS = [
  'csv',
  'json',
  'tagpack',
  'ofac',
  'etherscan-labels',
  'eth-labels',
  'spellbook',
  'scamsniffer',
  'forta',
] as const
export type LabelFormat = (typeof FORMATS)[number]

export function isLabelFormat(value: string): value is LabelFormat {
  return (FORMATS as readonly string[]).includes(value)
}
