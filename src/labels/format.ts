import { stripUnsafe as clean } from '../core/text-safety.js'
import type { Label } from '../core/types.js'
import type { Attribution } from './memory.js'

const FLAG_TEXT = {
  sanctioned: '!! SANCTIONED',
  hack: '!! HACK / THEFT',
} as const

function labelLine(label: Label & { origin?: string | undefined }): string {
  const parts = [
    label.confidence.padEnd(8),
    clean(label.entity),
    `(${clean(label.category)})`,
    `source: ${clean(label.source)}`,
  ]
  if (label.retrieved) parts.push(`retrieved ${clean(label.retrieved)}`)
  if (label.origin) parts.push(`[${clean(label.origin)}]`)
  return `  ${parts.join('  ')}`
}

/** Terminal text for one address: verdict, flags, then every label side by side. */
export function formatAttribution(
  chain: string,
  address: string,
  attribution: Attribution,
): string {
  const head = `${clean(address)} on ${clean(chain)}: ${clean(attribution.entity)} (${clean(attribution.category)}), confidence ${attribution.confidence}`
  const lines = [head]
  for (const flag of attribution.flags) lines.push(`  ${FLAG_TEXT[flag]}`)
  if (attribution.conflict) {
    const names = attribution.entities.map(clean).join(' | ')
    lines.push(
      `  CONFLICT: sources disagree (${names}); confidence lowered one level`,
    )
  }
  lines.push(...attribution.labels.map(labelLine))
  return `${lines.join('\n')}\n`
}
