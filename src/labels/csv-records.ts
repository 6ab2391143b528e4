/** One CSV record and the 1-based physical line it starts on. */
type CsvRecord = { line: number; fields: string[] }

/** A structural CSV fault at `line`; callers wrap it with the file name. */
export class CsvSyntaxError extends Error {
  override name = 'CsvSyntaxError'
  readonly line: number
  constructor(line: number, message: string) {
    super(message)
    this.line = line
  }
}

type Options = { skipComments?: boolean | undefined }

/**
 * RFC 4180 records: quoted fields may hold commas, doubled quotes and line
 * breaks; CRLF or LF. Blank lines and, by default, lines starting with `#`
 * are skipped. A quote inside an unquoted field or text after a closing quote
 * is an error rather than a guess, so a malformed row never shifts columns.
 */
export function* readCsvRecords(
  text: string,
  options: Options = {},
): Generator<CsvRecord> {
  const skipComments = options.skipComments ?? true
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text
  let i = 0
  let line = 1
  while (i < src.length) {
    const start = line
    const atLineStart = src[i]
    if (atLineStart === '\n' || atLineStart === '\r') {
      i += src.startsWith('\r\n', i) ? 2 : 1
      line++
      continue
    }
    if (skipComments && atLineStart === '#') {
      while (i < src.length && src[i] !== '\n') i++
      continue
    }
    const fields: string[] = []
    for (;;) {
      const parsed = readField(src, i, line)
      fields.push(parsed.value)
      i = parsed.end
      line = parsed.line
      const c = src[i]
      if (c === ',') {
        i++
        continue
      }
      if (c === '\r' && src[i + 1] === '\n') i += 2
      else if (c === '\n' || c === '\r') i++
      if (c !== undefined) line++
      break
    }
    yield { line: start, fields }
  }
}

type Field = { value: string; end: number; line: number }

function readField(src: string, start: number, line: number): Field {
  if (src[start] !== '"') {
    let i = start
    while (i < src.length && !isDelimiter(src[i])) {
      if (src[i] === '"') {
        throw new CsvSyntaxError(line, 'quote inside an unquoted field')
      }
      i++
    }
    return { value: src.slice(start, i), end: i, line }
  }
  let value = ''
  let i = start + 1
  let current = line
  for (;;) {
    if (i >= src.length) {
      throw new CsvSyntaxError(line, 'unterminated quoted field')
    }
    const c = src[i]
    if (c === '"') {
      if (src[i + 1] === '"') {
        value += '"'
        i += 2
        continue
      }
      i++
      break
    }
    if (c === '\n' || (c === '\r' && src[i + 1] !== '\n')) current++
    value += c
    i++
  }
  if (i < src.length && !isDelimiter(src[i])) {
    throw new CsvSyntaxError(current, 'text after a closing quote')
  }
  return { value, end: i, line: current }
}

function isDelimiter(c: string | undefined): boolean {
  return c === ',' || c === '\n' || c === '\r'
}
