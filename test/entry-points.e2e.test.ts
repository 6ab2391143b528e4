/**
 * Each module a library user or a script may import first loads on its own:
 * an import cycle that only the CLI's import order hides is a crash for them.
 */
import { spawn } from 'node:child_process'
import { expect, test } from 'vitest'
import { ROOT } from './support/run-cli.js'

function importAlone(path: string): Promise<{ code: number; stderr: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', `await import('${path}')`],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString()
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('close', (code) => resolve({ code: code ?? -1, stderr }))
  })
}

test.concurrent.each([
  './src/index.ts',
  './src/api/trace.ts',
  './src/api/watch/watch.ts',
  './src/chains/index.ts',
  './src/chains/evm/chain.ts',
  './src/chains/cross/run.ts',
  './src/labels/normalize.ts',
  './src/batch/run.ts',
])(
  '%s loads on its own',
  async (path) => {
    const { code, stderr } = await importAlone(path)
    expect(stderr).not.toContain('before initialization')
    expect(code, stderr).toBe(0)
  },
  // Eight cold tsx processes at once: on a loaded 2-CPU machine each takes
  // well over the default.
  120_000,
)
