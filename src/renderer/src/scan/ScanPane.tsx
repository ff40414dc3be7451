import OpenSeadragon from 'openseadragon'
import { useEffect, useRef, useState } from 'react'
import type { PageScanInfo } from '../../../shared/api'
import type { SuggestionRecord } from '../../../shared/types'
import type { GeometryBox } from '../../../shared/geometry'
import { geometryFrame, type GeometryFrame } from '../../../shared/orientation'
import { alignTexts, type TextAlignment } from '../../../shared/alignText'
import { api } from '../api/client'
import { useApp, useT, useWorkbench } from '../hooks/useWorkbench'
import { onCursor, requestReveal, workingTextNow } from './cursorBus'
import { lineAt, lineAtPoint, rangeBox, wordAt } from './scanGeometry'
import type { PreviewAnswer, PreviewRequest } from './previewWorker'
import './scan.css'

// The page's scan beside the working text (OpenSeadragon, from the scan's bytes, which come raw
// over HTTP or IPC: no base64, no network). A large scan is drawn first from its preview (a
// 2,048-pixel JPEG kept beside it in the media folder); when the editor zooms past the preview's
// detail, its Deep Zoom pyramid (512-pixel tiles, also beside it) is drawn over it, or, where it
// has none, the scan itself. Core makes both in the background after the import, and a scan
// opened before its turn is drawn whole that once; where core cannot make them (no sharp on the
// platform) a worker here makes the preview from the same bytes for every later view
// (previewWorker.ts).
// With the layout of an OCR file the printed line under the cursor is outlined and followed,
// the word under it too, each open suggestion is marked where it is printed (the one at the
// cursor highlighted), and a click on a line of the scan moves the cursor there. Keys when the
// scan has focus: arrows or WASD pan, + and - zoom, 0 fits the page; Alt+I hides the pane.

const HIDDEN_KEY = 'galley-scan-hidden'
/** Above this many pixels a scan is drawn without OpenSeadragon's pyramid. */
const LARGE_SCAN_PIXELS = 16_000_000

function storedHidden(): boolean {
  try {
    return localStorage.getItem(HIDDEN_KEY) === '1'
  } catch {
    // Storage refused (private mode, a sandbox): the pane shows, as on first use.
    return false
  }
}

export function ScanPane(): React.JSX.Element | null {
  const t = useT()
  const pageId = useApp((s) => s.pageId)
  // the scan with the page it belongs to: a page change must not show the last page's scan
  const [loaded, setLoaded] = useState<{ pageId: number; scan: PageScanInfo } | null>(null)
  const scan = loaded !== null && loaded.pageId === pageId ? loaded.scan : null
  const [hidden, setHidden] = useState(storedHidden)
  const [error, setError] = useState<string | null>(null)
  const host = useRef<HTMLDivElement>(null)
  const wb = useWorkbench()
  const suggestions = useApp((s) => s.suggestions)
  const viewer = useRef<OpenViewer | null>(null)

  useEffect(() => {
    let live = true
    setError(null)
    if (pageId === null) return
    api.getPageScan({ pageId }).then(
      (info) => live && setLoaded({ pageId, scan: info }),
      (e: Error) => live && setError(e.message)
    )
    return () => {
      live = false
    }
  }, [pageId])

  // Editors go page by page: a while after a page opens, the next page's large scan gets its
  // preview made in the background, so it opens from the preview too. Only from a page that has a
  // scan: an edition of text alone never asks the store about its scans while the editor types.
  const hasScan = loaded !== null && loaded.pageId === pageId && loaded.scan.image !== null
  useEffect(() => {
    if (pageId === null || hidden || !hasScan) return
    let timer: ReturnType<typeof setTimeout>
    const attempt = (): void => {
      const next = wb.neighbourPage(1)
      // busy with another preview (this page's own, drawn whole): try again in a while
      if (next !== null && !preparePreview(next)) timer = setTimeout(attempt, PREPARE_NEXT_AFTER_MS)
    }
    timer = setTimeout(attempt, PREPARE_NEXT_AFTER_MS)
    return () => clearTimeout(timer)
  }, [pageId, hidden, hasScan, wb])

  useEffect(() => {
    const toggle = (e: KeyboardEvent): void => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 'i' || e.key === 'I' || e.code === 'KeyI')) {
        e.preventDefault()
        setHidden((h) => {
          try {
            localStorage.setItem(HIDDEN_KEY, h ? '0' : '1')
          } catch {
            // a profile without storage forgets the choice
          }
          return !h
        })
      }
    }
    window.addEventListener('keydown', toggle, true)
    return () => window.removeEventListener('keydown', toggle, true)
  }, [])

  const show = scan !== null && scan.image !== null && !hidden
  useEffect(() => {
    if (!show || !scan?.viewable || pageId === null || !host.current) return
    const opened = openViewer(host.current, pageId, scan, setError, (s) => wb.port()?.suggestionRange(s.id) ?? s)
    viewer.current = opened
    opened.setSuggestions(wb.store.get().suggestions)
    return () => {
      viewer.current = null
      opened.close()
    }
  }, [show, scan, pageId, wb])

  useEffect(() => {
    viewer.current?.setSuggestions(suggestions)
  }, [suggestions])

  if (pageId === null || scan === null || scan.image === null) return null
  if (hidden) {
    return (
      <button className="scan-show" onClick={() => setHidden(false)} data-testid="scan-toggle" title={t('scan.show')}>
        {t('scan.show')}
      </button>
    )
  }
  return (
    <aside className="scan-pane" data-testid="scan-pane" aria-label={t('scan.title')}>
      <header className="scan-head">
        <span title={scan.image.sourceName}>{scan.image.sourceName}</span>
        <button onClick={() => setHidden(true)} data-testid="scan-toggle" title={t('scan.hide')}>
          {t('scan.hide')}
        </button>
      </header>
      {!scan.viewable && <p className="empty">{t('scan.notViewable')}</p>}
      {error && <p className="error">{error}</p>}
      {scan.viewable && <div className="scan-view" ref={host} data-testid="scan-view" tabIndex={-1} />}
    </aside>
  )
}

