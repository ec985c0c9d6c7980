/**
 * The faces of src/ui/fonts.css, loaded before the first render: the panels lay out their SVG
 * labels with widths measured on a canvas (panels/kit/text.ts, cached), and a canvas measures with
 * whatever font is ready at that moment, a system font while ours is still loading.
 */
// Lab Mono is not measured (Algorithm 1's block and key caps are HTML): it loads when first shown.
const FACES = ['400 12px "Lab Sans"', '700 12px "Lab Sans"'];

/** Resolves once every face is loaded, or after `timeoutMs` (a font that fails to load must not block the app). */
export async function loadAppFonts(timeoutMs = 5000): Promise<void> {
  if (typeof document === 'undefined' || !document.fonts) return;
  const loaded = Promise.all(FACES.map((face) => document.fonts.load(face))).then(() => undefined);
  const late = new Promise<void>((resolve) => setTimeout(resolve, timeoutMs));
  await Promise.race([loaded.catch(() => undefined), late]);
}
