/** Every bad row of a cases file, reported at once. */
import { UsageError } from '../core/errors.js'

export type CaseProblem = { line: number; field: string; reason: string }

export class BatchFileError extends UsageError {
  override name = 'BatchFileError'
  readonly file: string
  readonly problems: readonly CaseProblem[]
  constructor(options: { file: string; problems: readonly CaseProblem[] }) {
    const n = options.problems.length
    const rows = new Set(options.problems.map((p) => p.line)).size
    super(
      `${options.file}: ${n} problem${n === 1 ? '' : 's'} in ${rows} row${rows === 1 ? '' : 's'}; nothing was traced`,
      {
        metaMessages: options.problems.map(
          (p) => `line ${p.line}: ${p.field}: ${p.reason}`,
        ),
      },
    )
    this.file = options.file
    this.problems = options.problems
  }
}