interface OpenViewer {
  close(): void
  /** The open suggestions to mark on the scan (where they are now in the working text comes from rangeOf). */
  setSuggestions(list: readonly SuggestionRecord[]): void
}

type RangeOf = (s: SuggestionRecord) => { start: number; end: number }

/** Opens the viewer on the scan. */
function openViewer(element: HTMLElement, pageId: number, scan: PageScanInfo, fail: (message: string) => void, rangeOf: RangeOf): OpenViewer {
  let closed = false
  let url: string | null = null
  let viewer: OpenSeadragon.Viewer | null = null
  const lineBox = document.createElement('div')
  lineBox.className = 'scan-line'
  lineBox.dataset.testid = 'scan-line'
  const wordBox = document.createElement('div')
  wordBox.className = 'scan-word'
  let alignment: { text: string; map: TextAlignment } | null = null
  let stopCursor: (() => void) | null = null
  let suggestions: readonly SuggestionRecord[] = []
  let redraw: (() => void) | null = null

  let fullUrl: string | null = null
  const image = scan.image!
  const preview = image.preview
  const tiles = image.tiles
  // A large scan is drawn from its preview (one request, 2.8 million pixels); zoomed past the
  // preview's detail, from its Deep Zoom pyramid (made in Node after the import) drawn over it:
  // the few 512-pixel tiles the view shows, never the 54 million pixels of the scan. A pyramid
  // without a preview is drawn from its tiles alone; a scan with neither is drawn whole.
  const opened: Promise<{ source: object; blob: Blob | null }> =
    tiles && !preview
      ? Promise.resolve({ source: tileSource(pageId, tiles), blob: null })
      : api.getPageImage(preview ? { pageId, preview: true } : { pageId }).then(({ mediaType, bytes }) => {
          const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType })
          url = URL.createObjectURL(blob)
          const drawnSize = preview ?? { width: image.width ?? 0, height: image.height ?? 0 }
          // OpenSeadragon's pyramid (each half size drawn on a canvas) makes zoomed-out views finer
          // but costs a full-size canvas: a very large scan opens without it (bench: 6,000 × 9,000 PNG
          // 2.6 s → 1.4-1.5 s to the first full frame under load). Not in the typings: a plain object.
          return { source: { type: 'image', url, buildPyramid: drawnSize.width * drawnSize.height <= LARGE_SCAN_PIXELS }, blob }
        })
  void opened.then(
    ({ source, blob }) => {
      if (closed) return
      viewer = OpenSeadragon({
        element,
        // a TileSource object is accepted as it is (the typings list only its options)
        tileSources: source as OpenSeadragon.TileSourceOptions,
        showNavigationControl: false,
        showNavigator: false,
        gestureSettingsMouse: { clickToZoom: false, dblClickToZoom: true },
        keyboardNavEnabled: true,
        // the pyramid drawn over the preview goes straight to the level the view needs (the
        // preview underneath stands for the coarser ones): fewer tiles asked for while zooming
        immediateRender: tiles !== null,
        maxZoomPixelRatio: 4,
        visibilityRatio: 0.5,
        // the image is already in memory: no tiles to fetch, no cross-origin canvas
        crossOriginPolicy: false
      })
      // data-moving: the view is still animating (a zoom or a pan); the bench waits for it to rest
      viewer.addHandler('animation-start', () => {
        if (!closed) element.dataset.moving = '1'
      })
      viewer.addHandler('animation-finish', () => {
        if (!closed) element.dataset.moving = '0'
      })
      // data-drawn: the scan is on screen at full detail (tests and the bench wait for it)
      viewer.addHandler('open', () => {
        const item = viewer?.world.getItemAt(0)
        if (!item) return
        const mark = (): void => {
          const size = item.getContentSize()
          element.dataset.drawn = `${size.x}x${size.y}`
          element.dataset.detail = preview ? 'preview' : tiles ? 'tiles' : 'full'
          if (!tiles && !preview && blob && image.previewWanted) makePreview(pageId, image.sha256, blob, image.previewWanted)
        }
        if (item.getFullyLoaded()) mark()
        else item.addOnceHandler('fully-loaded-change', mark)
        // data-complete: every tile the view shows is drawn (after a zoom or a pan, the tiles it
        // asked for); over a preview, the pyramid drawn over it says it instead
        if (!preview) {
          element.dataset.complete = item.getFullyLoaded() ? '1' : '0'
          item.addHandler('fully-loaded-change', (event) => {
            if (!closed) element.dataset.complete = (event as unknown as { fullyLoaded: boolean }).fullyLoaded ? '1' : '0'
          })
        }
      })
      if (preview) {
        // finer detail once the view shows the preview's pixels larger than the screen's
        let requested = false
        const wantFull = (): void => {
          const v = viewer
          const item = v?.world.getItemAt(0)
          if (requested || !v || !item) return
          if (item.viewportToImageZoom(v.viewport.getZoom(true)) * window.devicePixelRatio <= 1.1) return
          requested = true
          element.dataset.detail = 'loading'
          if (tiles) {
            // the pyramid over the preview, in the same place; data-complete follows its tiles
            element.dataset.complete = '0'
            v.addTiledImage({
              tileSource: tileSource(pageId, tiles),
              x: 0,
              y: 0,
              width: 1,
              success: (event: unknown) => {
                const added = (event as { item: OpenSeadragon.TiledImage }).item
                const loaded = (fully: boolean): void => {
                  if (closed) return
                  element.dataset.complete = fully ? '1' : '0'
                  if (fully) element.dataset.detail = 'tiles'
                }
                loaded(added.getFullyLoaded())
                added.addHandler('fully-loaded-change', (e) => loaded((e as unknown as { fullyLoaded: boolean }).fullyLoaded))
              }
            })
            return
          }
          void api.getPageImage({ pageId }).then(
            (full) => {
              if (closed || !viewer) return
              fullUrl = URL.createObjectURL(new Blob([full.bytes as Uint8Array<ArrayBuffer>], { type: full.mediaType }))
              // drawn over the preview, in the same place; the marks keep to the preview's item
              viewer.addTiledImage({
                tileSource: { type: 'image', url: fullUrl, buildPyramid: false } as unknown as OpenSeadragon.TileSource,
                x: 0,
                y: 0,
                width: 1,
                success: (event: unknown) => {
                  const added = (event as { item: OpenSeadragon.TiledImage }).item
                  const done = (): void => {
                    if (!closed) element.dataset.detail = 'full'
                  }
                  if (added.getFullyLoaded()) done()
                  else added.addOnceHandler('fully-loaded-change', done)
                }
              })
            },
            (e: Error) => {
              if (!closed) fail(e.message)
            }
          )
        }
        viewer.addHandler('zoom', wantFull)
      }
      const geometry = scan.geometry
      if (!geometry) return
      // the file's boxes on the scan as shown (an engine such as Tesseract gives them in the
      // stored pixels of a scan its EXIF orientation turns), then on the image drawn (a preview
      // is smaller than the scan)
      const shownOf = (size: OpenSeadragon.Point): { width: number; height: number } => ({ width: image.width || size.x, height: image.height || size.y })
      const frameOf = (size: OpenSeadragon.Point): GeometryFrame => geometryFrame(geometry, { ...shownOf(size), orientation: image.orientation })
      const toImage = (box: GeometryBox): OpenSeadragon.Rect | null => {
        const item = viewer?.world.getItemAt(0)
        if (!item) return null
        const size = item.getContentSize()
        const shown = shownOf(size)
        const [x, y, w, h] = frameOf(size).toShown(box)
        const kx = size.x / shown.width
        const ky = size.y / shown.height
        return item.imageToViewportRectangle(x * kx, y * ky, w * kx, h * ky)
      }
      const mapOf = (text: string): TextAlignment => {
        if (!alignment || alignment.text !== text) alignment = { text, map: alignTexts(scan.originalText, text) }
        return alignment.map
      }
      let lastOffset: number | null = null
      const markers = new Map<number, HTMLElement>()
      /** A box on each open suggestion's printed place; the one at the cursor is the current one. */
      const mark = (cursor: number | null, text: string): void => {
        const v = viewer
        if (!v || v.world.getItemCount() === 0) return
        const map = mapOf(text)
        const open = new Set<number>()
        for (const s of suggestions) {
          open.add(s.id)
          const range = rangeOf(s)
          const start = map.toOriginal(range.start)
          const box = rangeBox(geometry, start, Math.max(start + 1, map.toOriginal(range.end)))
          let element = markers.get(s.id)
          if (!element) {
            element = document.createElement('div')
            element.className = 'scan-suggestion'
            element.dataset.testid = 'scan-suggestion'
            element.dataset.suggestionId = String(s.id)
            markers.set(s.id, element)
          }
          const current = cursor !== null && range.start <= cursor && cursor <= range.end
          element.classList.toggle('current', current)
          element.dataset.current = current ? '1' : '0'
          placeOverlay(v, element, box ? toImage(box) : null)
        }
        for (const [id, element] of markers) {
          if (open.has(id)) continue
          placeOverlay(v, element, null)
          markers.delete(id)
        }
      }
      redraw = () => mark(lastOffset, workingTextNow())
      const outline = (workingOffset: number, text: string): void => {
        lastOffset = workingOffset
        const v = viewer
        if (!v || v.world.getItemCount() === 0) return
        mark(workingOffset, text)
        const original = mapOf(text).toOriginal(workingOffset)
        const index = lineAt(geometry, original)
        const line = index === -1 ? null : geometry.lines[index]!
        const rect = line?.box ? toImage(line.box) : null
        placeOverlay(v, lineBox, rect)
        const word = wordAt(geometry, original)
        placeOverlay(v, wordBox, word ? toImage(word) : null)
        if (rect) {
          lineBox.dataset.line = String(index)
          // follow the cursor: bring the line into view when it is not
          const bounds = v.viewport.getBounds(true)
          if (!bounds.containsPoint(rect.getTopLeft()) || !bounds.containsPoint(rect.getBottomRight())) v.viewport.panTo(rect.getCenter())
        }
      }
      stopCursor = onCursor((offset, text) => outline(offset, text()))
      viewer.addHandler('open', () => {
        if (lastOffset !== null) outline(lastOffset, workingTextNow())
        else redraw?.()
      })
      viewer.addHandler('canvas-click', (event) => {
        const v = viewer
        const item = v?.world.getItemAt(0)
        if (!v || !item || !event.quick) return
        const point = item.viewerElementToImageCoordinates(event.position)
        const size = item.getContentSize()
        const shown = shownOf(size)
        const [x, y] = frameOf(size).toGeometry((point.x * shown.width) / size.x, (point.y * shown.height) / size.y)
        const index = lineAtPoint(geometry, x, y)
        if (index === -1) return
        event.preventDefaultAction = true
        const text = workingTextNow()
        const target = text ? mapOf(text).toWorking(geometry.lines[index]!.start) : geometry.lines[index]!.start
        requestReveal(target)
      })
    },
    (e: Error) => {
      if (!closed) fail(e.message)
    }
  )
  return {
    close: () => {
      closed = true
      delete element.dataset.drawn
      delete element.dataset.detail
      delete element.dataset.complete
      delete element.dataset.moving
      stopCursor?.()
      viewer?.destroy()
      if (url) URL.revokeObjectURL(url)
      if (fullUrl) URL.revokeObjectURL(fullUrl)
    },
    setSuggestions: (list) => {
      suggestions = list
      redraw?.()
    }
  }
}

