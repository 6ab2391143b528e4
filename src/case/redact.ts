/**
 * The victim copy: personal fields and the victim's own addresses are removed
 * from the data itself (not visually masked), everywhere they occur in the
 * report, so report.json, the CSVs, the freeze requests and the HTML built
 * from it cannot leak them. Chain data of third parties is untouched.
 */
import type { Report, ReportCaseFacts } from '../report/types.js'

const REDACTED_NAME = '[victim name redacted]'
const REDACTED_CONTACT = '[contact redacted]'

/** Keeps at most the first 4 characters (a format prefix such as bc1q / 0x12). */
export function maskAddress(address: string, n: number): string {
  return `${address.slice(0, 4)}…[victim address ${n}, redacted]`
}

/** Every address the report knows to be the victim's own. */
export function victimAddresses(report: Report): string[] {
  const found = [
    ...(report.caseFacts?.victimAddresses.map((a) => a.address) ?? []),
    ...report.case.victims,
    ...report.case.seeds.flatMap((s) =>
      s.kind === 'address' ? [s.address] : [],
    ),
    ...report.graph.nodes.flatMap((n) =>
      n.role === 'victim' && n.address ? [n.address] : [],
    ),
  ]
  return [...new Set(found.map((a) => a.trim()).filter((a) => a.length >= 8))]
}

type Replacement = { pattern: RegExp; text: string }

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

function literal(value: string, text: string, words = false): Replacement {
  const body = escapeRe(value)
  const source = words ? `(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])` : body
  return { pattern: new RegExp(source, 'giu'), text }
}

/** Longest first, so a full name is replaced before any of its parts. */
function byLength(list: Replacement[]): Replacement[] {
  return list.sort((a, b) => b.pattern.source.length - a.pattern.source.length)
}

function personal(facts: ReportCaseFacts | undefined): {
  everywhere: Replacement[]
  inFacts: Replacement[]
} {
  if (!facts) return { everywhere: [], inFacts: [] }
  const name = facts.victim.name.trim()
  const contacts = facts.victim.contact
    ? [
        facts.victim.contact,
        ...facts.victim.contact.split(/[,;\n]|\s+(?:or|and)\s+/),
      ]
    : []
  const everywhere = [
    literal(name, REDACTED_NAME),
    ...contacts
      .map((c) => c.trim())
      .filter((c) => c.length >= 5)
      .map((c) => literal(c, REDACTED_CONTACT)),
  ]
  // Parts of the name ("Jane") are only masked inside the victim's own text.
  const inFacts = name
    .split(/\s+/)
    .filter((part) => part.length >= 3)
    .map((part) => literal(part, REDACTED_NAME, true))
  return { everywhere, inFacts }
}

function deepReplace<T>(value: T, replacements: readonly Replacement[]): T {
  if (typeof value === 'string') {
    let out: string = value
    for (const r of replacements) out = out.replace(r.pattern, r.text)
    return out as T
  }
  if (Array.isArray(value))
    return value.map((v) => deepReplace(v, replacements)) as T
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, deepReplace(v, replacements)]),
    ) as T
  return value
}

/** The redacted victim copy of a report. The input is not modified. */
export function redactVictim(report: Report): Report {
  const addresses = victimAddresses(report)
  const facts = report.caseFacts
  const { everywhere, inFacts } = personal(facts)
  const addressRules = addresses.map((a, i) =>
    literal(a, maskAddress(a, i + 1)),
  )
  const rules = byLength([...addressRules, ...everywhere])
  const out = deepReplace(report, rules)
  if (!facts || !out.caseFacts) return out
  const caseFacts = deepReplace(out.caseFacts, byLength(inFacts))
  const redacted = [
    'victim.name',
    ...(facts.victim.contact ? ['victim.contact'] : []),
    ...(addresses.length
      ? [`victim addresses (${addresses.length}), everywhere in the report`]
      : []),
  ]
  return {
    ...out,
    caseFacts: {
      ...caseFacts,
      victim: {
        name: REDACTED_NAME,
        ...(facts.victim.contact ? { contact: REDACTED_CONTACT } : {}),
      },
      redacted,
    },
  }
}
