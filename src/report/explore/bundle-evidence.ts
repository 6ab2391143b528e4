/**
 * The evidence index of a bundle already on disk: what a batch overview,
 * written after its cases, needs to link each node and transfer to the
 * files in that case's folder.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Report } from '../types.js'
import {
  type EvidenceIndex,
  evidenceTokens,
  indexEvidence,
} from './evidence-index.js'

async function evidenceFiles(bundleDir: string): Promise<string[]> {
  const names = await readdir(join(bundleDir, 'evidence'), {
    recursive: true,
  }).catch(() => [])
  return names
    .map((name) => name.split('\\').join('/'))
    .filter((name) => name.endsWith('.json'))
    .sort()
}

function requestOf(text: string): { url?: unknown; requestBody?: unknown } {
  try {
    const parsed: unknown = JSON.parse(text)
    return parsed && typeof parsed === 'object' ? parsed : {}
  } catch {
    return {}
  }
}

/**
 * Paths come out as `<prefix>evidence/…`, relative to the page that links
 * them. A folder with no evidence (a victim copy, a failed case) gives none.
 */
export async function indexBundleEvidence(
  bundleDir: string,
  report: Report,
  prefix: string,
): Promise<EvidenceIndex> {
  const index: EvidenceIndex = new Map()
  const wanted = evidenceTokens(report)
  for (const name of await evidenceFiles(bundleDir)) {
    const text = await readFile(join(bundleDir, 'evidence', name), 'utf8')
    indexEvidence(index, wanted, `${prefix}evidence/${name}`, requestOf(text))
  }
  return index
}
