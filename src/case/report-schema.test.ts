import { readFileSync } from 'node:fs'
import Ajv2020Module from 'ajv/dist/2020.js'
import { describe, expect, test } from 'vitest'
import { sampleReport } from '../../test/support/sample-report.js'
import { createFilePriceSource, parsePriceFile } from '../prices/file.js'
import { applyFiat } from '../prices/lookup.js'
import { parseCaseFile } from './load.js'
import { redactVictim } from './redact.js'
import { CASE_TEMPLATE } from './template.js'
import { applyCaseFacts } from './timeline.js'

const schema = JSON.parse(
  readFileSync(
    new URL('../../schema/report.schema.json', import.meta.url),
    'utf8',
  ),
)
const Ajv2020 = Ajv2020Module as unknown as typeof Ajv2020Module.default
const validate = new Ajv2020({
  strict: true,
  allErrors: true,
  validateFormats: false,
}).compile(schema)

const prices = createFilePriceSource(
  parsePriceFile('BTC,2026-03-01,65000.12,CoinGecko daily close'),
)
const full = await applyFiat(
  applyCaseFacts(sampleReport(), parseCaseFile(CASE_TEMPLATE)),
  prices,
)

describe('report.schema.json accepts the case-facts and USD fields', () => {
  test.each([
    ['police copy with case facts and USD', full],
    ['redacted victim copy', redactVictim(full)],
  ])('%s', (_name, report) => {
    const ok = validate(JSON.parse(JSON.stringify(report)))
    expect(validate.errors ?? []).toEqual([])
    expect(ok).toBe(true)
  })

  test('and still rejects an unknown field inside caseFacts', () => {
    const bad = JSON.parse(JSON.stringify(full))
    bad.caseFacts.victim.ssn = '123'
    expect(validate(bad)).toBe(false)
  })
})
