/**
 * Markup escaping for the report's HTML, SVG, DOT and XML. Entity names, label
 * categories and sources, addresses and token names are chosen by whoever
 * controls the chain data or the label feed, so every string that reaches
 * those formats goes through here, after htmlSafe has removed the unsafe
 * characters.
 */
import { htmlSafe } from '../../core/text-safety.js'

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
}

/** Escapes text for HTML/SVG element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  const text = htmlSafe(value == null ? '' : String(value))
  return text.replace(/[&<>"'`]/g, (ch) => HTML_ESCAPES[ch] ?? ch)
}

/** Returns the URL only if it is absolute http(s); anything else is dropped. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null
  const trimmed = url.trim()
  if (!/^https?:\/\/[^\s"'<>`]+$/i.test(trimmed)) return null
  try {
    const parsed = new URL(trimmed)
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null
    return parsed.href
  } catch {
    return null
  }
}

/** An anchor if the URL is http(s), otherwise the escaped text alone. */
export function link(url: string | null | undefined, text: string): string {
  const href = safeHref(url)
  if (!href) return escapeHtml(text)
  return `<a href="${escapeHtml(href)}" rel="noreferrer noopener">${escapeHtml(text)}</a>`
}

/**
 * A DOT double-quoted string. Graphviz reads backslash escapes (\N, \l ...)
 * and XML entities inside labels, so both `\` and `&` are neutralised here;
 * Graphviz then XML-escapes < > " itself when writing SVG.
 */
export function dotString(value: string): string {
  const text = htmlSafe(value)
    .replace(/&/g, '&amp;')
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\r?\n|\r/g, ' ')
  return `"${text}"`
}

/** Plain text for freeze requests: one line, no controls, no markup. */
export function plainText(value: unknown): string {
  const text = htmlSafe(value == null ? '' : String(value))
  // An officer may paste this into a web form or HTML mail: angle brackets
  // are replaced so a hostile name can never become markup there.
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/</g, '\u2039')
    .replace(/>/g, '\u203a')
}

/** A multi-line DOT label: each line escaped, joined with DOT's `\n`. */
export function dotLines(lines: readonly string[]): string {
  return `"${lines.map((line) => dotString(line).slice(1, -1)).join('\\n')}"`
}

// Beyond the controls htmlSafe removes, XML 1.0 forbids lone surrogates and
// U+FFFE/U+FFFF: a hostile name holding them would make the whole GraphML or
// GEXF unreadable.
const XML_INVALID =
  /[\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

/** Text safe to put in XML once escaped: no controls, bidi or invalid code points. */
export function xmlSafe(value: unknown): string {
  return htmlSafe(value == null ? '' : String(value)).replace(XML_INVALID, '')
}

/** Escapes text for XML element content and double-quoted attributes. */
export function escapeXml(value: unknown): string {
  return xmlSafe(value)
    .replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch)
    .replace(/\r/g, '&#13;')
}
