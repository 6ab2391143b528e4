import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { expect, test } from 'vitest'
import { registerLabelsCommand } from '../cli/commands/labels.js'
import { LabelFileError } from './csv.js'
import { createLabelDb } from './sqlite.js'

const BECH = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'

async function run(args: string[]) {
  let stdout = ''
  let stderr = ''
  const program = new Command('fundtrace').exitOverride()
  registerLabelsCommand(program, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
  })
  await program.parseAsync(args, { from: 'user' })
  return { stdout, stderr }
}

test('import, lookup with conflict and escaping, list, stats', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'labels-cli-'))
  const db = join(dir, 'l.sqlite')
  const file = join(dir, 'mine.csv')
  writeFileSync(
    file,
    [
      'chain,address,entity,category,confidence',
      `bitcoin,${BECH},Acme,exchange,high`,
      'bitcoin,bogus,X,exchange,low',
    ].join('\n'),
  )
  const imported = await run(['labels', 'import', file, '--db', db])
  expect(imported.stdout).toBe(
    `imported 1 new labels (1 read, 1 skipped) as csv into ${db}\n`,
  )
  expect(imported.stderr).toContain(':3: invalid bitcoin address "bogus"')
  // Imports refuse control characters; a hostile db written by other means must still print safely.
  const store = createLabelDb({ path: db })
  store.insertMany([
    {
      chain: 'bitcoin',
      address: BECH,
      entity: 'Evil\u001b[2J',
      category: 'exchange',
      source: 'x',
      confidence: 'medium',
    },
  ])
  store.close()

  const lookup = await run([
    'labels',
    'lookup',
    BECH.toUpperCase(),
    '--db',
    db,
    '--no-bundled',
  ])
  expect(lookup.stdout).toContain(
    `${BECH.toUpperCase()} on bitcoin: Acme (exchange), confidence medium`,
  )
  expect(lookup.stdout).toContain('CONFLICT: sources disagree (Acme | Evil)')
  expect(lookup.stdout).not.toContain('\u001b')

  const json = JSON.parse(
    (
      await run([
        'labels',
        'lookup',
        BECH,
        '--db',
        db,
        '--no-bundled',
        '--json',
      ])
    ).stdout,
  )
  expect(json.results[0].attribution.labels).toHaveLength(2)

  const list = await run([
    'labels',
    'list',
    '--entity',
    'acme',
    '--db',
    db,
    '--no-bundled',
  ])
  expect(list.stdout).toBe(`bitcoin\t${BECH}\tAcme\texchange\thigh\t${file}\n`)

  const stats = await run(['labels', 'stats', '--db', db, '--no-bundled'])
  expect(stats.stdout).toContain(`label database: ${db} (2 labels)`)
})

test('bundled labels answer known exchange and OFAC addresses', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'labels-cli-'))
  const db = join(dir, 'absent.sqlite')
  // Binance reserve wallet (graphsense exchange-wallets-binance) and the Ronin exploiter (OFAC SDN).
  const binance = await run([
    'labels',
    'lookup',
    '34xp4vRoCGJym3xR7yCVPFHoCNxv4Twseo',
  ])
  expect(binance.stdout).toContain('Binance (exchange), confidence official')
  const ronin = await run([
    'labels',
    'lookup',
    '0x098B716B8Aaf21512996dC57EB0615e2383E2f96',
    '--chain',
    'ethereum',
  ])
  expect(ronin.stdout).toContain('!! SANCTIONED')
  expect(ronin.stdout).toContain('OFAC SDN listed')
  await expect(run(['labels', 'lookup', 'x', '--db', db])).rejects.toThrow(
    'label database not found',
  )
})

test('unreadable and undetectable files are usage errors', async () => {
  await expect(run(['labels', 'import', '/nonexistent.csv'])).rejects.toThrow(
    LabelFileError,
  )
  const dir = mkdtempSync(join(tmpdir(), 'labels-cli-'))
  const file = join(dir, 'list.txt')
  writeFileSync(file, 'foo\n')
  await expect(
    run(['labels', 'import', file, '--db', join(dir, 'x.sqlite')]),
  ).rejects.toThrow(`cannot tell the format of ${file}; pass --format`)
})
