/**
 * The parts of a freeze request the case file fills: who asks, under which
 * reference, and on what legal basis. A field the case file lacks stays a
 * bracketed placeholder, so an officer sees at a glance what to complete.
 */
import { plainText } from './html/escape.js'
import type { ReportCaseFacts } from './types.js'

type Reports = Partial<ReportCaseFacts['reports']>

export const PLACEHOLDER = {
  reference: '[CASE / CRIME REFERENCE NO.]',
  agency: '[AGENCY FULL NAME]',
  officer: '[OFFICER NAME, RANK, BADGE NO.], [OFFICIAL E-MAIL], [PHONE]',
  legalBasis:
    '[LEGAL AUTHORITY: statute, section and, if any, court or freezing order no.]',
} as const

/** Case-file text is typed by a person and may carry controls: plain-text-safe always. */
function field(value: string | undefined, placeholder: string): string {
  const v = value?.trim()
  return v ? plainText(v) : placeholder
}

export type RequestParties = {
  reference: string
  agency: string
  officer: string
  legalBasis: string
}

export function requestParties(reports: Reports | undefined): RequestParties {
  return {
    reference: field(reports?.police, PLACEHOLDER.reference),
    agency: field(reports?.policeAgency, PLACEHOLDER.agency),
    officer: field(reports?.officer, PLACEHOLDER.officer),
    legalBasis: field(reports?.legalBasis, PLACEHOLDER.legalBasis),
  }
}

/** "[JURISDICTION] Met Police / CR-1": the subject's sender tag. */
export function subjectTag(p: RequestParties): string {
  const known = p.agency !== PLACEHOLDER.agency
  const ref = p.reference !== PLACEHOLDER.reference
  return known || ref
    ? `[JURISDICTION] ${known ? p.agency : '[AGENCY]'} / ${ref ? p.reference : '[CASE NO.]'}`
    : '[JURISDICTION] [AGENCY / CASE NO.]'
}

export function fromLines(p: RequestParties): string[] {
  return [`From: ${p.agency}, ${p.officer}`, `Case reference: ${p.reference}`]
}

/** Every request carries it: an exchange acts on a stated authority, not on a report. */
export function legalBasisLines(p: RequestParties): string[] {
  return [
    'LEGAL BASIS',
    `  ${p.legalBasis}`,
    '  A copy of the authority (police report, official letter or court order) is attached; the preservation request stands on its own while legal process is obtained.',
    '',
  ]
}
