/// <reference lib="dom" />
/**
 * The chain bands behind the graph: one full-width strip per chain, named at
 * its top left, drawn on a canvas under sigma's edges each time sigma draws,
 * so they pan and zoom with the camera. The export draws the same strips.
 * Drawn after sigma's frame, whose camera matrix is only then current; wired
 * before the gestures' picture, which copies this canvas after each frame.
 */
import type Sigma from 'sigma'
import { BAND_STYLE } from '../../palette.js'
import { fitCanvas } from './dom.js'
import type { Band, EdgeAttrs, NodeAttrs } from './view.js'

type Renderer = Sigma<NodeAttrs, EdgeAttrs>

/** A band on screen: its strip and where its name goes, in viewport pixels. */
export type BandRect = {
  chain: string
  top: number
  height: number
  labelY: number
}

const LABEL_PX = 13

/**
 * The bands in viewport pixels. A name stays in view while any of its strip
 * does: it sits at the strip's top, or at the window's top edge once the
 * strip's top has scrolled above it.
 */
export function bandRects(sigma: Renderer, bands: readonly Band[]): BandRect[] {
  const { height } = sigma.getDimensions()
  return bands.flatMap((band) => {
    const a = sigma.graphToViewport({ x: 0, y: band.y0 }).y
    const b = sigma.graphToViewport({ x: 0, y: band.y1 }).y
    const top = Math.min(a, b)
    const bottom = Math.max(a, b)
    if (bottom < 0 || top > height) return []
    const labelY = Math.min(Math.max(top, 0) + LABEL_PX + 3, bottom - 3)
    return [{ chain: band.chain, top, height: bottom - top, labelY }]
  })
}

export const BAND_FONT = `600 ${LABEL_PX}px Helvetica, Arial, sans-serif`
export const BAND_TEXT = '#475569'

/** A canvas under the edges, redrawn with each of sigma's frames; returns what it last drew. */
export function wireBands(
  sigma: Renderer,
  bands: () => readonly Band[],
): () => BandRect[] {
  let drawn: BandRect[] = []
  const canvas = sigma.createCanvas('bands', { beforeLayer: 'edges' })
  canvas.style.pointerEvents = 'none'
  const draw = () => {
    const { width, height } = sigma.getDimensions()
    const ratio = window.devicePixelRatio || 1
    fitCanvas(canvas, { width, height })
    const ctx = canvas.getContext('2d')
    if (!ctx) return
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0)
    ctx.clearRect(0, 0, width, height)
    ctx.font = BAND_FONT
    drawn = bandRects(sigma, bands())
    for (const rect of drawn) {
      ctx.fillStyle = BAND_STYLE.fill
      ctx.fillRect(0, rect.top, width, rect.height)
      ctx.strokeStyle = BAND_STYLE.stroke
      ctx.strokeRect(0.5, rect.top + 0.5, width - 1, rect.height - 1)
      ctx.fillStyle = BAND_TEXT
      ctx.fillText(rect.chain, 8, rect.labelY)
    }
  }
  sigma.on('afterRender', draw)
  draw()
  return () => drawn
}
