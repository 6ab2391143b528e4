/** DIR/summary.csv, summary.json, index.html and freeze-requests/ for the whole batch. */
import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeAtomic } from '../evidence/atomic-write.js'
import { toCsv } from '../report/csv.js'
import { indexBundleEvidence } from '../report/explore/bundle-evidence.js'
import type { CaseInput } from '../report/explore/data.js'
import { renderExplore } from '../report/explore/explore.js'
import { EXPLORE_FILE } from '../report/explore/page.js'
import { batchFreezeRequests } from './freeze.js'
import { renderIndexHtml } from './html.js'
import { type CrossCaseLinks, hitsByExchange } from './links.js'
import type { CaseOutcome } from './types.js'

export function summaryCsv(outcomes: readonly CaseOutcome[]): string {
  const header = [
    'case_id',
    'folder',
    'chain',
    'status',
    'resumed',
    'hits',
    'hits_by_exchange',
    'asset',
    'stolen',
    'at_exchanges',
    'at_rest',
    'unexplored',
    'report',
    'error',
  ]
  const rows = outcomes.map((o) => {
    const r = o.report?.reconciliation
    return [
      o.id,
      o.dir,
      o.chain,
      o.status,
      o.resumed ? 'yes' : 'no',
      o.report?.hits.length ?? '',
      hitsByExchange(o),
      o.report?.asset.symbol ?? '',
      r?.stolen.amount ?? '',
      r?.atExchanges.amount ?? '',
      r?.atRest.amount ?? '',
      r?.unexplored.amount ?? '',
      o.report ? `${o.dir}/report.html` : '',
      o.error ?? '',
    ]
  })
  return toCsv(header, rows)
}

/** Machine-readable: statuses and the cross-case links, bigints as strings. */
function summaryJson(
  outcomes: readonly CaseOutcome[],
  links: CrossCaseLinks,
): string {
  const value = {
    cases: outcomes.map((o) => ({
      id: o.id,
      folder: o.dir,
      chain: o.chain,
      status: o.status,
      resumed: o.resumed,
      error: o.error,
      hits: (o.report?.hits ?? []).map((h) => ({
        entity: h.entity,
        address: h.address,
        amount: h.amount,
        amountBase: h.amountBase,
      })),
    })),
    sharedAddresses: links.sharedAddresses,
    /** Case rows that repeat a theft: traced, but counted once in the links and freeze requests. */
    duplicates: links.duplicates,
    exchanges: links.exchanges.map((e) => ({
      ...e,
      totalBase: e.totalBase.toString(),
    })),
  }
  return `${JSON.stringify(value, null, 2)}\n`
}

export async function writeSummary(
  outDir: string,
  outcomes: readonly CaseOutcome[],
  links: CrossCaseLinks,
): Promise<void> {
  const requests = batchFreezeRequests(links)
  // Requests for venues no longer hit (a changed batch) must not linger.
  const freezeDir = join(outDir, 'freeze-requests')
  const keep = new Set(requests.map((r) => `${r.slug}.txt`))
  for (const name of await readdir(freezeDir).catch(() => []))
    if (!keep.has(name)) await rm(join(freezeDir, name), { force: true })
  for (const r of requests) await writeAtomic(join(outDir, r.path), r.text)
  await writeAtomic(join(outDir, 'summary.csv'), summaryCsv(outcomes))
  await writeAtomic(join(outDir, 'summary.json'), summaryJson(outcomes, links))
  await writeAtomic(
    join(outDir, 'index.html'),
    renderIndexHtml(outcomes, links, requests),
  )
  await writeAtomic(
    join(outDir, EXPLORE_FILE),
    await batchExplore(outDir, outcomes),
  )
}

/**
 * Every traced case's graph in one explorer, each node and edge tagged with
 * its case folder and linked to the evidence files in that folder. An
 * address two cases share is drawn once per case; the cross-case links are
 * in index.html.
 */
async function batchExplore(
  outDir: string,
  outcomes: readonly CaseOutcome[],
): Promise<string> {
  const cases: CaseInput[] = []
  for (const o of outcomes) {
    if (!o.report) continue
    cases.push({
      report: o.report,
      caseId: o.dir,
      reportHref: `${o.dir}/report.html`,
      evidence: await indexBundleEvidence(
        join(outDir, o.dir),
        o.report,
        `${o.dir}/`,
      ),
    })
  }
  return renderExplore(`fundtrace batch: ${cases.length} cases`, cases)
}