let makingPreview = false
/** How long a page is open before the next page's preview is made (not while paging fast). */
const PREPARE_NEXT_AFTER_MS = 1500

/** Makes the preview of a page's large scan that has none; false when another is being made. */
function preparePreview(pageId: number): boolean {
  if (makingPreview) return false
  makingPreview = true
  api.getPageScan({ pageId }).then(
    (info) => {
      const image = info.image
      if (!info.viewable || !image?.previewWanted || image.preview) return release()
      const size = image.previewWanted
      api.getPageImage({ pageId }).then(
        ({ mediaType, bytes }) => {
          release()
          makePreview(pageId, image.sha256, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }), size)
        },
        // the scan is missing from the media folder: the pane says so when the page is opened
        release
      )
    },
    // the page is gone (deleted elsewhere): nothing to prepare
    release
  )
  return true
}

interface PreviewJob {
  pageId: number
  sha256: string
  image: Blob
  size: { width: number; height: number }
}
/** The scan shown whole while another preview was being made: made next (the latest one only). */
let waiting: PreviewJob | null = null

/** Ends the preview being made (or looked for) and starts the one waiting, if any. */
function release(): void {
  makingPreview = false
  const next = waiting
  waiting = null
  if (next) makePreview(next.pageId, next.sha256, next.image, next.size)
}

