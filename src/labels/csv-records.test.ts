import { expect, test } from 'vitest'
import { readCsvRecords } from './csv-records.js'

test.each([
  [
    'a,b\nc,d',
    [
      [1, ['a', 'b']],
      [2, ['c', 'd']],
    ],
  ],
  [
    'a,"x\r\ny",b\r\nc\r\n',
    [
      [1, ['a', 'x\r\ny', 'b']],
      [3, ['c']],
    ],
  ],
  ['\n\n#c\n"",\n', [[4, ['', '']]]],
  ['a,"b""c"', [[1, ['a', 'b"c']]]],
  [
    'a,\n"\n\n",x\ny',
    [
      [1, ['a', '']],
      [2, ['\n\n', 'x']],
      [5, ['y']],
    ],
  ],
  [' # not a comment', [[1, [' # not a comment']]]],
])('%j', (text, expected) => {
  const records = [...readCsvRecords(text)].map((r) => [r.line, r.fields])
  expect(records).toEqual(expected)
})

test('comments kept when asked', () => {
  expect([...readCsvRecords('#a', { skipComments: false })]).toEqual([
    { line: 1, fields: ['#a'] },
  ])
})
