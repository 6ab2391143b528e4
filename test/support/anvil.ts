/**
 * Starts Foundry's anvil (a real local EVM node: callTracer, struct logs,
 * trace_transaction, trace_filter) on a free loopback port, for tests. The
 * binary comes with the @foundry-rs/anvil-linux-amd64 dev dependency; where
 * it is missing the suites skip with one line (ANVIL_SKIP_LINE).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'

export const ANVIL_BIN = fileURLToPath(
  new URL(
    '../../node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil',
    import.meta.url,
  ),
)

export const ANVIL_SKIP_LINE = `anvil tests skipped: no anvil binary at ${ANVIL_BIN} (install the @foundry-rs/anvil-linux-amd64 dev dependency on linux-x64 to run them)`

export function anvilMissing(): boolean {
  return !existsSync(ANVIL_BIN)
}

export type AnvilNode = { url: string; stop(): Promise<void> }

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

/**
 * Resolves once anvil listens; rejects with its output when it exits or is
 * slow. `chainId` 1 makes the node answer as Ethereum, for a trace that
 * reaches it as Ethereum (a THORChain memo names ETH, never a dev chain).
 */
export async function startAnvil(
  timeoutMs = 30_000,
  chainId = 31337,
): Promise<AnvilNode> {
  const port = await freePort()
  const child: ChildProcess = spawn(
    ANVIL_BIN,
    [
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--chain-id',
      String(chainId),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`anvil did not start in ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes(`Listening on 127.0.0.1:${port}`)) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`anvil exited with ${code}:\n${output}`))
    })
  })
  // Drain its log so a chatty node never blocks on a full pipe.
  child.stdout?.resume()
  child.stderr?.resume()
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null)
          return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
