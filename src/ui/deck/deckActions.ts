/**
 * What the deck's buttons and keys do: capture the current view as a slide, show a slide (its
 * state restored, its panel scrolled into view, its note on screen), step through the deck, and
 * move a deck through files and links (state/deckCodec.ts).
 */
import { downloadBlob } from '../../export/download';
import { lossInfo } from '../../core/lossInfo';
import { useDeck, type SlideContent, type SlideFocus } from '../../state/deck';
import { DeckError, deckFromHash, deckLink, deckToJson, MAX_LINK_LENGTH, parseDeck } from '../../state/deckCodec';
import { applyLinkState, linkState } from '../../state/linkState';
import { SCENARIOS } from '../../state/scenarios';
import { scenarioDeck, slideQuery } from '../../state/scenarioDeck';
import { useLab } from '../../state/store';
import { currentQuery } from '../../state/url';
import { VIEW_KEYS } from '../../state/view';
import { setPresentation } from '../actions';
import { useDeckUi } from './deckUi';

/** Panels (and sections) a slide can bring to the top of the screen. */
const FOCUSABLE = 'section.panel[data-testid], section[data-testid$="-section"]';

/** The panel at the top of the screen, below the sticky header; null at the top of the page. */
function focusNow(): SlideFocus | null {
  if (window.scrollY < 40) return null;
  const headerBottom = document.querySelector('.app-head')?.getBoundingClientRect().bottom ?? 0;
  for (const el of document.querySelectorAll<HTMLElement>(FOCUSABLE)) {
    if (el.getBoundingClientRect().bottom <= headerBottom + 40) continue;
    const testId = el.dataset.testid ?? '';
    const nth = [...document.querySelectorAll(`[data-testid="${testId}"]`)].indexOf(el);
    return { testId, nth: Math.max(0, nth) };
  }
  return null;
}

/** A title that says what the view shows, for a slide the presenter did not name. */
export function defaultTitle(): string {
  const s = useLab.getState();
  const scenario = SCENARIOS.find((x) => x.id === s.view.scenario);
  if (scenario) return scenario.title;
  const b = s.view.compare?.loss;
  return `${lossInfo[s.params.loss].label}${b ? ` vs ${lossInfo[b].label}` : ''}, t = ${s.params.t}`;
}

/** The current view as a slide: its link (without presentation mode), highlight and panel in view. */
export function captureSlide(title: string, note: string): SlideContent {
  return {
    title: title.trim() || defaultTitle(),
    note,
    query: slideQuery(currentQuery()),
    highlight: useLab.getState().highlight,
    focus: focusNow(),
  };
}

/** Scrolls the slide's panel to the top once it is drawn (compare mode's columns mount later). */
function bringIntoView(focus: SlideFocus | null): void {
  // Panels that need the first snapshot appear a few seconds after a restart; later, give up.
  const until = performance.now() + 4000;
  const attempt = (): void => {
    if (!focus) {
      window.scrollTo({ top: 0 });
      return;
    }
    const el = document.querySelectorAll(`[data-testid="${focus.testId}"]`)[focus.nth];
    if (el) el.scrollIntoView({ block: 'start' });
    else if (performance.now() < until) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

/** Shows slide `index`: its exact state (presentation mode stays as it is), its panel, its note. */
export function showSlide(index: number): void {
  const slide = useDeck.getState().slides[index];
  if (!slide) return;
  const state = linkState(slide.query, false);
  applyLinkState(state, ['presentation']);
  useLab.getState().setHighlight(slide.highlight);
  useDeck.getState().setCurrent(index);
  if (state.problems.length)
    useLab.getState().notify({ level: 'warn', text: `Slide ${index + 1} was adjusted: ${state.problems.join('; ')}.` });
  bringIntoView(slide.focus);
}

/** The next (+1) or previous (−1) slide; before any slide was shown, both start at the first. */
export function stepSlide(delta: 1 | -1): void {
  const { slides, current } = useDeck.getState();
  if (slides.length === 0) return;
  const next = current === null ? 0 : Math.min(slides.length - 1, Math.max(0, current + delta));
  if (next !== current) showSlide(next);
}

export function presentDeck(): void {
  if (useDeck.getState().slides.length === 0) return;
  setPresentation(true);
  showSlide(0);
}

/** Replaces the deck by `slides` from `source`, says so (and what was repaired), shows the first slide. */
function openDeck(slides: SlideContent[], problems: string[], source: string): void {
  const replaced = useDeck.getState().slides.length;
  useDeck.getState().replace(slides);
  const kept = replaced ? ` Your previous deck (${replaced} slides) can be restored from the deck panel.` : '';
  const fixed = problems.length ? ` Repaired: ${problems.join('; ')}.` : '';
  useDeckUi.getState().say(`Opened ${slides.length} slides from ${source}.${kept}${fixed}`);
  if (slides.length) showSlide(0);
}

export function startFromScenarios(): void {
  openDeck(scenarioDeck(useLab.getState().params), [], 'the five scenarios');
}

export function saveDeckFile(): void {
  const slides = useDeck.getState().slides;
  downloadBlob(new Blob([deckToJson(slides)], { type: 'application/json' }), 'balance-lab-deck.json');
  useDeckUi.getState().say(`Saved ${slides.length} slides as balance-lab-deck.json.`);
}

export async function openDeckFile(file: File): Promise<void> {
  try {
    const { slides, problems } = parseDeck(await file.text());
    openDeck(slides, problems, file.name);
  } catch (err) {
    const why = err instanceof DeckError ? err.message : String(err);
    useDeckUi.getState().say(`Could not open ${file.name} as a deck: ${why}.`);
  }
}

/** Makes the deck's link and copies it, or says to use the file when the link would be too long. */
export async function copyDeckLink(): Promise<void> {
  const slides = useDeck.getState().slides;
  if (slides.length === 0) return;
  const base = `${window.location.origin}${window.location.pathname}`;
  // The link opens in the first slide's state; its scenario comes with the deck (linkState).
  const first = new URLSearchParams(slides[0].query);
  first.delete(VIEW_KEYS.scenario);
  const { url, tooLong } = await deckLink(slides, base, first.size ? `?${first.toString()}` : '');
  const say = useDeckUi.getState().say;
  if (tooLong) {
    say(
      `This deck needs a ${url.length.toLocaleString('en')}-character link, more than the ${MAX_LINK_LENGTH.toLocaleString('en')} a link reliably carries: use “Save file” and share the file.`,
    );
    return;
  }
  let copied = true;
  try {
    await navigator.clipboard.writeText(url);
  } catch {
    copied = false;
  }
  say(
    copied
      ? `Link copied (${url.length.toLocaleString('en')} characters).`
      : 'Clipboard unavailable: copy the link below.',
    url,
  );
}

/** A deck carried by the page's link (#deck=…) replaces the kept one; the hash is then dropped. */
export async function openDeckFromHash(): Promise<void> {
  const hash = window.location.hash;
  try {
    const opened = await deckFromHash(hash);
    if (!opened) return;
    openDeck(opened.slides, opened.problems, 'the link');
    useDeckUi.getState().setOpen(true);
  } catch (err) {
    const why = err instanceof DeckError ? err.message : String(err);
    useLab.getState().notify({ level: 'warn', text: `This link’s deck could not be opened: ${why}.` });
  }
  // Dropped so that a reload keeps the deck as edited since, not the link's.
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
}
