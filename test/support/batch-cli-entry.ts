/**
 * `fundtrace batch` as a real process for signal tests, until main.ts
 * registers the command: same io, same SIGINT/SIGTERM handling as main().
 */
import { Command, CommanderError } from 'commander'
import { registerBatchCommand } from '../../src/cli/commands/batch.js'
import { processIo } from '../../src/cli/io.js'
import { BaseError } from '../../src/core/errors.js'

const controller = new AbortController()
const onSignal = (signal: NodeJS.Signals) => {
  if (controller.signal.aborted) process.exit(130)
  process.stderr.write(`\nfundtrace: ${signal}: finishing up…\n`)
  controller.abort(new Error(`interrupted by ${signal}`))
}
process.once('SIGINT', onSignal)
process.once('SIGTERM', onSignal)
const io = processIo(controller.signal)
let code = 0
const program = new Command('fundtrace').exitOverride()
registerBatchCommand(program, io, (c) => {
  code = c
})
try {
  await program.parseAsync(process.argv.slice(2), { from: 'user' })
} catch (err) {
  if (err instanceof BaseError) {
    io.stderr(`fundtrace: ${err.message}\n`)
    code = err.exitCode
  } else if (err instanceof CommanderError) code = err.exitCode === 0 ? 0 : 2
  else throw err
}
process.exitCode = code
