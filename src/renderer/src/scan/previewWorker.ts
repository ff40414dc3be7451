// Makes a large scan's preview off the main thread: the browser decodes the scan (every format
// Galley shows), scales it to the size core asked for and encodes a JPEG, sent back as base64 for
// putPageScanPreview. Typing never waits for it.

export interface PreviewRequest {
  image: Blob
  width: number
  height: number
}

export type PreviewAnswer = { ok: true; dataBase64: string } | { ok: false; message: string }

const scope = self as unknown as { onmessage: ((event: MessageEvent<PreviewRequest>) => void) | null; postMessage(answer: PreviewAnswer): void }

scope.onmessage = (event) => {
  void makePreview(event.data).then(
    (dataBase64) => scope.postMessage({ ok: true, dataBase64 }),
    (error: unknown) => scope.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) })
  )
}

async function makePreview({ image, width, height }: PreviewRequest): Promise<string> {
  const bitmap = await createImageBitmap(image, { resizeWidth: width, resizeHeight: height, resizeQuality: 'high' })
  const canvas = new OffscreenCanvas(width, height)
  const context = canvas.getContext('2d')
  if (!context) throw new Error('no 2D canvas in this worker')
  // a scan with transparency shows on white, as on paper
  context.fillStyle = '#fff'
  context.fillRect(0, 0, width, height)
  context.drawImage(bitmap, 0, 0)
  bitmap.close()
  const jpeg = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 })
  const bytes = new Uint8Array(await jpeg.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}
