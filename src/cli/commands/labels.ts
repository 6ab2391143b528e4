/** `fundtrace labels import|lookup|list|stats`: the label stores from the command line. */
import type { Command } from 'commander'
import { CATEGORY_ALIASES, LABEL_CATEGORIES } from '../../labels/categories.js'
import { FORMATS } from '../../labels/import/formats.js'
import type { Io } from './labels-run.js'

/** Each action loads the stores and importers only when it runs: `--help` stays light. */
const run = () => import('./labels-run.js')

export function registerLabelsCommand(program: Command, io: Io): void {
  const labels = program
    .command('labels')
    .description('Attribution labels: import, look up, list and count.')
    .addHelpText(
      'after',
      `\n${categoriesHelp()}\n\n${examplesHelp(LABELS_EXAMPLES)}`,
    )
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
    .addHelpText('after', `\n${examplesHelp(LABELS_EXAMPLES.slice(0, 1))}`)
    .action(async (file: string, opts) =>
      (await run()).runImport(file, opts, io),
    )
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
    .addHelpText('after', `\n${examplesHelp(LABELS_EXAMPLES.slice(1, 3))}`)
    .action(async (address: string, opts) =>
      (await run()).runLookup(address, opts, io),
    )
  labels
    .command('list')
    .description('Labels whose entity contains NAME (case-insensitive).')
    .requiredOption('--entity <name>', 'entity name or part of it')
    .option('--db <path>', 'label database')
    .option('--no-bundled', 'ignore the labels shipped with fundtrace')
    .option('--json', 'JSON output')
    .addHelpText('after', `\n${examplesHelp(LABELS_EXAMPLES.slice(3, 4))}`)
    .action(async (opts) => (await run()).runList(opts, io))
  labels
    .command('stats')
    .description(
      'Counts by chain, category, source and confidence; the database path.',
    )
    .option('--db <path>', 'label database')
    .option('--no-bundled', 'ignore the labels shipped with fundtrace')
    .option('--json', 'JSON output')
    .addHelpText('after', `\n${examplesHelp(LABELS_EXAMPLES.slice(4))}`)
    .action(async (opts) => (await run()).runStats(opts, io))
}

/** Runnable as pasted from the repository root; a test runs each of them. */
export const LABELS_EXAMPLES: readonly string[] = [
  'fundtrace labels import fixtures/cases/demo-peel-chain.labels.csv --db out/labels.db',
  'fundtrace labels lookup bc1qxuldud04sn9v9ew3ujzfs6hm75mvg35c86km2a --db out/labels.db',
  'fundtrace labels lookup 34xp4vRoCGJym3xR7yCVPFHoCNxv4Twseo --json',
  'fundtrace labels list --entity binance --db out/labels.db',
  'fundtrace labels stats --db out/labels.db',
]

export function examplesHelp(lines: readonly string[]): string {
  return ['Examples:', ...lines.map((line) => `  ${line}`)].join('\n')
}

/** The one category list, as label files must spell it. */
function categoriesHelp(): string {
  const width = Math.max(...Object.keys(LABEL_CATEGORIES).map((k) => k.length))
  const rows = Object.entries(LABEL_CATEGORIES).map(
    ([name, meaning]) => `  ${name.padEnd(width)}  ${meaning}`,
  )
  return [
    'Label categories (the category column of a labels CSV; anything else is an error):',
    ...rows,
    `Also accepted and folded into these: ${Object.keys(CATEGORY_ALIASES).join(', ')}.`,
  ].join('\n')
}
