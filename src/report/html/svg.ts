/** DOT → inline SVG with @viz-js/viz, then stripped to a self-contained fragment. */
import { instance } from '@viz-js/viz'
import { BaseError } from '../../core/errors.js'

class UnsafeSvgError extends BaseError {
  override name = 'UnsafeSvgError'
}

type Viz = Awaited<ReturnType<typeof instance>>
let vizPromise: Promise<Viz> | undefined

function viz(): Promise<Viz> {
  vizPromise ??= instance()
  return vizPromise
}

// Graphviz never emits these for our DOT; if one appears, the escaping
// upstream failed and the figure must not be embedded.
const FORBIDDEN =
  /<script|<foreignObject|<image|<use|\shref=|xlink:href|\son[a-z]+\s*=|javascript:|@import|url\(/i

/** Removes the XML prolog, DOCTYPE (external DTD URL) and comments. */
export function cleanSvg(svg: string): string {
  const start = svg.indexOf('<svg')
  if (start < 0) throw new UnsafeSvgError('Graphviz returned no <svg> element')
  const body = svg
    .slice(start)
    .replace(/<!--[\s\S]*?-->\n?/g, '')
    .trim()
  // Only markup is checked: escaped label text may legitimately read "onerror=".
  const tags = body.match(/<[^>]*>/g) ?? []
  if (tags.some((tag) => FORBIDDEN.test(tag)))
    throw new UnsafeSvgError('the flow-graph SVG contains active content')
  return body
}

export async function renderSvg(dot: string): Promise<string> {
  const result = (await viz()).render(dot, { format: 'svg', engine: 'dot' })
  if (result.status !== 'success' || !result.output) {
    const errors = result.errors.map((e) => e.message)
    throw new BaseError('the flow graph could not be laid out', {
      metaMessages: errors,
    })
  }
  return cleanSvg(result.output)
}
