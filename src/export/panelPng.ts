/**
 * A composed panel SVG rasterised at a fixed scale (2× its CSS size, whatever the screen's
 * devicePixelRatio): the SVG is drawn as an image onto a canvas. The image comes from a data: URL,
 * not a Blob URL: Chrome taints a canvas that draws a Blob-URL SVG holding a foreignObject (the
 * readouts, the equations), and a tainted canvas cannot be encoded.
 */
import { bytesToBase64 } from './binary';
import { serializeSvg, type PanelSvg } from './panelSvg';

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the browser could not draw the panel’s SVG'));
    img.src = url;
  });
}

export async function panelPng(panel: PanelSvg, scale = 2): Promise<Blob> {
  const w = Math.round(panel.width * scale);
  const h = Math.round(panel.height * scale);
  // Drawn at the target size (viewBox unchanged), so text and lines are rendered sharp, not upscaled.
  const big = panel.svg.cloneNode(true) as SVGSVGElement;
  big.setAttribute('width', String(w));
  big.setAttribute('height', String(h));
  const url = `data:image/svg+xml;base64,${bytesToBase64(new TextEncoder().encode(serializeSvg(big)))}`;
  const img = await loadImage(url);
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas is available');
  ctx.drawImage(img, 0, 0, w, h);
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the canvas could not be encoded as PNG'))), 'image/png'),
  );
}
