/**
 * Deep clones with computed styles written into style attributes, so that a fragment looks the
 * same outside the page's stylesheets (in a standalone SVG, or an SVG drawn as an image).
 * Only the properties that matter for these panels are written, and only where they differ
 * from what the element would get anyway (initial values, or the parent's for inherited ones).
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Property → values that need not be written. Inherited properties are in INHERITED instead. */
type Spec = Record<string, readonly string[]>;

const INHERITED_TEXT = [
  'color',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'font-variant-numeric',
  'font-stretch',
  'line-height',
  'letter-spacing',
  'word-spacing',
  'text-align',
  'text-indent',
  'text-transform',
  'white-space',
  'word-break',
  'overflow-wrap',
  'visibility',
];

const INHERITED_SVG = [
  'fill',
  'fill-opacity',
  'fill-rule',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-miterlimit',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'shape-rendering',
  'image-rendering',
  'color',
  'font-family',
  'font-size',
  'font-style',
  'font-weight',
  'letter-spacing',
  'visibility',
];

const zero = ['0px'];
const auto = ['auto'];
const none = ['none'];
const BOX: Spec = {
  display: [],
  position: ['static'],
  top: auto,
  right: auto,
  bottom: auto,
  left: auto,
  'z-index': auto,
  float: none,
  'box-sizing': ['content-box'],
  width: auto,
  height: auto,
  'min-width': ['auto', '0px'],
  'min-height': ['auto', '0px'],
  'max-width': none,
  'max-height': none,
  'margin-top': zero,
  'margin-right': zero,
  'margin-bottom': zero,
  'margin-left': zero,
  'padding-top': zero,
  'padding-right': zero,
  'padding-bottom': zero,
  'padding-left': zero,
  'border-top-left-radius': zero,
  'border-top-right-radius': zero,
  'border-bottom-right-radius': zero,
  'border-bottom-left-radius': zero,
  'background-color': ['rgba(0, 0, 0, 0)'],
  'box-shadow': none,
  opacity: ['1'],
  'overflow-x': ['visible'],
  'overflow-y': ['visible'],
  clip: auto,
  'vertical-align': ['baseline'],
  'text-decoration-line': none,
  'flex-direction': ['row'],
  'flex-wrap': ['nowrap'],
  'flex-grow': ['0'],
  'flex-shrink': ['1'],
  'flex-basis': auto,
  'justify-content': ['normal'],
  'align-items': ['normal'],
  'align-self': auto,
  'align-content': ['normal'],
  'row-gap': ['normal'],
  'column-gap': ['normal'],
  order: ['0'],
  'grid-template-columns': none,
  'grid-template-rows': none,
  'grid-column-start': auto,
  'grid-column-end': auto,
  'grid-row-start': auto,
  'grid-row-end': auto,
  'grid-auto-flow': ['row'],
  transform: none,
  'aspect-ratio': auto,
  'image-rendering': auto,
  'text-overflow': ['clip'],
};

const SVG_OWN: Spec = {
  opacity: ['1'],
  'baseline-shift': ['0px', 'baseline'],
  'clip-path': none,
  mask: none,
};

export interface CloneContext {
  /** Every font family the clones ask for (to embed web fonts). */
  families: Set<string>;
}

const isSvg = (el: Element): boolean => el.namespaceURI === SVG_NS;

/**
 * Elements that are never drawn: skipped (KaTeX's MathML copy is for screen readers, a closed
 * <details> shows only its summary). The content of a closed <details> is not rendered, so its
 * fonts are never loaded: measured anyway, it would be laid out in a system fallback font.
 */
function hidden(el: Element, cs: CSSStyleDeclaration): boolean {
  if (isSvg(el)) return false; // clipPath, gradients etc. report display: none yet are used
  const parent = el.parentElement;
  const folded = parent instanceof HTMLDetailsElement && !parent.open && el.tagName !== 'SUMMARY';
  return folded || cs.display === 'none' || el.classList.contains('katex-mathml');
}

