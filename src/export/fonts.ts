/**
 * Web fonts for a standalone SVG: an SVG drawn as an image may not load anything, so the
 * @font-face rules of the families a panel uses (KaTeX's, for the equations) are embedded with
 * their font files as data URLs. System fonts need nothing.
 */
import { bytesToBase64 } from './binary';

const cache = new Map<string, Promise<string | null>>();

function fontDataUrl(url: string): Promise<string | null> {
  let hit = cache.get(url);
  if (!hit) {
    hit = fetch(url)
      .then(async (res) => {
        if (!res.ok) return null;
        const type = res.headers.get('content-type')?.split(';')[0] || 'font/woff2';
        return `data:${type};base64,${bytesToBase64(new Uint8Array(await res.arrayBuffer()))}`;
      })
      .catch(() => null);
    cache.set(url, hit);
  }
  return hit;
}

const unquote = (s: string): string => s.trim().replace(/^["']|["']$/g, '');

/** The first source of a rule's src, preferring woff2, resolved against its stylesheet. */
function sourceOf(rule: CSSFontFaceRule, base: string): { url: string; format: string } | null {
  const sources = [
    ...rule.style
      .getPropertyValue('src')
      .matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)\s*(?:format\(\s*["']?([\w-]+)["']?\s*\))?/g),
  ].map((m) => ({ url: m[2], format: m[3] ?? '' }));
  const pick = sources.find((s) => s.format === 'woff2') ?? sources[0];
  if (!pick || pick.url.startsWith('data:')) return pick ?? null;
  return { url: new URL(pick.url, base).href, format: pick.format };
}

/** CSS with one @font-face per face of the given families that the page's stylesheets declare. */
export async function embeddedFontCss(families: ReadonlySet<string>): Promise<string> {
  const wanted: { rule: CSSFontFaceRule; base: string }[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    let rules: CSSRuleList;
    try {
      rules = sheet.cssRules;
    } catch {
      continue; // a cross-origin sheet: none of ours
    }
    for (const rule of Array.from(rules)) {
      if (rule instanceof CSSFontFaceRule && families.has(unquote(rule.style.getPropertyValue('font-family')))) {
        wanted.push({ rule, base: sheet.href ?? document.baseURI });
      }
    }
  }
  const faces = await Promise.all(
    wanted.map(async ({ rule, base }) => {
      const src = sourceOf(rule, base);
      if (!src) return '';
      const data = src.url.startsWith('data:') ? src.url : await fontDataUrl(src.url);
      if (!data) return '';
      const s = rule.style;
      const format = src.format ? ` format("${src.format}")` : '';
      return `@font-face{font-family:"${unquote(s.getPropertyValue('font-family'))}";src:url(${data})${format};font-weight:${s.getPropertyValue('font-weight') || 'normal'};font-style:${s.getPropertyValue('font-style') || 'normal'}}`;
    }),
  );
  return faces.filter(Boolean).join('\n');
}