/**
 * Makes and stores the preview of a large scan shown whole, in a worker, one at a time (an editor
 * paging fast does not start a decode of 54 million pixels a page); a failure leaves the next
 * view to try again.
 */
function makePreview(pageId: number, sha256: string, image: Blob, size: { width: number; height: number }): void {
  if (makingPreview) {
    waiting = { pageId, sha256, image, size }
    return
  }
  makingPreview = true
  const worker = new Worker(new URL('./previewWorker.ts', import.meta.url), { type: 'module' })
  const done = (): void => {
    worker.terminate()
    release()
  }
  worker.onmessage = (event: MessageEvent<PreviewAnswer>) => {
    if (event.data.ok) {
      api.putPageScanPreview({ pageId, sha256, dataBase64: event.data.dataBase64 }).catch(() => {
        // refused (the scan changed, the store is read-only): the scan is still shown whole
      })
    }
    done()
  }
  worker.onerror = done
  const request: PreviewRequest = { image, ...size }
  worker.postMessage(request)
}

/**
 * The scan's Deep Zoom pyramid as OpenSeadragon reads it, its tiles asked of the API (raw bytes
 * over HTTP, a structured clone over IPC) instead of fetched by URL: the renderer names no files.
 */
function tileSource(pageId: number, tiles: NonNullable<NonNullable<PageScanInfo['image']>['tiles']>): OpenSeadragon.TileSource {
  const source = new OpenSeadragon.DziTileSource(tiles.width, tiles.height, tiles.tileSize, tiles.overlap, 'galley-tiles/', tiles.format)
  source.downloadTileStart = (job: OpenSeadragon.ImageJob) => {
    const { level, x, y } = job.tile as unknown as { level: number; x: number; y: number }
    api.getPageImage({ pageId, tile: { level, x, y } }).then(
      // a job aborted meanwhile (the view moved on) ignores its finish
      ({ mediaType, bytes }) => job.finish(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }), null, 'rasterBlob'),
      (e: Error) => job.fail(e.message, null)
    )
  }
  // a request under way cannot be taken back; its answer is ignored
  source.downloadTileAbort = () => undefined
  return source
}

function placeOverlay(viewer: OpenSeadragon.Viewer, element: HTMLElement, rect: OpenSeadragon.Rect | null): void {
  const shown = viewer.getOverlayById(element) !== null
  if (!rect) {
    if (shown) viewer.removeOverlay(element)
    return
  }
  if (shown) viewer.updateOverlay(element, rect)
  else viewer.addOverlay({ element, location: rect })
}
