/// <reference lib="dom" />
/**
 * DOM building for the explorer. Text only ever goes in through textContent
 * and attributes through setAttribute: attacker-chosen labels and token names
 * are never parsed as markup.
 */

type Child = Node | string | null | undefined | false

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs))
    node.setAttribute(name, value)
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    node.append(
      typeof child === 'string' ? document.createTextNode(child) : child,
    )
  }
  return node
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id)
  if (!node) throw new Error(`explorer: #${id} missing from the page`)
  return node as T
}

/** Only http(s) explorer links and bundle-relative files become hrefs. */
export function safeHref(href: string): string | null {
  if (/^https:\/\/[a-z0-9.-]+\//i.test(href)) return href
  if (/^[a-z0-9][a-z0-9_./-]*$/i.test(href) && !href.includes('..')) return href
  return null
}

export function link(href: string | null, text: string): HTMLElement {
  const safe = href && safeHref(href)
  if (!safe) return el('span', { class: 'mono' }, text)
  return el(
    'a',
    { href: safe, target: '_blank', rel: 'noopener noreferrer', class: 'mono' },
    text,
  )
}

export function button(
  text: string,
  onClick: () => void,
  attrs: Record<string, string> = {},
): HTMLButtonElement {
  const node = el('button', { type: 'button', ...attrs }, text)
  node.addEventListener('click', onClick)
  return node
}

/** A two-column list of facts; rows with no value are left out. */
export function facts(rows: [string, Child][]): HTMLElement {
  const dl = el('dl')
  for (const [term, value] of rows) {
    if (
      value === null ||
      value === undefined ||
      value === false ||
      value === ''
    )
      continue
    dl.append(el('dt', {}, term), el('dd', {}, value))
  }
  return dl
}

export function short(text: string, head = 10, tail = 6): string {
  return text.length > head + tail + 1
    ? `${text.slice(0, head)}…${tail > 0 ? text.slice(-tail) : ''}`
    : text
}

/**
 * Sizes an overlay canvas to the renderer's at the screen's pixel ratio.
 * Setting a size, even the same one, reallocates the canvas: only on change.
 */
export function fitCanvas(
  canvas: HTMLCanvasElement,
  { width, height }: { width: number; height: number },
): void {
  const ratio = window.devicePixelRatio || 1
  const w = Math.round(width * ratio)
  const h = Math.round(height * ratio)
  if (canvas.width === w && canvas.height === h) return
  canvas.width = w
  canvas.height = h
  canvas.style.width = `${width}px`
  canvas.style.height = `${height}px`
}
