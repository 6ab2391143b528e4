/** What the cover and the letters say about made-up or replayed data. */
import { utc } from '../../core/time.js'
import type { Report } from '../types.js'

export const SYNTHETIC_NOTICE =
  'Synthetic demonstration case — these transactions do not exist on the real chain.'

/** "Replayed offline from evidence recorded …", or null for a live trace. */
export function replayNotice(
  report: Pick<Report, 'provenance'>,
): string | null {
  const replay = report.provenance?.replay
  if (!replay) return null
  const when = replay.recordedAt ? utc(replay.recordedAt) : 'at an unknown time'
  return `Replayed offline from evidence recorded ${when}; no network was used.`
}
