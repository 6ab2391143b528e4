/** `fundtrace verify DIR`: every file in DIR against DIR/MANIFEST.sha256. */
import { stat } from 'node:fs/promises'
import type { Command } from 'commander'
import { UsageError } from '../../core/errors.js'
import { terminalSafe } from '../../core/text-safety.js'
import { SUMS_FILE } from '../../report/sums.js'
import type { CliIo } from '../io.js'

export function registerVerifyCommand(
  program: Command,
  io: CliIo,
  setExitCode: (code: 0 | 1 | 2 | 3) => void,
): void {
  program
    .command('verify')
    .description(
      `Check a report folder against its ${SUMS_FILE}, manifest.json and bundle hash, and every evidence record against its own SHA-256: reports missing, changed and extra files.`,
    )
    .argument('<dir>', 'a folder written by `fundtrace trace --out DIR`')
    .addHelpText(
      'after',
      `
Prints one line per problem ("changed: hits.csv", "missing: ...", "extra: ...",
"manifest: ...", "evidence: ...").

Examples:
  fundtrace verify fixtures/cases/satoshi-hal
  fundtrace verify fixtures/cases/demo-peel-chain
The same check without fundtrace: cd DIR && sha256sum -c ${SUMS_FILE}

Exit codes: 0 every file matches, 1 a problem was found, 2 no such folder.`,
    )
    .action(async (dir: string) => {
      setExitCode(await runVerify(dir, io))
    })
}

async function runVerify(dir: string, io: CliIo): Promise<0 | 1> {
  const info = await stat(dir).catch(() => null)
  if (!info?.isDirectory()) throw new UsageError(`${dir}: no such folder`)
  // Loaded on use so `--help` stays light.
  const { verifyBundle } = await import('../../report/verify-bundle.js')
  const result = await verifyBundle(dir)
  // A hostile file name must neither break the one-line-per-problem output
  // nor drive the terminal.
  for (const p of result.problems)
    io.stdout(`${p.kind}: ${terminalSafe(p.path)}\n`)
  if (result.ok) {
    io.stdout(`OK: ${result.checked} files match ${SUMS_FILE}\n`)
    return 0
  }
  io.stderr(
    `fundtrace: ${result.problems.length} problem(s); ${result.checked} files checked\n`,
  )
  return 1
}
