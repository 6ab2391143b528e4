import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { afterAll, describe, expect, test } from 'vitest'
import { loadCaseFile, parseCaseFile } from '../../case/load.js'
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
  test('writes the template, which parses but is refused until edited', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fundtrace-caseinit-'))
    dirs.push(dir)
    const file = join(dir, 'case.yaml')
    expect(await run(['case', 'init', file])).toContain(`--case ${file}`)
    expect(await readFile(file, 'utf8')).toBe(CASE_TEMPLATE)
    expect(parseCaseFile(CASE_TEMPLATE).victim.name).toBe('Jane Example')
    const refused = await loadCaseFile(file).catch((err: unknown) => err)
    expect(refused).toBeInstanceOf(UsageError)
    expect((refused as UsageError).message).toBe(
      `${file}: still the \`case init\` example; replace or delete victim.name, victim.contact, narrative, chronology.0.what and 8 more`,
    )
  })

  test.each([
    [
      'only the name edited',
      (t: string) => t.replace('Jane Example', 'Ann Real'),
      'victim.contact',
    ],
    [
      'the example victim address kept',
      (t: string) =>
        t
          .replace('Jane Example', 'Ann Real')
          .replace('jane@example.org, +44 7700 900123', 'ann@real.test')
          .replace(/^narrative: \|\n( {2}.*\n)+/m, '')
          .replace(/^chronology:\n( {2}.*\n)+/m, '')
          .replace(/^platforms:\n( {2}.*\n)+/m, '')
          .replace(/^suspectIdentifiers:\n( {2}.*\n)+/m, ''),
      'victimAddresses.0.address',
    ],
  ])('%s is still refused, naming the field', async (_name, edit, field) => {
    const dir = await mkdtemp(join(tmpdir(), 'fundtrace-caseinit-'))
    dirs.push(dir)
    const file = join(dir, 'case.yaml')
    await writeFile(file, edit(CASE_TEMPLATE))
    const refused = await loadCaseFile(file).catch((err: unknown) => err)
    expect((refused as UsageError).exitCode).toBe(2)
    expect((refused as UsageError).message).toContain(field)
  })

  test('an edited case file loads', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fundtrace-caseinit-'))
    dirs.push(dir)
    const file = join(dir, 'case.yaml')
    await writeFile(
      file,
      'timezone: Europe/London\nvictim:\n  name: Ann Real\n  contact: ann@real.test\n',
    )
    expect((await loadCaseFile(file)).victim.name).toBe('Ann Real')
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
