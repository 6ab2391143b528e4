/** The composition root: parses argv, runs a command, maps errors to exit codes. */
import { type Command, CommanderError, Command as Program } from 'commander'
import { BaseError } from '../core/errors.js'
import { terminalSafe } from '../core/text-safety.js'
import { VERSION } from '../version.js'
import { type CliIo, processIo } from './io.js'

type ExitCode = 0 | 1 | 2 | 3

export async function main(
  argv: readonly string[],
  io: CliIo = processIo(installSignalHandlers()),
): Promise<ExitCode> {
  let code: ExitCode = 0
  const program = new Program('fundtrace')
    .description(
      'Follow stolen coins to exchange deposit addresses and write a report for police and exchanges.',
    )
    .version(VERSION)
    // `-V` or `-h` given as the value of a command's option is that value, never the program's flag.
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(`${oneLine(s.trimEnd())}\n`),
    })
    .showSuggestionAfterError()
  const setCode = (c: ExitCode) => {
    code = c
  }
  await registerCommands(program, io, setCode, argv)
  try {
    await program.parseAsync([...argv], { from: 'user' })
    return code
  } catch (err) {
    return reportError(err, io)
  }
}

type Register = (
  program: Command,
  io: CliIo,
  setCode: (c: ExitCode) => void,
) => void

/** Each command's module is loaded only when it runs: `--help` and `labels lookup` start fast. */
const COMMANDS: Record<string, () => Promise<Register>> = {
  trace: async () => (await import('./commands/trace.js')).registerTraceCommand,
  batch: async () => (await import('./commands/batch.js')).registerBatchCommand,
  labels: async () =>
    (await import('./commands/labels.js')).registerLabelsCommand,
  case: async () => (await import('./commands/case.js')).registerCaseCommand,
  report: async () =>
    (await import('./commands/report.js')).registerReportCommand,
  verify: async () =>
    (await import('./commands/verify.js')).registerVerifyCommand,
  watch: async () => (await import('./commands/watch.js')).registerWatchCommand,
}

async function registerCommands(
  program: Command,
  io: CliIo,
  setCode: (c: ExitCode) => void,
  argv: readonly string[],
): Promise<void> {
  const first = argv.find((a) => !a.startsWith('-'))
  const names = first && first in COMMANDS ? [first] : Object.keys(COMMANDS)
  for (const name of names) (await COMMANDS[name]!())(program, io, setCode)
}

function reportError(err: unknown, io: CliIo): ExitCode {
  if (err instanceof CommanderError) {
    if (err.exitCode === 0) return 0
    // commander already printed its message; usage mistakes are exit 2
    return 2
  }
  if (err instanceof BaseError) {
    io.stderr(`fundtrace: ${oneLine(err.shortMessage)}\n`)
    for (const line of err.metaMessages) io.stderr(`  ${oneLine(line)}\n`)
    return err.exitCode
  }
  const message = err instanceof Error ? err.message : String(err)
  io.stderr(`fundtrace: internal error: ${oneLine(message)}\n`)
  if (err instanceof Error && err.stack && io.env.FUNDTRACE_DEBUG)
    io.stderr(`${err.stack}\n`)
  else io.stderr('  (set FUNDTRACE_DEBUG=1 for the stack; please report it)\n')
  return 1
}

/** One line, and nothing an attacker-chosen argument could do to the terminal. */
function oneLine(text: string): string {
  return terminalSafe(text.replace(/[\r\n]+/g, ' '))
}

/** SIGINT/SIGTERM abort the trace so it can write what it has; a second signal exits at once. */
function installSignalHandlers(): AbortSignal {
  const controller = new AbortController()
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130)
    process.stderr.write(
      `\nfundtrace: ${signal}: finishing up, writing what was traced…\n`,
    )
    controller.abort(new Error(`interrupted by ${signal}`))
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return controller.signal
}