function declarations(
  el: Element,
  cs: CSSStyleDeclaration,
  parent: CSSStyleDeclaration | null,
  inSvg: boolean,
): string[] {
  const out: string[] = [];
  // Nothing scrolls in an image: a scroll box (in either direction) shows its content whole.
  // Clipping it instead cut off KaTeX's last line (an overflow-x: auto row is overflow-y: hidden),
  // whose embedded-font metrics can sit a pixel or two lower than the page's.
  const scrollBox = [cs.overflowX, cs.overflowY].some((v) => v === 'auto' || v === 'scroll');
  const put = (prop: string): void => {
    const v = cs.getPropertyValue(prop);
    out.push(`${prop}:${scrollBox && prop.startsWith('overflow') ? 'visible' : v}`);
  };
  const inherited = isSvg(el) ? INHERITED_SVG : INHERITED_TEXT;
  for (const prop of inherited) if (!parent || cs.getPropertyValue(prop) !== parent.getPropertyValue(prop)) put(prop);
  const svg = isSvg(el);
  // CSS box properties matter for HTML, and for an <svg> laid out by HTML (KaTeX's glyphs).
  const boxed = !svg || (el.localName === 'svg' && !inSvg);
  const specs: Spec[] = svg ? [SVG_OWN] : [];
  if (boxed) specs.push(BOX);
  for (const spec of specs) {
    for (const prop in spec) {
      const v = cs.getPropertyValue(prop);
      if (v !== '' && !spec[prop].includes(v)) put(prop);
    }
  }
  if (svg && cs.display === 'none') put('display');
  if (svg && el.localName === 'svg') put('overflow');
  if (boxed) {
    for (const side of ['top', 'right', 'bottom', 'left']) {
      if (
        cs.getPropertyValue(`border-${side}-style`) !== 'none' &&
        cs.getPropertyValue(`border-${side}-width`) !== '0px'
      ) {
        for (const part of ['width', 'style', 'color']) put(`border-${side}-${part}`);
      }
    }
    if (cs.outlineStyle !== 'none' && cs.outlineWidth !== '0px')
      for (const prop of ['outline-width', 'outline-style', 'outline-color', 'outline-offset']) put(prop);
    if (cs.textDecorationLine !== 'none')
      for (const prop of ['text-decoration-color', 'text-decoration-style']) put(prop);
    if (cs.transform !== 'none') put('transform-origin');
  }
  return out;
}

/** The inherited text properties of `cs`, for text taken out of its element. */
export function textDeclarations(cs: CSSStyleDeclaration): string[] {
  return INHERITED_TEXT.map((prop) => `${prop}:${cs.getPropertyValue(prop)}`);
}

export function fontFamilies(cs: CSSStyleDeclaration): string[] {
  return cs.fontFamily
    .split(',')
    .map((f) => f.trim().replace(/^["']|["']$/g, ''))
    .filter(Boolean);
}

/**
 * Clones `src` and its subtree with styles inlined; null when it is not drawn. `inSvg`: the clone
 * goes into SVG content (not HTML). `extra` is appended to the root's declarations (it wins).
 */
export function styledClone(src: Element, ctx: CloneContext, inSvg: boolean, extra: string[] = []): Element | null {
  return cloneInto(src, null, ctx, inSvg, extra);
}

function cloneInto(
  src: Element,
  parent: CSSStyleDeclaration | null,
  ctx: CloneContext,
  inSvg: boolean,
  extra: string[],
): Element | null {
  const cs = getComputedStyle(src);
  if (hidden(src, cs)) return null;
  const clone = src.cloneNode(false) as Element;
  const decls = declarations(src, cs, parent, inSvg);
  if (src.localName === 'text' || src.localName === 'tspan' || !isSvg(src))
    for (const f of fontFamilies(cs)) ctx.families.add(f);
  clone.setAttribute('style', [...decls, ...extra].join(';'));
  for (const child of Array.from(src.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) clone.appendChild(child.cloneNode(false));
    else if (child.nodeType === Node.ELEMENT_NODE) {
      const c = cloneInto(child as Element, cs, ctx, isSvg(src), []);
      if (c) clone.appendChild(c);
    }
  }
  return clone;
}
