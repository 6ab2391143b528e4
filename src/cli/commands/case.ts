/** `fundtrace case init [FILE]`: writes the commented case-file template. */
import { writeFile } from 'node:fs/promises'
import type { Command } from 'commander'
import { CASE_TEMPLATE } from '../../case/template.js'
import { UsageError } from '../../core/errors.js'
import type { CliIo } from '../io.js'

export function registerCaseCommand(program: Command, io: CliIo): void {
  const caseCommand = program
    .command('case')
    .description(
      'Case files: the victim facts a report shows next to the trace.',
    )
  caseCommand
    .command('init')
    .argument(
      '[file]',
      'where to write the template; "-" for stdout',
      'case.yaml',
    )
    .option('--force', 'overwrite an existing file')
    .description(
      'Write a commented case-file template to fill in and pass with --case.',
    )
    .addHelpText(
      'after',
      `
Examples:
  fundtrace case init case.yaml
  fundtrace case init -

--case refuses the file until its example values (Jane Example, ...) are replaced or deleted.`,
    )
    .action(async (file: string, opts: { force?: boolean }) => {
      if (file === '-') {
        io.stdout(CASE_TEMPLATE)
        return
      }
      try {
        await writeFile(file, CASE_TEMPLATE, { flag: opts.force ? 'w' : 'wx' })
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code
        if (code === 'EEXIST')
          throw new UsageError(
            `${file} already exists; use --force to overwrite it`,
          )
        throw new UsageError(`cannot write ${file} (${code ?? 'error'})`)
      }
      io.stdout(
        `Wrote ${file}. Fill it in, then: fundtrace trace --tx <txid> --case ${file} --out report\n`,
      )
    })
}
