/**
 * A deck as a JSON file and as a link. The file is readable JSON ({format, version, slides});
 * the link carries the same JSON deflated (fflate, loaded on first use) and base64url-encoded in
 * the hash, `#deck=…`, when the whole link stays within MAX_LINK_LENGTH characters.
 */
import type { TermId } from './historyTypes';
import type { SlideContent, SlideFocus } from './deck';

export const DECK_FORMAT = 'balance-lab-deck';
export const DECK_VERSION = 1;
export const DECK_HASH_KEY = 'deck';
/**
 * The longest deck link offered. The hash never reaches a server, so the limit is what the tools
 * a link passes through handle: 8,000 characters is the minimum RFC 9110 (§4.1) recommends all
 * HTTP software support, and mail and chat clients keep links that long intact. The five
 * scenarios with their narratives take about 2,100.
 */
export const MAX_LINK_LENGTH = 8000;

const TERMS: readonly TermId[] = ['fpMain', 'fpBias', 'fnMain', 'fnBias', 'fpMainW', 'fpBiasW'];

export class DeckError extends Error {}

export interface DeckDocument {
  format: typeof DECK_FORMAT;
  version: number;
  slides: SlideContent[];
}

export function deckDocument(slides: readonly SlideContent[]): DeckDocument {
  return {
    format: DECK_FORMAT,
    version: DECK_VERSION,
    slides: slides.map(({ title, note, query, highlight, focus }) => ({ title, note, query, highlight, focus })),
  };
}

export const deckToJson = (slides: readonly SlideContent[]): string =>
  `${JSON.stringify(deckDocument(slides), null, 2)}\n`;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function focusOf(v: unknown): SlideFocus | null {
  if (!isRecord(v) || typeof v.testId !== 'string' || !/^[\w-]{1,80}$/.test(v.testId)) return null;
  return { testId: v.testId, nth: Number.isInteger(v.nth) && (v.nth as number) >= 0 ? (v.nth as number) : 0 };
}

/**
 * Slides from untrusted data: a slide without a query string is dropped, any other bad field
 * gets its default; every repair is reported.
 */
export function slidesFrom(value: unknown): { slides: SlideContent[]; problems: string[] } {
  if (!Array.isArray(value)) throw new DeckError('it has no list of slides');
  const slides: SlideContent[] = [];
  const problems: string[] = [];
  value.forEach((raw, i) => {
    const n = i + 1;
    if (!isRecord(raw) || typeof raw.query !== 'string' || !(raw.query === '' || raw.query.startsWith('?'))) {
      problems.push(`slide ${n} has no view (query) and was left out`);
      return;
    }
    const title = typeof raw.title === 'string' ? raw.title : `Slide ${n}`;
    const note = typeof raw.note === 'string' ? raw.note : '';
    if (typeof raw.title !== 'string' || typeof raw.note !== 'string')
      problems.push(`slide ${n}: title or note repaired`);
    const highlight = TERMS.includes(raw.highlight as TermId) ? (raw.highlight as TermId) : null;
    slides.push({ title, note, query: raw.query, highlight, focus: focusOf(raw.focus) });
  });
  return { slides, problems };
}

/** Reads a deck file; throws DeckError when it is not one. */
export function parseDeck(text: string): { slides: SlideContent[]; problems: string[] } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new DeckError('it is not JSON');
  }
  if (!isRecord(doc) || doc.format !== DECK_FORMAT) throw new DeckError(`it is not a ${DECK_FORMAT} file`);
  if (typeof doc.version !== 'number' || doc.version > DECK_VERSION)
    throw new DeckError(`it is version ${String(doc.version)}; this lab reads version ${DECK_VERSION}`);
  return slidesFrom(doc.slides);
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The hash fragment that carries the deck (without the leading '#'). */
export async function deckHash(slides: readonly SlideContent[]): Promise<string> {
  const { deflateSync, strToU8 } = await import('fflate');
  const bytes = deflateSync(strToU8(JSON.stringify(deckDocument(slides))), { level: 9 });
  return `${DECK_HASH_KEY}=${toBase64Url(bytes)}`;
}

/** The deck in a location hash, or null when the hash holds none; throws DeckError when it is damaged. */
export async function deckFromHash(hash: string): Promise<{ slides: SlideContent[]; problems: string[] } | null> {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get(DECK_HASH_KEY);
  if (value === null) return null;
  const { inflateSync, strFromU8 } = await import('fflate');
  let text: string;
  try {
    text = strFromU8(inflateSync(fromBase64Url(value)));
  } catch {
    throw new DeckError('the link’s deck is damaged (cut short?)');
  }
  return parseDeck(text);
}

/**
 * A link that opens the deck at its first slide: that slide's query (so the page starts in its
 * state) and the deck in the hash. `tooLong` when it would exceed MAX_LINK_LENGTH.
 */
export async function deckLink(
  slides: readonly SlideContent[],
  base: string,
  firstQuery: string,
): Promise<{ url: string; tooLong: boolean }> {
  const url = `${base}${firstQuery}#${await deckHash(slides)}`;
  return { url, tooLong: url.length > MAX_LINK_LENGTH };
}
