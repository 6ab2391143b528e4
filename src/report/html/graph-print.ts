/**
 * Whether a Graphviz SVG prints readably on the landscape page: scaled to
 * fit the printable area, its smallest text must stay at least 9 pt.
 */

/** A4 landscape minus 10 mm margins, less room for the heading and legend, in pt. */
export const PRINT_AREA = { width: 785, height: 440 }
export const MIN_PRINT_PT = 9

function attr(svg: string, name: string): number {
  const m = new RegExp(`<svg[^>]*\\s${name}="([\\d.]+)pt"`).exec(svg)
  return m ? Number(m[1]) : 0
}

/** The scale at which the figure fills the print area (never above 2). */
export function printScale(svg: string): number {
  const width = attr(svg, 'width')
  const height = attr(svg, 'height')
  if (!width || !height) return 1
  return Math.min(2, PRINT_AREA.width / width, PRINT_AREA.height / height)
}

/** The smallest font size the SVG uses, in its own units (pt). */
export function smallestFont(svg: string): number {
  const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) =>
    Number(m[1]),
  )
  return sizes.length ? Math.min(...sizes) : 0
}

export function fitsPrint(svg: string): boolean {
  return smallestFont(svg) * printScale(svg) >= MIN_PRINT_PT
}

/** The figure's printed size, as CSS variables the print style reads. */
export function withPrintSize(svg: string): string {
  const scale = printScale(svg)
  const width = (attr(svg, 'width') * scale).toFixed(1)
  const height = (attr(svg, 'height') * scale).toFixed(1)
  return svg.replace(
    '<svg',
    `<svg style="--print-w:${width}pt;--print-h:${height}pt"`,
  )
}
