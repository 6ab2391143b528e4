/** `fundtrace report DIR`: re-renders every output from DIR/report.json and DIR/evidence, offline. */
import { stat } from 'node:fs/promises'
import type { Command } from 'commander'
import { UsageError } from '../../core/errors.js'
import { terminalSafe } from '../../core/text-safety.js'
import type { CliIo } from '../io.js'

type ReportCommandOptions = {
  pdf?: boolean | undefined
  chromium?: string | undefined
  redactVictim?: boolean | undefined
}

export function registerReportCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: 0 | 1 | 2 | 3) => void,
): void {
  program
    .command('report')
    .description(
      'Re-render report.html, the CSVs, graph exports, freeze requests and manifests of a report folder from its report.json and evidence (no network).',
    )
    .argument('<dir>', 'a folder written by `fundtrace trace --out DIR`')
    .option('--pdf', 'also write report.pdf with headless Chromium')
    .option(
      '--chromium <path>',
      'Chromium binary for --pdf (default: /usr/bin/chromium or chromium on the PATH)',
    )
    .option(
      '--redact-victim',
      'also write a victim copy (victim-copy/) without the victim name, contact and addresses',
    )
    .addHelpText(
      'after',
      `
Examples (the first writes the folder the others re-render):
  fundtrace trace --replay fixtures/cases/satoshi-hal --tx f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16:1 --out out/satoshi-hal
  fundtrace report out/satoshi-hal
  fundtrace report out/satoshi-hal --redact-victim

Exit codes: 0 written, 1 error (e.g. no Chromium for --pdf: everything else is still written), 2 bad folder or report.json.`,
    )
    .action(async (dir: string, opts: ReportCommandOptions) => {
      setExitCode(await runReport(dir, opts, io))
    })
}

async function runReport(
  dir: string,
  opts: ReportCommandOptions,
  io: CliIo,
): Promise<0> {
  const info = await stat(dir).catch(() => null)
  if (!info?.isDirectory()) throw new UsageError(`${dir}: no such folder`)
  // Loaded on use so `--help` starts fast.
  const { readEvidence, readReportJson, isVictimCopy } = await import(
    '../../report/load.js'
  )
  const { writeReportBundles } = await import('../../report/bundles.js')
  const { assertIntact } = await import('../../report/verify-bundle.js')
  // Re-sealing a hand-edited report.json would make `verify` say OK.
  await assertIntact(dir, 'report')
  const report = await readReportJson(dir)
  const evidence = await readEvidence(dir)
  const { readBundleLabelSet } = await import('../../report/label-set.js')
  const labels = await readBundleLabelSet(dir)
  const written = await writeReportBundles(report, {
    outDir: dir,
    audience: isVictimCopy(report) ? 'victim' : 'police',
    evidence,
    labels,
    redactVictim: opts.redactVictim,
    pdf: opts.pdf,
    chromium: opts.chromium,
  })
  const { main, victim } = written
  io.stdout(
    terminalSafe(
      `Re-rendered ${dir}: ${main.manifest.files.length} report files, ${evidence.length} evidence files${victim ? `, victim copy in ${victim.outDir}` : ''}.`,
    ) +
      `\nReport id ${main.reportId}; bundle SHA-256 ${main.bundleSha256}.\nCheck it with: fundtrace verify ${terminalSafe(dir)}\n`,
  )
  return 0
}
