/**
 * Attribute and text writes that skip values the element already has. The browser treats every
 * setAttribute and textContent write as a change, even to the same value: it invalidates the
 * element's style, layout and paint (a text write also replaces the text node). A panel redrawn
 * in place on each slider input (issue 19: one frame per input) sets many attributes that did not
 * change (colours, a label's anchor); with these, the next frame redoes only what moved.
 */
import type * as d3 from 'd3';

type Value = string | number | null;
/** An attribute's value, or a function of the element's datum and index as in d3's `attr`. */
type AttrValue<D> = Value | ((datum: D, index: number) => Value);

function setAttr(el: Element, name: string, value: Value): void {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
    return;
  }
  const text = String(value);
  if (el.getAttribute(name) !== text) el.setAttribute(name, text);
}

/** d3's `attr` for several attributes at once (null removes one), writing only those that differ. */
export function setAttrs<E extends Element, D, P extends d3.BaseType, PD>(
  selection: d3.Selection<E, D, P, PD>,
  attrs: Record<string, AttrValue<D>>,
): d3.Selection<E, D, P, PD> {
  const entries = Object.entries(attrs);
  return selection.each(function (datum, index) {
    for (const [name, value] of entries) setAttr(this, name, typeof value === 'function' ? value(datum, index) : value);
  });
}

/** Sets an element's text content when it differs (d3's `text`, without replacing an equal text). */
export function setTextIfChanged(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** d3's `text` for every element of the selection, writing only the texts that differ. */
export function setText<E extends d3.BaseType, D, P extends d3.BaseType, PD>(
  selection: d3.Selection<E, D, P, PD>,
  text: string,
): d3.Selection<E, D, P, PD> {
  return selection.each(function () {
    if (this instanceof Element) setTextIfChanged(this, text);
  });
}
