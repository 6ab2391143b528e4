/** Attacker-chosen text (labels, entity names) must not drive the terminal. */
const CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

export function terminalSafe(text: string): string {
  return text.replace(CONTROL, '\uFFFD')
}
