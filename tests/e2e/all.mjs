// Runs every browser test in one node process, so one chromium serves them
// all (lib.mjs launches it once; each test still gets a fresh context).
// dates.test.mjs and highlight.test.mjs need no browser: plain unit tests of
// web/dates.js, web/highlight.js and web/errors.js.
// run.sh: node --test-reporter=spec all.mjs
import './search.test.mjs';
import './article.test.mjs';
import './filters.test.mjs';
import './layout.test.mjs';
import './a11y.test.mjs';
import './suggest.test.mjs';
import './dates.test.mjs';
import './highlight.test.mjs';
