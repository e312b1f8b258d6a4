// Small DOM helpers shared by the views. Everything from the server goes in as
// text (textContent), never as HTML.

import { formatDate, isIsoDate } from './dates.js';
import { urlFor } from './route.js';

export const numberFmt = new Intl.NumberFormat('vi-VN');

/** el('p', {class: 'x'}, 'text', childNode) — attributes set with setAttribute. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value == null) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  node.append(...children.filter((c) => c != null && c !== false));
  return node;
}

/** An in-page link to a state; app.js intercepts clicks on [data-route] links. */
export function routeLink(state, content, attrs = {}) {
  return el('a', { href: urlFor(state), 'data-route': true, ...attrs }, content);
}

/** A date from the server as <time datetime="2016-11-10">10/11/2016</time>. */
export function dateEl(iso) {
  return el('time', isIsoDate(iso) ? { datetime: iso } : {}, formatDate(iso));
}

/** Only http(s) links to originals: a "javascript:" URL must never become an href. */
export function safeHttpUrl(url) {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** "date · source · category" with the separators hidden from screen readers. */
export function metaLine(parts, className = 'meta') {
  const items = parts.filter(Boolean);
  if (!items.length) return null;
  const p = el('p', { class: className });
  items.forEach((item, i) => {
    if (i) p.append(el('span', { class: 'sep', 'aria-hidden': 'true' }, ' · '));
    p.append(item);
  });
  return p;
}
