/**
 * The presenter's deck: slides keep their order and the one on screen through edits; files and
 * links carry a deck exactly (bad fields repaired and reported, other files refused); a slide's
 * link restores exactly the state it was taken from; the scenarios deck restores each scenario.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_PARAMS, type Params } from '../../src/params/schema';
import { useDeck, type SlideContent } from '../../src/state/deck';
import {
  DeckError,
  deckFromHash,
  deckHash,
  deckLink,
  deckToJson,
  MAX_LINK_LENGTH,
  parseDeck,
} from '../../src/state/deckCodec';
import { linkState } from '../../src/state/linkState';
import { SCENARIOS, scenarioState } from '../../src/state/scenarios';
import { scenarioDeck, slideQuery } from '../../src/state/scenarioDeck';
import { queryFromParams } from '../../src/state/url';
import { DEFAULT_VIEW, type ViewState } from '../../src/state/view';

const slide = (title: string, query = `?t=0.${title.length}`): SlideContent => ({
  title,
  note: `note of ${title}`,
  query,
  highlight: null,
  focus: null,
});

describe('deck store', () => {
  beforeEach(() => useDeck.setState({ slides: [], current: null, previous: null }));

  it('moves, removes and keeps the slide on screen the same slide', () => {
    const d = useDeck.getState();
    for (const t of ['one', 'two', 'three']) d.add(slide(t));
    d.setCurrent(0);
    useDeck.getState().move(0, 1);
    expect(useDeck.getState().slides.map((s) => s.title)).toEqual(['two', 'one', 'three']);
    expect(useDeck.getState().current).toBe(1);
    useDeck.getState().move(2, -1);
    expect(useDeck.getState().slides.map((s) => s.title)).toEqual(['two', 'three', 'one']);
    expect(useDeck.getState().current).toBe(2);
    useDeck.getState().move(0, -1); // past the top: nothing moves
    expect(useDeck.getState().slides.map((s) => s.title)).toEqual(['two', 'three', 'one']);
    useDeck.getState().remove(0);
    expect(useDeck.getState().current).toBe(1);
    useDeck.getState().remove(1);
    expect(useDeck.getState().current).toBeNull();
    useDeck.getState().update(0, { note: 'edited' });
    expect(useDeck.getState().slides[0]).toMatchObject({ title: 'three', note: 'edited' });
  });

  it('a replaced deck can be brought back once', () => {
    useDeck.getState().add(slide('mine'));
    useDeck.getState().replace([slide('a'), slide('b')]);
    expect(useDeck.getState().previous?.map((s) => s.title)).toEqual(['mine']);
    useDeck.getState().restorePrevious();
    expect(useDeck.getState().slides.map((s) => s.title)).toEqual(['mine']);
    expect(useDeck.getState().previous?.map((s) => s.title)).toEqual(['a', 'b']);
  });
});

describe('deck files and links', () => {
  const slides: SlideContent[] = [
    slide('Soft FP is mostly bias', '?cr=200&cq=0.6'),
    {
      ...slide('Compare', '?cmp=1&b.loss=bce&cmpl=overlay'),
      highlight: 'fpBias',
      focus: { testId: 'overlay-history', nth: 0 },
    },
    { ...slide('Low t', '?t=0.3'), note: 'two lines\nand “quotes”' },
  ];

  it('a file round-trips every slide', () => {
    const back = parseDeck(deckToJson(slides));
    expect(back.problems).toEqual([]);
    expect(back.slides).toEqual(slides);
  });

  it('a damaged slide is repaired or left out, and says so; other files are refused', () => {
    const text = JSON.stringify({
      format: 'balance-lab-deck',
      version: 1,
      slides: [{ title: 3, query: '?t=0.2', highlight: 'nope', focus: { testId: 'a b' } }, { title: 'x' }, 'junk'],
    });
    const { slides: read, problems } = parseDeck(text);
    expect(read).toEqual([{ title: 'Slide 1', note: '', query: '?t=0.2', highlight: null, focus: null }]);
    expect(problems).toEqual([
      'slide 1: title or note repaired',
      'slide 2 has no view (query) and was left out',
      'slide 3 has no view (query) and was left out',
    ]);
    expect(() => parseDeck('not json')).toThrow(DeckError);
    expect(() => parseDeck('{"format":"balance-lab-run"}')).toThrow(/not a balance-lab-deck file/);
    expect(() => parseDeck('{"format":"balance-lab-deck","version":9,"slides":[]}')).toThrow(/version 9/);
  });

  it('a link carries the deck compressed in its hash and refuses what would be too long', async () => {
    const hash = await deckHash(slides);
    expect(hash).toMatch(/^deck=[\w-]+$/);
    const back = await deckFromHash(`#${hash}`);
    expect(back?.slides).toEqual(slides);
    expect(await deckFromHash('#other=1')).toBeNull();
    await expect(deckFromHash(`#${hash.slice(0, -12)}`)).rejects.toThrow(DeckError);

    const short = await deckLink(slides, 'http://127.0.0.1:5173/', '?cr=200&cq=0.6');
    expect(short.tooLong).toBe(false);
    expect(short.url.startsWith('http://127.0.0.1:5173/?cr=200&cq=0.6#deck=')).toBe(true);
    expect(short.url.length).toBeLessThan(deckToJson(slides).length);
    // Notes that do not compress (random letters) make a link past the limit.
    let seed = 7;
    const noise = Array.from({ length: 12_000 }, () => {
      seed = (seed * 16807) % 2147483647;
      return String.fromCharCode(97 + (seed % 26));
    }).join('');
    const long = await deckLink([{ ...slides[0], note: noise }], 'http://127.0.0.1:5173/', '');
    expect(long.tooLong).toBe(true);
    expect(long.url.length).toBeGreaterThan(MAX_LINK_LENGTH);
  });
});

describe('slides restore exactly the state they were taken from', () => {
  const machine: Partial<Params> = { size: '32', levels: 2, width: 4, batchSize: 2 };

  it('a slide of a scenario whose parameters were then changed keeps the changes', () => {
    // Scenario "eq12" trains Inter-CBL; the presenter went back to the default loss and turned compare on.
    const eq12 = SCENARIOS.find((s) => s.id === 'eq12');
    if (!eq12) throw new Error('scenario eq12 missing');
    const { params: scenarioParams, view: scenarioView } = scenarioState(eq12, { ...DEFAULT_PARAMS, ...machine });
    const params: Params = { ...scenarioParams, loss: DEFAULT_PARAMS.loss, t: 0.4 };
    const view: ViewState = { ...scenarioView, compare: { loss: 'bce' }, compareLayout: 'overlay', presentation: true };
    const query = slideQuery(queryFromParams(params, { view, selectedImage: null }));
    expect(query).not.toMatch(/present=/);
    const state = linkState(query, false);
    expect(state.problems).toEqual([]);
    expect(state.params).toEqual(params);
    expect(state.view).toEqual({ ...view, presentation: false });
    expect(state.selectedImage).toBeNull();
    // As a shared link it opens over the scenario's parameters, and still keeps the changes: the
    // query names the loss set back to its default.
    expect(linkState(query, true).params).toEqual(params);
  });

  it('the scenarios deck restores each scenario on this machine, with its narrative as the note', () => {
    const current: Params = { ...DEFAULT_PARAMS, ...machine, loss: 'focal', t: 0.9 };
    const deck = scenarioDeck(current);
    expect(deck.map((s) => s.title)).toEqual(SCENARIOS.map((s) => s.title));
    deck.forEach((s, i) => {
      const want = scenarioState(SCENARIOS[i], current);
      const state = linkState(s.query, false);
      expect(state.params).toEqual(want.params);
      expect(state.view).toEqual({ ...DEFAULT_VIEW, ...want.view });
      expect(s.note).toBe(SCENARIOS[i].narrative);
      expect(s.highlight).toBe(SCENARIOS[i].highlight);
      expect(s.focus).toEqual({ testId: SCENARIOS[i].look[0], nth: 0 });
    });
  });
});
