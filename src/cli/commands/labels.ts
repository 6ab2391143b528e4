import type { Command } from 'commander'
import { FORMATS } from '../../labels/import/index.js'
import { runImport } from './labels-import.js'
import { runList, runLookup, runStats } from './labels-query.js'
import type { Io } from './labels-stores.js'

/** `fundtrace labels import|lookup|list|stats`. */
export function registerLabelsCommand(program: Command, io: Io): void {
  const labels = program
    .command('labels')
    .description('Attribution labels: import, look up, list and count.')
  labels
    .command('import <file>')
    .description('Import a label file into the local label database.')
    .option(
      '--format <format>',
      `one of ${FORMATS.join(', ')} (detected when unambiguous)`,
    )
    .option('--db <path>', 'label database (default: user data dir)')
    .option('--chain <chain>', 'chain for formats that do not name one')
    .option(
      '--confidence <level>',
      'override every label: official, high, medium, low',
    )
    .action((file: string, opts) => runImport(file, opts, io))
  labels
    .command('lookup <address>')
    .description('Every label for an address, with source and confidence.')
    .option(
      '--chain <chain>',
      'chain (default: from the address shape; 0x… checks every EVM chain)',
    )
    .option('--db <path>', 'label database')
    .option('--no-bundled', 'ignore the labels shipped with fundtrace')
    .option('--json', 'JSON output')
    .action((address: string, opts) => runLookup(address, opts, io))
  labels
    .command('list')
    .description('Labels whose entity contains NAME (case-insensitive).')
    .requiredOption('--entity <name>', 'entity name or part of it')
    .option('--db <path>', 'label database')
    .option('--no-bundled', 'ignore the labels shipped with fundtrace')
    .option('--json', 'JSON output')
    .action((opts) => runList(opts, io))
  labels
    .command('stats')
    .description(
      'Counts by chain, category, source and confidence; the database path.',
    )
    .option('--db <path>', 'label database')
    .option('--no-bundled', 'ignore the labels shipped with fundtrace')
    .option('--json', 'JSON output')
    .action((opts) => runStats(opts, io))
}
