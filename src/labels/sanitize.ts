// Built from strings so the source holds no raw control characters.
const ANSI = new RegExp(
  [
    '\\u001b\\[[0-?]*[ -/]*[@-~]', // CSI
    '\\u001b\\][^\\u0007\\u001b]*(?:\\u0007|\\u001b\\\\)?', // OSC
    '\\u001b[@-Z\\\\-_]', // other Fe escapes
    '\\u009b[0-?]*[ -/]*[@-~]', // 8-bit CSI
  ].join('|'),
  'g',
)
const CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/**
 * Label text is attacker-chosen (anyone can get a tag into a public list):
 * drop ANSI/OSC escape sequences, C0/C1 controls and bidi overrides before
 * it reaches a terminal, so a label cannot recolour, retitle or reorder output.
 */
export function sanitizeForTerminal(text: string): string {
  return text.replace(ANSI, '').replace(CONTROL, '')
}
