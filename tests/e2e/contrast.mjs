// WCAG 2.x contrast, computed from the page's own computed styles (no axe,
// nothing fetched). contrastTools() is self-contained so that the same code
// runs in node (for its own checks) and in the page:
//   page.evaluate(`(${contrastTools})().audit(${JSON.stringify(options)})`)
//
// What audit() checks: every visible element with text of its own (a
// non-blank text node child) inside the given roots, plus form fields (their
// value and placeholder), against the background actually behind it: the
// background colours of its ancestors composited over each other, down from
// the page canvas. Text needs 4.5:1, large text (24 px, or 18.66 px bold) 3:1
// (WCAG 1.4.3, level AA). A background image or gradient behind text is
// reported as unknown rather than guessed.

export function contrastTools() {
  /** "rgb(1, 2, 3)" / "rgba(1, 2, 3, 0.5)" / "rgb(1 2 3 / 50%)" → {r, g, b, a}, or null. */
  function parseColor(text) {
    const m = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+)(%?))?\s*\)$/.exec(String(text).trim());
    if (!m) return null;
    let a = m[4] === undefined ? 1 : Number(m[4]);
    if (m[5] === '%') a /= 100;
    return { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]), a };
  }

  /** `top` (with alpha) painted over opaque `bottom`. */
  function composite(top, bottom) {
    const a = top.a;
    return {
      r: top.r * a + bottom.r * (1 - a),
      g: top.g * a + bottom.g * (1 - a),
      b: top.b * a + bottom.b * (1 - a),
      a: 1,
    };
  }

  /** Relative luminance of an opaque sRGB colour (WCAG 2 definition). */
  function luminance({ r, g, b }) {
    const channel = (v) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  }

  /** Contrast ratio of two opaque colours, 1..21. */
  function ratio(c1, c2) {
    const [hi, lo] = [luminance(c1), luminance(c2)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  }

  const hex = ({ r, g, b }) => `#${[r, g, b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

  /**
   * The opaque colour behind `el`: its and its ancestors' backgrounds, from
   * the canvas (the root's background, or white) up to `el`. Returns
   * {color} or {unknown: reason}.
   */
  function backgroundOf(el) {
    const chain = [];
    for (let e = el; e; e = e.parentElement) chain.push(e);
    const root = getComputedStyle(document.documentElement);
    const rootBg = parseColor(root.backgroundColor);
    const bodyBg = parseColor(getComputedStyle(document.body).backgroundColor);
    // CSS canvas: the root's background, else the body's, else white.
    let color = rootBg && rootBg.a > 0 ? rootBg : bodyBg && bodyBg.a > 0 ? bodyBg : null;
    color = composite(color || { r: 255, g: 255, b: 255, a: 1 }, { r: 255, g: 255, b: 255, a: 1 });
    for (const e of chain.reverse()) {
      const style = getComputedStyle(e);
      if (style.backgroundImage && style.backgroundImage !== 'none') {
        return { unknown: `background image on <${e.tagName.toLowerCase()}>` };
      }
      const bg = parseColor(style.backgroundColor);
      if (!bg) return { unknown: `unparsed background ${style.backgroundColor}` };
      if (bg.a > 0) color = composite(bg, color);
    }
    return { color };
  }

  function visible(el) {
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) return false; // includes .visually-hidden
    for (let e = el; e; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.visibility === 'hidden' || s.display === 'none' || Number(s.opacity) === 0) return false;
    }
    return true;
  }

  function describe(el) {
    const id = el.id ? `#${el.id}` : '';
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    return `${el.tagName.toLowerCase()}${id}${cls}`;
  }

  /**
   * Checks the text inside `roots` (CSS selectors). Returns {checked,
   * failures: [{element, text, fg, bg, ratio, needed}], unknown: [...]}.
   */
  function audit({ roots }) {
    const failures = [];
    const unknown = [];
    let checked = 0;
    const check = (el, colorText, label, text) => {
      const style = getComputedStyle(el);
      const size = parseFloat(style.fontSize);
      const bold = Number(style.fontWeight) >= 700;
      const needed = size >= 24 || (size >= 18.66 && bold) ? 3 : 4.5;
      const back = backgroundOf(el);
      if (back.unknown) { unknown.push(`${describe(el)} "${text}": ${back.unknown}`); return; }
      const fg = parseColor(colorText);
      if (!fg) { unknown.push(`${describe(el)}: unparsed colour ${colorText}`); return; }
      // Translucent text is blended with what is behind it.
      const solid = composite(fg, back.color);
      const r = ratio(solid, back.color);
      checked++;
      if (r < needed) {
        failures.push({
          element: `${describe(el)}${label}`, text, fg: hex(solid), bg: hex(back.color),
          ratio: Math.round(r * 100) / 100, needed,
        });
      }
    };
    for (const root of roots.flatMap((sel) => [...document.querySelectorAll(sel)])) {
      for (const el of [root, ...root.querySelectorAll('*')]) {
        if (!visible(el)) continue;
        const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
        if (own.length) check(el, getComputedStyle(el).color, '', own.map((n) => n.textContent.trim()).join(' ').slice(0, 40));
        if (el.matches('input:not([type=checkbox]):not([type=radio]), select, textarea')) {
          if (el.value) check(el, getComputedStyle(el).color, ' (value)', el.value.slice(0, 40));
          if (el.placeholder && !el.value) {
            check(el, getComputedStyle(el, '::placeholder').color, ' (placeholder)', el.placeholder);
          }
        }
      }
    }
    return { checked, failures, unknown };
  }

  return { parseColor, composite, luminance, ratio, backgroundOf, audit };
}
