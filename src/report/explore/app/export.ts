/// <reference lib="dom" />
/**
 * The current view as SVG or PNG: what is on screen, at screen positions,
 * with the display colours (filters and highlights applied). Labels go in as
 * text nodes, so XMLSerializer escapes them.
 */
import type Sigma from 'sigma'
import { BAND_STYLE } from '../../palette.js'
import { BAND_TEXT, bandRects } from './bands.js'
import { type Band, BEND, type EdgeAttrs, type NodeAttrs } from './view.js'

const SVG_NS = 'http://www.w3.org/2000/svg'

function svgEl(
  tag: string,
  attrs: Record<string, string | number>,
): SVGElement {
  const node = document.createElementNS(SVG_NS, tag)
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v))
  return node
}

/** The chain bands under everything else, as on screen. */
function bandsSvg(
  sigma: Sigma<NodeAttrs, EdgeAttrs>,
  bands: readonly Band[],
  width: number,
): SVGElement[] {
  return bandRects(sigma, bands).flatMap((rect) => {
    const label = svgEl('text', {
      x: 8,
      y: rect.labelY,
      'font-family': 'Helvetica, Arial, sans-serif',
      'font-size': 13,
      'font-weight': 600,
      fill: BAND_TEXT,
      class: 'chain-band',
    })
    label.textContent = rect.chain
    return [
      svgEl('rect', {
        x: 0,
        y: rect.top,
        width,
        height: rect.height,
        fill: BAND_STYLE.fill,
        stroke: BAND_STYLE.stroke,
      }),
      label,
    ]
  })
}

export function viewSvg(
  sigma: Sigma<NodeAttrs, EdgeAttrs>,
  bands: readonly Band[] = [],
): SVGSVGElement {
  const { width, height } = sigma.getDimensions()
  const svg = svgEl('svg', {
    xmlns: SVG_NS,
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
  }) as SVGSVGElement
  svg.append(svgEl('rect', { width, height, fill: '#ffffff' }))
  svg.append(...bandsSvg(sigma, bands, width))
  const graph = sigma.getGraph()
  const at = (id: string) => {
    const d = sigma.getNodeDisplayData(id)
    return d && !d.hidden ? { ...sigma.framedGraphToViewport(d), d } : null
  }
  const ratio = sigma.getCamera().ratio
  graph.forEachEdge((id, attrs, source, target) => {
    const e = sigma.getEdgeDisplayData(id)
    const a = at(source)
    const b = at(target)
    if (!e || e.hidden || !a || !b) return
    svg.append(
      svgEl('line', {
        x1: a.x,
        y1: a.y,
        x2: b.x,
        y2: b.y,
        stroke: e.color,
        'stroke-width': Math.max(1, e.size / Math.sqrt(ratio)),
        // Dashed as in the static report: a swap is not a transfer.
        ...(attrs.swap ? { 'stroke-dasharray': '6 4' } : {}),
      }),
    )
  })
  const labels = new Set(sigma.getNodeDisplayedLabels())
  graph.forEachNode((id, attrs) => {
    const p = at(id)
    // A bend is the joint of a transfer's two lines, drawn by those lines.
    if (!p || attrs.kind === BEND) return
    const r = sigma.scaleSize(p.d.size)
    svg.append(
      svgEl('circle', {
        cx: p.x,
        cy: p.y,
        r,
        fill: p.d.color,
        stroke: '#334155',
        'stroke-width': 0.5,
      }),
    )
    if (!labels.has(id) || !p.d.label) return
    const text = svgEl('text', {
      x: p.x + r + 3,
      y: p.y + 4,
      'font-family': 'Helvetica, Arial, sans-serif',
      'font-size': 12,
      fill: '#111111',
    })
    text.textContent = p.d.label
    svg.append(text)
  })
  return svg
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

export function svgText(
  sigma: Sigma<NodeAttrs, EdgeAttrs>,
  bands: readonly Band[],
): string {
  return new XMLSerializer().serializeToString(viewSvg(sigma, bands))
}

export function exportSvg(
  sigma: Sigma<NodeAttrs, EdgeAttrs>,
  bands: readonly Band[],
  name: string,
): void {
  download(
    new Blob([svgText(sigma, bands)], { type: 'image/svg+xml' }),
    `${name}.svg`,
  )
}

/** The SVG drawn onto a canvas at twice the screen size, for slides and filings. */
export function exportPng(
  sigma: Sigma<NodeAttrs, EdgeAttrs>,
  bands: readonly Band[],
  name: string,
): Promise<void> {
  const { width, height } = sigma.getDimensions()
  const url = URL.createObjectURL(
    new Blob([svgText(sigma, bands)], { type: 'image/svg+xml' }),
  )
  return new Promise((resolve, reject) => {
    const img = new Image()
    img.onload = () => {
      const canvas = document.createElement('canvas')
      canvas.width = width * 2
      canvas.height = height * 2
      const ctx = canvas.getContext('2d')
      if (!ctx) return reject(new Error('no 2d canvas'))
      ctx.scale(2, 2)
      ctx.drawImage(img, 0, 0)
      URL.revokeObjectURL(url)
      canvas.toBlob((blob) => {
        if (blob) download(blob, `${name}.png`)
        resolve()
      }, 'image/png')
    }
    img.onerror = () => reject(new Error('the view could not be drawn'))
    img.src = url
  })
}
