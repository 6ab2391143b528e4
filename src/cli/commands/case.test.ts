import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { afterAll, describe, expect, test } from 'vitest'
import { loadCaseFile } from '../../case/load.js'
import { CASE_TEMPLATE } from '../../case/template.js'
import { UsageError } from '../../core/errors.js'
import type { CliIo } from '../io.js'
import { registerCaseCommand } from './case.js'

const dirs: string[] = []
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true })
})

async function run(args: string[]) {
  const out: string[] = []
  const io: CliIo = {
    stdout: (t) => out.push(t),
    stderr: () => {},
    env: {},
    isTTY: false,
  }
  const program = new Command('fundtrace').exitOverride()
  registerCaseCommand(program, io)
  await program.parseAsync(args, { from: 'user' })
  return out.join('')
}

describe('fundtrace case init', () => {
  test('writes the template, which the loader accepts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fundtrace-caseinit-'))
    dirs.push(dir)
    const file = join(dir, 'case.yaml')
    expect(await run(['case', 'init', file])).toContain(`--case ${file}`)
    expect(await readFile(file, 'utf8')).toBe(CASE_TEMPLATE)
    expect((await loadCaseFile(file)).victim.name).toBe('Jane Example')
  })

  test('refuses to overwrite unless --force', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fundtrace-caseinit-'))
    dirs.push(dir)
    const file = join(dir, 'case.yaml')
    await writeFile(file, 'mine')
    await expect(run(['case', 'init', file])).rejects.toThrow(UsageError)
    expect(await readFile(file, 'utf8')).toBe('mine')
    await run(['case', 'init', file, '--force'])
    expect(await readFile(file, 'utf8')).toBe(CASE_TEMPLATE)
  })

  test('"-" prints the template', async () => {
    expect(await run(['case', 'init', '-'])).toBe(CASE_TEMPLATE)
  })
})
