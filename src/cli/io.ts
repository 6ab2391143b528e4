/** What the CLI touches of the outside world, injected so tests can drive it. */
export type CliIo = {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: Record<string, string | undefined>
  /** Whether stderr is a terminal: progress is drawn only there. */
  isTTY: boolean
  fetch?: typeof globalThis.fetch | undefined
  signal?: AbortSignal | undefined
}

export function processIo(signal?: AbortSignal): CliIo {
  // `fundtrace labels stats | head` closes the pipe early: that is not an error.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0)
      throw err
    })
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    isTTY: Boolean(process.stderr.isTTY),
    signal,
  }
}
