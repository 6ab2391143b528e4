/// <reference lib="dom" />
/**
 * Panning and wheel zoom move a picture of the graph, not the graph. Without
 * a GPU, every frame sigma draws costs the browser a composite of its seven
 * full-window layers (about 250 ms here, at any graph size); moving one
 * flattened picture costs one. So a drag or a wheel turn takes a snapshot of
 * the drawn layers, moves and scales it with CSS, and sets the camera once
 * when the hand stops: sigma then draws the new view a single time. The only
 * cost is that what lay outside the window appears on release.
 */
import type Sigma from 'sigma'
import type { CameraState } from 'sigma/types'
import type { EdgeAttrs, NodeAttrs } from './view.js'

type Renderer = Sigma<NodeAttrs, EdgeAttrs>
type At = { x: number; y: number }

// A press that moves less than this (in pixels) is a click, not a drag.
const DRAG_PX = 3
// The wheel has stopped when no turn came for this long.
const WHEEL_SETTLE_MS = 400

/** Sigma's layers, bottom first; the top one only takes the mouse. */
function layers(sigma: Renderer): HTMLCanvasElement[] {
  const all = sigma.getCanvases()
  return Object.entries(all)
    .filter(([id]) => id !== 'mouse')
    .map(([, canvas]) => canvas)
}

/**
 * One opaque canvas holding what sigma last drew, kept hidden until a
 * gesture. It is refreshed right after each render, in the same task: the
 * WebGL buffers are only readable until the frame is shown.
 */
function createPicture(sigma: Renderer) {
  const canvas = document.createElement('canvas')
  canvas.className = 'picture'
  canvas.hidden = true
  sigma.getContainer().insertBefore(canvas, sigma.getCanvases().mouse ?? null)
  let at = sigma.getCamera().getState()
  const copy = () => {
    const { width, height } = sigma.getDimensions()
    const ratio = window.devicePixelRatio || 1
    canvas.width = Math.round(width * ratio)
    canvas.height = Math.round(height * ratio)
    canvas.style.width = `${width}px`
    canvas.style.height = `${height}px`
    const ctx = canvas.getContext('2d', { alpha: false })
    if (!ctx) return
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, canvas.width, canvas.height)
    for (const layer of layers(sigma))
      ctx.drawImage(layer, 0, 0, canvas.width, canvas.height)
    at = sigma.getCamera().getState()
  }
  sigma.on('afterRender', copy)
  copy()
  const showLayers = (on: boolean) => {
    canvas.hidden = on
    for (const layer of layers(sigma))
      layer.style.visibility = on ? '' : 'hidden'
  }
  return {
    /** The camera the picture was drawn with. */
    at: () => at,
    show(transform: string) {
      canvas.style.transform = transform
      if (canvas.hidden) showLayers(false)
    },
    hide: () => showLayers(true),
  }
}

/** The CSS transform that carries the picture taken at `from` to `to`. */
function pictureTransform(
  sigma: Renderer,
  from: CameraState,
  to: CameraState,
): string {
  const corner = sigma.viewportToFramedGraph(
    { x: 0, y: 0 },
    { cameraState: from },
  )
  const at = sigma.framedGraphToViewport(corner, { cameraState: to })
  return `translate(${at.x}px, ${at.y}px) scale(${from.ratio / to.ratio})`
}

/** The camera after dragging the point under `start` to `now`. */
function panned(
  sigma: Renderer,
  from: CameraState,
  start: At,
  now: At,
): CameraState {
  const a = sigma.viewportToFramedGraph(start, { cameraState: from })
  const b = sigma.viewportToFramedGraph(now, { cameraState: from })
  return { ...from, x: from.x + a.x - b.x, y: from.y + a.y - b.y }
}

/** The camera zoomed to `ratio` about a viewport point, which stays put. */
function zoomed(
  sigma: Renderer,
  from: CameraState,
  at: At,
  ratio: number,
): CameraState {
  const { width, height } = sigma.getDimensions()
  const g = sigma.viewportToFramedGraph(at, { cameraState: from })
  const c = sigma.viewportToFramedGraph(
    { x: width / 2, y: height / 2 },
    { cameraState: from },
  )
  const k = 1 - ratio / from.ratio
  return {
    ...from,
    ratio,
    x: from.x + (g.x - c.x) * k,
    y: from.y + (g.y - c.y) * k,
  }
}

function position(sigma: Renderer, event: MouseEvent): At {
  const box = sigma.getContainer().getBoundingClientRect()
  return { x: event.clientX - box.left, y: event.clientY - box.top }
}

export function wireGestures(sigma: Renderer): void {
  const camera = sigma.getCamera()
  const container = sigma.getContainer()
  const picture = createPicture(sigma)
  let target: CameraState | null = null
  let drag: { start: At; from: CameraState; moved: boolean } | null = null
  let swallowClick = false
  let wheelTimer: ReturnType<typeof setTimeout> | undefined

  const show = (next: CameraState) => {
    target = next
    picture.show(pictureTransform(sigma, picture.at(), next))
  }
  const settle = () => {
    const next = target
    target = null
    if (!next) return
    // The new view replaces the picture in the same frame it is drawn.
    sigma.once('afterRender', picture.hide)
    camera.setState(next)
  }

  container.addEventListener(
    'mousedown',
    (event) => {
      if (event.button !== 0) return
      drag = {
        start: position(sigma, event),
        from: target ?? camera.getState(),
        moved: false,
      }
    },
    { capture: true },
  )
  // While the button is down, sigma sees no move: no per-move hover test
  // (a pixel read that waits for the GPU) and no live camera drag.
  document.addEventListener(
    'mousemove',
    (event) => {
      if (!drag) return
      event.stopImmediatePropagation()
      const now = position(sigma, event)
      if (
        !drag.moved &&
        Math.hypot(now.x - drag.start.x, now.y - drag.start.y) < DRAG_PX
      )
        return
      drag.moved = true
      show(panned(sigma, drag.from, drag.start, now))
    },
    { capture: true },
  )
  document.addEventListener(
    'mouseup',
    () => {
      if (!drag) return
      swallowClick = drag.moved
      drag = null
      if (swallowClick) settle()
      // The click that ends a drag selects nothing.
      setTimeout(() => {
        swallowClick = false
      }, 0)
    },
    { capture: true },
  )
  container.addEventListener(
    'click',
    (event) => {
      if (swallowClick) event.stopImmediatePropagation()
    },
    { capture: true },
  )
  container.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault()
      event.stopImmediatePropagation()
      if (drag?.moved) return
      const from = target ?? camera.getState()
      // A mouse notch is about 100 px of delta; a trackpad sends many small ones.
      const turns = Math.max(-1, Math.min(1, -event.deltaY / 100))
      const step = sigma.getSetting('zoomingRatio') ** turns
      const ratio = camera.getBoundedRatio(from.ratio / step)
      if (ratio === from.ratio) return
      show(zoomed(sigma, from, position(sigma, event), ratio))
      clearTimeout(wheelTimer)
      wheelTimer = setTimeout(settle, WHEEL_SETTLE_MS)
    },
    { capture: true, passive: false },
  )
}
