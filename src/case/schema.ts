/**
 * The case file: what the victim knows that the chain does not. Every field is
 * free text as the victim wrote it; nothing here is verified by fundtrace.
 */
import { z } from 'zod'
import { isTimeZone, parseLocalTime, toUtc } from './time.js'

const text = (what: string) =>
  z
    .string({ error: `Required: ${what}` })
    .trim()
    .min(1, `Required: ${what}`)
const optionalText = z.string().trim().min(1).optional()

const timeZone = z
  .string()
  .trim()
  .refine(isTimeZone, {
    error: (issue) =>
      `Unknown IANA time zone "${String(issue.input)}" (use e.g. Europe/London, America/New_York, UTC)`,
  })

const chronologyEntry = z.strictObject({
  time: z
    .string({ error: 'Invalid ISO date' })
    .trim()
    .refine((t) => parseLocalTime(t) !== null, 'Invalid ISO date'),
  timezone: timeZone.optional(),
  what: text('what happened'),
})

/** A list entry may be a bare string; it becomes `{ [key]: string }`. */
const entryOrString = <T extends z.ZodType>(key: string, schema: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? { [key]: v } : v),
    schema,
  ) as unknown as T

const platform = entryOrString(
  'name',
  z.strictObject({
    name: text('the platform, site or app name'),
    kind: optionalText,
    url: optionalText,
    domain: optionalText,
    notes: optionalText,
  }),
)

const victimAddress = entryOrString(
  'address',
  z.strictObject({
    address: text('the address'),
    chain: optionalText,
    ownership: text(
      'how ownership is shown (e.g. exchange withdrawal record, wallet screenshot, signed message)',
    ),
  }),
)

const suspectIdentifier = entryOrString(
  'value',
  z.strictObject({
    kind: optionalText,
    value: text('the identifier'),
    notes: optionalText,
  }),
)

export const caseFactsSchema = z
  .strictObject({
    /** Default zone for chronology entries that name none. */
    timezone: timeZone.optional(),
    victim: z.strictObject({
      name: text("the victim's name"),
      contact: optionalText,
    }),
    reports: z
      .strictObject({
        police: optionalText,
        policeAgency: optionalText,
        /** Investigating officer: name, rank, badge, official e-mail and phone, as free text. */
        officer: optionalText,
        /** The law or order a freeze request relies on, e.g. a statute section or court order number. */
        legalBasis: optionalText,
        ic3: optionalText,
        reportFraud: optionalText,
        actionFraud: optionalText,
        reportCyber: optionalText,
        cafc: optionalText,
        other: z
          .array(z.strictObject({ name: text('the body'), id: text('the id') }))
          .optional(),
      })
      .default({}),
    narrative: optionalText,
    chronology: z.array(chronologyEntry).default([]),
    platforms: z.array(platform).default([]),
    victimAddresses: z.array(victimAddress).default([]),
    suspectIdentifiers: z.array(suspectIdentifier).default([]),
  })
  .superRefine((facts, ctx) => {
    facts.chronology.forEach((entry, i) => {
      const zone = entry.timezone ?? facts.timezone
      const parsed = parseLocalTime(entry.time)
      if (!parsed || parsed.explicit !== null) return
      if (!zone) {
        ctx.addIssue({
          code: 'custom',
          path: ['chronology', i, 'timezone'],
          message:
            'Required: the IANA time zone of this local time (or set timezone: at the top)',
        })
      } else if (isTimeZone(zone) && toUtc(entry.time, zone) === null) {
        ctx.addIssue({
          code: 'custom',
          path: ['chronology', i, 'time'],
          message: `${entry.time} does not exist in ${zone} (clocks went forward)`,
        })
      }
    })
  })

export type CaseFacts = z.output<typeof caseFactsSchema>

/** Report numbers shown on the report, in this order, with their labels. */
export const REPORT_NUMBER_LABELS = [
  ['police', 'Police crime / case reference'],
  ['policeAgency', 'Police force / agency'],
  ['ic3', 'FBI IC3 complaint'],
  ['reportFraud', 'Report Fraud (UK) reference'],
  ['actionFraud', 'Action Fraud (UK) reference'],
  ['reportCyber', 'ReportCyber (Australia) reference'],
  ['cafc', 'CAFC (Canada) reference'],
] as const
