import type { FreezeRequest } from '../../freeze.js'
import type { Report } from '../../types.js'

export type Audience = 'police' | 'victim'

export type SectionContext = {
  report: Report
  audience: Audience
  reportId: string
  bundleSha256: string | undefined
  freeze: FreezeRequest[]
}
