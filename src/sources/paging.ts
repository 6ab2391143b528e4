/**
 * A pager that stops moving. A source that answers "the next page" with rows
 * already read would end a history early, and a history cut short reads as a
 * complete one (25 of 60 thefts, status complete). So a stalled pager is an
 * error naming the address, never the end of its history.
 */
import { BaseError } from '../core/errors.js'

export class StalledPagingError extends BaseError {
  override name = 'StalledPagingError'
  readonly address: string
  constructor(options: { address: string; source: string; detail: string }) {
    super(
      `paging stalled reading the history of ${options.address} from ${options.source}: ${options.detail}`,
      {
        details:
          'the source sent rows already read instead of the next page, and a history cut there would look complete; try another source',
      },
    )
    this.address = options.address
  }
}
