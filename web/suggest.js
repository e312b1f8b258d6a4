// Suggestions under the search box as you type (GET api/suggest): completions
// of the words being typed, accent-aware ("cong ng" → "công nghệ").
//
// The WAI-ARIA 1.2 combobox pattern with a listbox popup: the input keeps the
// focus throughout and points at the active option with
// aria-activedescendant, so typing goes on as usual while the arrow keys pick
// a suggestion. Not a native <datalist>: browsers filter its options by the
// typed text, and "cong ng" would hide "công nghệ".
//
// Suggestions are extra: a failed request just shows no list, never an error.

import { suggest as fetchSuggestions } from './api.js';
import { el } from './dom.js';
import { MAX_QUERY_BYTES, byteLength } from './errors.js';
import { fold } from './highlight.js';

const SIZE = 8;
const DEBOUNCE_MS = 120; // quicker than the results (app.js): the list helps while typing
const CACHE_MAX = 50;

const ALNUM = /[\p{L}\p{N}]/u;

/**
 * How much of the start of `suggestion` (in UTF-16 units) is what was
 * `typed`, compared folded (marks, đ and case aside: "cong ng" covers "công
 * ng" of "công nghệ"). Typed punctuation the suggestion dropped (a quote, a
 * "-") and runs of spaces are skipped; the first letter that differs ends it.
 */
export function typedLength(suggestion, typed) {
  const a = [...suggestion];
  const b = [...typed];
  let i = 0;
  let j = 0;
  let pos = 0; // UTF-16 offset of a[i]
  let end = 0;
  while (i < a.length && j < b.length) {
    const x = fold(a[i]);
    const y = fold(b[j]);
    if (!y) { j++; continue; } // a lone combining mark (text typed decomposed)
    if (x === y || (/\s/.test(x) && /\s/.test(y))) {
      pos += a[i].length;
      i++;
      j++;
      end = pos;
    } else if (!ALNUM.test(y)) {
      j++;
    } else if (!x || !ALNUM.test(x)) {
      pos += a[i].length;
      i++;
    } else {
      break;
    }
  }
  return end;
}

/**
 * Wires the suggestion list `listbox` (an empty role="listbox" element) to the
 * search box `input` (role="combobox"). onPick(text) is called when the user
 * chooses a suggestion (Enter on the active one, or a click); the caller puts
 * it in the box and searches. Returns {close}, for when the caller replaces
 * the text itself (back/forward, links): the list then belongs to old text.
 */
export function createSuggest(input, listbox, onPick) {
  let options = [];      // the suggestions in the list
  let listFor = null;    // the input text they complete
  let active = -1;       // index of the active option, -1: none (the typed text)
  let timer = 0;
  let controller = null; // the request in flight, if any
  // Answers by text: backspacing over what was just typed asks nothing again.
  const cache = new Map();

  const isOpen = () => !listbox.hidden;
  const optionId = (i) => `${listbox.id}-${i}`;

  function setActive(i) {
    if (active >= 0) listbox.children[active]?.setAttribute('aria-selected', 'false');
    active = i;
    const option = i >= 0 ? listbox.children[i] : null;
    if (option) {
      option.setAttribute('aria-selected', 'true');
      input.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function open() {
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
  }

  function hide() {
    setActive(-1);
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
  }

  /** Hides the list and drops any pending or in-flight request. */
  function close() {
    clearTimeout(timer);
    controller?.abort();
    controller = null;
    hide();
  }

  function optionEl(text, typed, i) {
    // The typed part plain, the completion in bold: the eye goes to what is new.
    const n = typedLength(text, typed);
    return el('li', { role: 'option', id: optionId(i), 'aria-selected': 'false', 'data-index': i },
      n ? text.slice(0, n) : null,
      n < text.length ? el('b', {}, text.slice(n)) : null);
  }

  function show(typed, list) {
    // A suggestion that is just the text in the box completes nothing.
    const same = typed.trim().toLowerCase();
    options = [...new Set(list)].filter((s) => s.trim().toLowerCase() !== same);
    listFor = typed;
    setActive(-1);
    listbox.replaceChildren(...options.map((text, i) => optionEl(text, typed, i)));
    if (options.length) open();
    else hide();
  }

  async function request(text) {
    clearTimeout(timer);
    controller?.abort();
    controller = null;
    // Over the API's limit the server answers 400, which the browser logs as
    // an error; a text that long has nothing to complete anyway.
    if (byteLength(text) > MAX_QUERY_BYTES) { hide(); return; }
    let list = cache.get(text);
    if (!list) {
      const mine = new AbortController();
      controller = mine;
      try {
        list = await fetchSuggestions(text, SIZE, mine.signal);
      } catch (err) {
        if (err.name === 'AbortError' || mine !== controller) return;
        controller = null;
        if (input.value === text) hide(); // no list rather than a stale one
        console.info('tracuu: no suggestions:', err.status, err.detail);
        return;
      }
      if (mine !== controller) return; // superseded
      controller = null;
      cache.set(text, list);
      if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value);
    }
    // Typed on, or left the box, while the answer was on its way.
    if (input.value !== text || document.activeElement !== input) return;
    show(text, list);
  }

  function pick(i) {
    const text = options[i];
    close();
    if (text !== undefined) onPick(text);
  }

  function typed() {
    clearTimeout(timer);
    const text = input.value;
    if (!text.trim()) { close(); return; }
    // The old list stays until the new one arrives (no flicker), but its
    // active option no longer answers what is typed.
    setActive(-1);
    timer = setTimeout(() => request(text), DEBOUNCE_MS);
  }

  // While an input method composes a syllable (Telex "vaanj": "v", "va",
  // "vâ", "vân", then "vận") the box holds half a word: nothing is asked
  // until compositionend, which Chromium sends after the last input event.
  input.addEventListener('input', (event) => {
    if (event.isComposing) {
      clearTimeout(timer);
      setActive(-1);
    } else {
      typed();
    }
  });
  input.addEventListener('compositionstart', () => clearTimeout(timer));
  input.addEventListener('compositionend', typed);

  input.addEventListener('keydown', (event) => {
    // Keys that finish an IME composition (Vietnamese typed with an input
    // method) are not ours (Safari flags them only by keyCode 229); nor are
    // shortcuts.
    if (event.isComposing || event.keyCode === 229 || event.ctrlKey || event.metaKey) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!isOpen()) {
          // Reopen what was closed (Escape); or ask for text the page put
          // in the box (back/forward), opening when the answer comes.
          if (listFor === input.value && options.length) open();
          else if (input.value.trim()) request(input.value);
        } else if (!event.altKey) {
          // Down from the last option returns to the typed text.
          setActive(active + 1 < options.length ? active + 1 : -1);
        }
        break;
      case 'ArrowUp':
        if (!isOpen()) return; // the caret moves to the start, as usual
        event.preventDefault();
        setActive(active < 0 ? options.length - 1 : active - 1);
        break;
      case 'Enter':
        // Without an active option Enter submits the typed text, as always
        // (the submit closes the list).
        if (!isOpen() || active < 0) return;
        event.preventDefault();
        pick(active);
        break;
      case 'Escape':
        // Closing comes first: a search box would otherwise clear its text.
        if (isOpen()) event.preventDefault();
        close();
        break;
      case 'Tab':
        close();
        break;
      default:
    }
  });

  input.addEventListener('blur', close);
  input.form?.addEventListener('submit', close);

  // The input must keep the focus while an option is pressed: its blur would
  // close the list before the click lands.
  listbox.addEventListener('mousedown', (event) => event.preventDefault());
  listbox.addEventListener('click', (event) => {
    const option = event.target.closest?.('[role="option"]');
    if (option && listbox.contains(option)) pick(Number(option.dataset.index));
  });

  return { close };
}
