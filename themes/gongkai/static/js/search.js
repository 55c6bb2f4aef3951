// The search page: reads ?q= and the filters from the address, asks the Pagefind
// index, shows each result's kind, title, status, date and a highlighted snippet.
//
// The index holds every character as its own word (plugins/search/tokens.py): letters,
// digits and 汉字 as themselves, punctuation as code words (。 → u3002). A query becomes
// an exact phrase of the same tokens, 碳排放 → "碳 排 放", so a page is found exactly
// when its text contains the query (ignoring case, width and spaces). Words separated
// by spaces are also looked for one by one (searchQuery): whole-phrase matches first.
// Best match first: items whose own title, number or keywords hold the query (a match
// below word position KEY_SPAN, where those fields are) above those where only the other
// text does; ?sort=time lists the same results newest first.
//
// The index is one Pagefind bundle per year (plugins/search/bundles.py), listed newest
// first by the page's data-pagefind-bundles; the first is loaded and the others merged
// into it (Pagefind's mergeIndex), so one search covers the whole archive. Pagefind runs
// on the page, whose preloads fetch every bundle's first files at once (preloadIndex).
// A page's first search goes first to the bundles that decide its first page (the newest;
// a proposal number's year; for a phrase found nowhere, the pair index's proof that no other
// bundle holds it) and shows that page as soon as it is decided (firstSearch, decidedPage).

const WORD = /^[\p{L}\p{N}]$/u;
const SPACE = "\u2060"; // a space of the original text, glued to the token before it
const BREAK = "\u2063"; // a token between two fields (title, numbers, body)
const WIDE = "\ufdd0"; // glued to a token the text wrote full-width (，（Ａ１): shown as the text wrote it
const WIDTH = 0xfee0; // full-width form − its ASCII character (tokens.WIDTH)
const CODE = /^u([0-9a-f]{1,6})$/;
export const KEY_SPAN = 256; // an item's own fields hold the word positions below this (tokens.KEY_SPAN)
const PAGE_SIZE = 10;
const BY_DATE = { date: "desc" };
const OLDER = "older"; // a filter the bundles hold that a first search reaches last (loadPagefind)
const LEAD = "lead"; // a filter the older bundles searched with the newest hold (leadBundles)
const MAX_PAIRS = 6; // pairs of a phrase tried as proof that it is nowhere (junctionPairs, absentFromRest)
const HAN_OR_ASCII = /^(?:[\x00-\x7f]+|\p{Script=Han})$/u; // tokens the pair index answers for (absentByPairIndex)
const SNIPPET_BEFORE = 24;
const SNIPPET_AFTER = 72;

/** Whitespace as Python's str.isspace() sees it (tokens.py decides; this agrees). */
function isSpace(ch) {
  return ch !== "\ufeff" && /^[\s\x1c-\x1f\x85]$/u.test(ch);
}

/** One non-space character → its token (tokens.token). */
function token(ch) {
  return WORD.test(ch) ? ch : `u${ch.codePointAt(0).toString(16)}`;
}

/** NFKC, as the index was made (tokens.normalized): （ is (, Ａ is A, the ideographic space a space. */
export function normalized(text) {
  return text.replaceAll(WIDE, "\ufffd").normalize("NFKC");
}

/** The query's tokens, lower-cased, spaces left out (tokens.query_tokens). */
export function queryTokens(query) {
  return [...normalized(query)].filter((ch) => !isSpace(ch)).map((ch) => token(ch).toLowerCase());
}

/** The words a resident separated with spaces (tokens.query_words). */
export function queryWords(query) {
  const words = [];
  let word = "";
  for (const ch of normalized(query)) {
    if (isSpace(ch)) {
      if (word) words.push(word);
      word = "";
    } else word += ch;
  }
  if (word) words.push(word);
  return words.filter((w) => queryTokens(w).length);
}

/**
 * A phrase that matched nothing → the words in it, by the browser's own Chinese word
 * segmenter (ICU's dictionary, through Intl.Segmenter): 梓山公园排淤 → 梓山、公园、排、淤.
 * `glued` joins runs of one-character words, which the dictionary leaves for words it
 * does not know (排、淤 → 排淤). Without a segmenter, no words (the page says nothing was found).
 */
export function segmentWords(phrase, glued = true) {
  if (typeof Intl === "undefined" || !Intl.Segmenter) return [];
  const segmenter = new Intl.Segmenter("zh-CN", { granularity: "word" });
  const words = [];
  let single = false;
  for (const s of segmenter.segment(normalized(phrase))) {
    if (!s.isWordLike) {
      single = false;
      continue;
    }
    const one = [...s.segment].length === 1;
    if (glued && one && single) words[words.length - 1] += s.segment;
    else words.push(s.segment);
    single = one;
  }
  return words.length > 1 ? [...new Set(words)] : [];
}

/** The exact-phrase search Pagefind runs for a query, or null when it is blank. */
export function pagefindQuery(query) {
  const tokens = queryTokens(query);
  return tokens.length ? `"${tokens.join(" ")}"` : null;
}

/** Whether a result matched in the item's own title, number or keywords (its first KEY_SPAN positions). */
export function ownHit(result) {
  return (result.words || []).some((position) => position < KEY_SPAN);
}

/** A text's ASCII runs: NFKC, lower-cased, spaces left out (plugins/search/own_ascii.py, field_runs). */
export function asciiRuns(text) {
  const folded = [...normalized(text).toLowerCase()].filter((ch) => !isSpace(ch)).join("");
  return folded.match(/[\x00-\x7f]+/g) || [];
}

/**
 * Whether a bundle's own fields (title, number, keywords) may hold the query: not when one of
 * the query's ASCII runs has a character, or a pair of characters side by side, that none of
 * theirs has (bundle.own: [characters, pairs], plugins/search/own_ascii.py). PM2.5 and LEED
 * are no one's title; 2023-0012's pair 3- is only in the bundles of 2023's proposals.
 */
export function mayOwn(bundle, query) {
  if (!Array.isArray(bundle.own)) return true; // a bundle without the lists may hold anything
  const [chars, pairs] = bundle.own;
  const paired = new Set(pairs.match(/[\s\S]{2}/g) || []);
  return asciiRuns(query).every((run) => [...run].every((ch, i) => chars.includes(ch) && (!i || paired.has(run[i - 1] + ch))));
}

/**
 * The older bundles searched with the newest in a page's first search: those whose own fields
 * may hold the query, when the lists rule out the others (a proposal number: its year's
 * bundles). Then the first search decides every own-field hit. None when they rule out none
 * (a Chinese query) or every one (PM2.5: the newest bundle's body hits are first).
 */
export function leadBundles(bundles, query) {
  const older = bundles.map((_, i) => i).slice(1);
  const owning = older.filter((i) => mayOwn(bundles[i], query));
  return owning.length < older.length ? owning : [];
}

/** An indexed token → [its text as the page wrote it, the space glued after it] (tokens.display_token). */
function showToken(tok) {
  if (tok.length > 1 && tok.endsWith(".")) tok = tok.slice(0, -1); // Pagefind ends a block with "."
  const glued = tok.endsWith(SPACE);
  let core = glued ? tok.slice(0, -SPACE.length) : tok;
  if (core === BREAK) return [" · ", ""];
  const wide = core.length > 1 && core.endsWith(WIDE);
  if (wide) core = core.slice(0, -WIDE.length);
  const code = CODE.exec(core);
  let shown = code ? String.fromCodePoint(parseInt(code[1], 16)) : core;
  if (wide && shown.length === 1) shown = String.fromCodePoint(shown.codePointAt(0) + WIDTH); // the text's own character
  return [shown, glued ? " " : ""];
}

const root = document.querySelector("[data-search]");
const form = root.querySelector("[data-search-form]");
const input = form.querySelector("input[name=q]");
const selects = [...form.querySelectorAll("select[data-filter]")];
const order = form.querySelector("select[data-search-sort]");
const status = root.querySelector("[data-search-status]");
const list = root.querySelector("[data-search-results]");
const more = root.querySelector("[data-search-more]");
const suggestBox = root.querySelector("[data-search-suggestions]"); // filled by search-suggestions.js
const asOf = JSON.parse(root.dataset.searchAsOf || "null"); // {date: the build date, overdue: its label}
const meantBox = document.createElement("p"); // the units and categories a query names (namesMeant)
meantBox.className = "search-meant";
meantBox.hidden = true;
list.before(meantBox);

let pagefind = null; // a promise of the Pagefind module, the newest bundle ready and the others merging
let current = null; // {results, shown}
let sequence = 0;

/**
 * The units (承办单位) and categories a query names ([{name, short, kind, url}] of data-search-names):
 * by their name or short name as written, or, for three characters or more, as Chinese names are
 * shortened, keeping characters in order (卫健委 for 卫生健康委员会, 建管委 for 建设和管理委员会),
 * the place every unit's name starts with (上海市黄浦区) left out: 上海市委 names no unit.
 * Offered above the results as links to their pages; none when more than three are named.
 */
export function namesMeant(query, names) {
  const q = [...normalized(query).toLowerCase()].filter((ch) => !isSpace(ch));
  if (q.length < 2) return [];
  const fold = (t) => normalized(t || "").toLowerCase();
  const inOrder = (text) => {
    let i = 0;
    for (const ch of text) if (ch === q[i]) i += 1;
    return i === q.length;
  };
  const place = new Map(); // kind → the characters every name of that kind starts with
  for (const n of names) {
    const name = [...fold(n.name)];
    const shared = place.get(n.kind) ?? name;
    let i = 0;
    while (i < shared.length && shared[i] === name[i]) i += 1;
    place.set(n.kind, shared.slice(0, i));
  }
  const count = new Map(names.map((n) => [n.kind, names.filter((m) => m.kind === n.kind).length]));
  const meant = names.filter((n) => {
    const written = [fold(n.name), fold(n.short)].filter(Boolean);
    if (written.some((t) => t.includes(q.join("")))) return true;
    const start = count.get(n.kind) > 1 ? place.get(n.kind).length : 0;
    const own = [[...fold(n.name)].slice(start).join(""), fold(n.short)].filter(Boolean);
    return q.length >= 3 && own.some(inOrder);
  });
  return meant.length <= 3 ? meant : [];
}

function showNamesMeant(query) {
  const meant = namesMeant(query, JSON.parse(root.dataset.searchNames || "[]"));
  meantBox.replaceChildren();
  meantBox.hidden = !meant.length;
  meant.forEach((n, i) => {
    const link = document.createElement("a");
    link.href = n.url;
    link.textContent = n.short || n.name;
    meantBox.append(i ? "；" : "", `${n.kind}：`, link, n.short && n.short !== n.name ? `（${n.name}）` : "");
  });
}

/** A snippet of the indexed text around the first match, the match in <mark>. */
function snippet(content, locations) {
  const tokens = content.split(" ");
  const marked = new Set(locations);
  const first = locations.length ? Math.min(...locations) : 0;
  const start = Math.max(0, first - SNIPPET_BEFORE);
  const end = Math.min(tokens.length, first + SNIPPET_AFTER);
  const out = document.createElement("p");
  out.className = "snippet";
  let text = start > 0 ? "…" : "";
  let mark = null;
  for (let i = start; i < end; i++) {
    if (tokens[i] === BREAK && (i === start || tokens[i - 1] === BREAK)) continue; // a run of breaks: one " · "
    const [shown, space] = showToken(tokens[i]);
    if (marked.has(i)) {
      if (!mark) {
        out.append(text);
        text = "";
        mark = document.createElement("mark");
        out.append(mark);
      }
      mark.textContent += shown;
      if (marked.has(i + 1) && i + 1 < end) mark.textContent += space;
      else {
        mark = null;
        text += space;
      }
    } else {
      text += shown + space;
    }
  }
  out.append(text.trimEnd() + (end < tokens.length ? "…" : ""));
  return out;
}

function badge(text, className) {
  const span = document.createElement("span");
  span.className = `badge ${className}`;
  span.textContent = text;
  return span;
}

function renderResult(data) {
  const meta = data.meta || {};
  const item = document.createElement("li");
  item.className = "item search-result";
  const line = document.createElement("p");
  line.className = "item-meta";
  line.append(badge(meta.kind || "", "result-kind"));
  if (meta.status) line.append(" ", badge(meta.status, "result-status"));
  // Still awaiting its answer by `due` (lifecycle.awaited_by): late once the build date is past it.
  if (meta.due && asOf && asOf.date > meta.due) line.append(" ", badge(asOf.overdue, "flag-overdue"));
  if (meta.date) {
    const time = document.createElement("time");
    time.dateTime = meta.date;
    time.textContent = meta.date_zh || meta.date;
    line.append(" ", time);
  }
  const heading = document.createElement("h2");
  heading.className = "item-title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = meta.title || data.url;
  heading.append(link);
  item.append(line, heading, snippet(data.content || "", data.locations || []));
  return item;
}

function readAddress() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  order.value = params.get("sort") === "time" ? "time" : "";
  for (const select of selects) {
    const value = params.get(select.name) || "";
    select.value = [...select.options].some((o) => o.value === value) ? value : "";
  }
  const header = document.querySelector(".site-search input[name=q]");
  if (header) header.value = input.value;
  // Filters stay folded behind 筛选 (a phone's first screen is for results) unless one is set.
  if (selects.some((s) => s.value)) root.querySelector("[data-search-filters]").open = true;
}

function writeAddress(push) {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const select of selects) if (select.value) params.set(select.name, select.value);
  if (order.value) params.set("sort", order.value);
  const query = params.toString();
  const url = location.pathname + (query ? `?${query}` : "");
  if (url === location.pathname + location.search) return;
  if (push) history.pushState(null, "", url);
  else history.replaceState(null, "", url);
}

/** Result counts beside the filter choices; Pagefind counts only the filters a search used, so only those. */
function showCounts(totals) {
  for (const select of selects) {
    const counts = totals?.[select.name] ?? null;
    for (const option of select.options) {
      if (!option.value) continue;
      option.dataset.label ??= option.textContent;
      option.textContent = counts ? `${option.dataset.label}（${counts[option.value] || 0}）` : option.dataset.label;
    }
  }
}

/**
 * Weights that make a merged search list results newest first over all bundles.
 *
 * Sorted by date, Pagefind scores a result by its place in its own bundle's date order
 * (1 to pages − 1: place 0 is the bundle's order anchor, which no query finds), and the
 * merged search sorts every result by score × its bundle's weight. A bundle's weight is
 * the product of the page counts of the bundles after it (older), so its lowest score is
 * above the highest of every older bundle. The bundles hold disjoint years, so this is
 * newest first over the whole archive, with no result's data loaded to find its date.
 * (A number holds the product up to 10^308: a hundred years of a thousand pages each.)
 */
export function bundleWeights(pages) {
  const weights = [];
  let weight = 1;
  for (let i = pages.length - 1; i >= 0; i--) {
    weights[i] = weight;
    weight *= pages[i];
  }
  return weights;
}

/**
 * The files every search needs before it can fetch any index chunk, fetched at once.
 *
 * Pagefind loads them one after another: the first bundle's entry file, then its
 * metadata and WebAssembly, and only once that is compiled each other bundle's entry
 * file, then its metadata. The page knows all their addresses (data-pagefind-bundles:
 * each bundle's index hash, which also tags its entry file, Pagefind's metaCacheTag),
 * so it preloads them together; Pagefind's own fetches then take the preloaded
 * responses instead of asking the server again. A preload serves only the page's own
 * fetches, not a Web Worker's: Pagefind runs on the page (noWorker), which also spares
 * fetching its worker script and copying every result from the worker to the page.
 */
function preloadIndex() {
  const bundles = JSON.parse(root.dataset.pagefindBundles);
  const files = [`${bundles[0].path}wasm.${bundles[0].wasm}.pagefind`];
  for (const b of bundles) files.push(`${b.path}pagefind-entry.json?ts=${b.meta}`, `${b.path}pagefind.${b.meta}.pf_meta`);
  const links = document.createDocumentFragment();
  for (const href of files) {
    const link = document.createElement("link");
    link.rel = "preload";
    link.as = "fetch";
    link.crossOrigin = "anonymous";
    link.href = href;
    links.append(link);
  }
  document.head.append(links);
}

/**
 * Pagefind, loading: the newest bundle initialised, the others merged into it. `first`
 * ({lead, searchLead}), given when Pagefind is not loaded yet, is a page's first search: the
 * `lead` bundles (leadBundles) are merged first, then `searchLead(pf)` runs its searches,
 * which cover the newest and lead bundles alone, and only then are the other bundles merged
 * (a search covers the bundles merged when it is sent). They carry a filter of their own
 * (OLDER), so the same phrase can then be searched in them alone. The promise resolves once
 * every bundle is merged in (each still initialising; a search waits for it).
 */
function loadPagefind(first = null) {
  if (pagefind) return pagefind;
  let pf = null;
  // Pagefind's module is one instance per page: after a failure it is destroyed, so the next
  // search starts it afresh instead of merging the bundles that did load a second time.
  const forget = () => {
    if (pagefind === loading) pagefind = null;
    pf?.destroy();
  };
  const loading = (async () => {
    const bundles = JSON.parse(root.dataset.pagefindBundles);
    const weights = bundleWeights(bundles.map((b) => b.pages));
    const lead = first?.lead ?? [];
    const merges = [];
    const merge = (indexes, mergeFilter) => merges.push(...indexes.map((i) => pf.mergeIndex(bundles[i].path,
      { indexWeight: weights[i], metaCacheTag: bundles[i].meta, mergeFilter })));
    pf = await import(root.dataset.pagefind);
    performance.mark("search:imported");
    // On the page, not in Pagefind's Web Worker, so that its fetches take the preloads (preloadIndex).
    await pf.options({ indexWeight: weights[0], metaCacheTag: bundles[0].meta, noWorker: true });
    await pf.init();
    performance.mark("search:init");
    merge(lead, { [LEAD]: "1" });
    if (first) await first.searchLead(pf);
    merge(bundles.map((_, i) => i).filter((i) => i > 0 && !lead.includes(i)), { [OLDER]: "1" });
    // Not awaited: a search sent now waits in each bundle for that bundle alone, so the
    // first bundles fetch their index chunks while the last are still loading.
    Promise.all(merges).then(() => performance.mark("search:merged"), forget);
    return pf;
  })();
  pagefind = loading;
  loading.catch(forget); // the next search tries again
  return loading;
}

/** Every result for a phrase and filters, newest first: {results, totalFilters}. */
export async function find(phrase, filters = {}) {
  const pf = await loadPagefind();
  return pf.search(phrase, { filters, sort: BY_DATE });
}

/** A search of the bundles merged now (sent at once, not after an await: see loadPagefind). */
function searcher(pf, extra = {}) {
  return (phrase, filters) => pf.search(phrase, { filters: { ...filters, ...extra }, sort: BY_DATE });
}

/** Filter totals without the page's own filters (LEAD, OLDER). */
function ownTotals(totals) {
  const { [OLDER]: _, [LEAD]: __, ...rest } = totals || {};
  return rest;
}

/**
 * The results (newest first) that hold every one of the words, and how many items hold
 * each word on its own ({word, count}), for the page to say which words were found
 * when no item holds them all. `search` (phrase, filters) → results; by default every bundle.
 */
async function allOf(words, filters, search = find) {
  const searches = await Promise.all(words.map((w) => search(pagefindQuery(w), filters)));
  const [first, ...others] = searches;
  const ids = others.map((s) => new Set(s.results.map((r) => r.id)));
  return { results: first.results.filter((r) => ids.every((set) => set.has(r.id))),
           counts: words.map((word, i) => ({ word, count: searches[i].results.length })) };
}

/** allOf over two disjoint sets of bundles, as one. */
function joinedWords(a, b) {
  return { results: newestFirst([...a.results, ...b.results]),
           counts: a.counts.map((c, i) => ({ word: c.word, count: c.count + b.counts[i].count })) };
}

/**
 * Results newest first, over searches of the same bundles: sorted by date, a result's
 * score is its place in the archive's date order (bundleWeights), whatever the query.
 */
export function newestFirst(results) {
  return [...results].sort((a, b) => b.score - a.score);
}

/** The bundle (its index, newest first) a result is from: its score is at least the bundle's weight. */
function bundleOf(result, weights) {
  return weights.findIndex((w) => result.score >= w);
}

/**
 * The pairs of tokens, each an exact phrase, that stand where one word of the query ends and
 * the next begins, by the browser's word segmenter, nearest the middle first (口袋|公园|光|伏|发电 →
 * "园 光", "光 伏", "袋 公", "伏 发"): a phrase found nowhere is usually two known words or phrases typed
 * side by side, and the pair across the seam between them, most often near the middle, is the
 * one the index lacks. Without a segmenter, every adjacent pair. At most MAX_PAIRS.
 */
export function junctionPairs(query) {
  const tokens = queryTokens(query);
  const ends = [];
  if (typeof Intl !== "undefined" && Intl.Segmenter) {
    let at = 0;
    for (const s of new Intl.Segmenter("zh-CN", { granularity: "word" }).segment(normalized(query))) {
      at += queryTokens(s.segment).length;
      if (at > 0 && at < tokens.length && ends.at(-1) !== at) ends.push(at);
    }
  } else for (let at = 1; at < tokens.length; at++) ends.push(at);
  const middle = (at) => Math.abs(2 * at - tokens.length); // stable sort: the left one first among equals
  const pairs = ends.sort((a, b) => middle(a) - middle(b)).map((at) => `"${tokens[at - 1]} ${tokens[at]}"`);
  return [...new Set(pairs)].slice(0, MAX_PAIRS);
}

/**
 * The first of `pairs` (junctionPairs) that the bundles `search` covers lack, searched one at a
 * time and no further ({lacking, untried}: the pair, or null, and those not searched): once the
 * lead bundles are known to lack one, the other bundles can be searched for it. One at a time,
 * so the proof starts after one pair's search, not after every pair's (and the fallback's words).
 */
async function firstLacking(pairs, search, filters) {
  for (let i = 0; i < pairs.length; i++) {
    if (!(await search(pairs[i], filters)).results.length) return { lacking: pairs[i], untried: pairs.slice(i + 1) };
  }
  return { lacking: null, untried: [] };
}

/** FNV-1a (32 bits) of a pair's UTF-8 bytes, modulo the number of shards (plugins/search/pairs.py, shard_of). */
export function shardOf(pair, shards) {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(pair)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return h % shards;
}

/**
 * Whether, by the pair index (data-search-pairs, plugins/search/pairs.py: which bundles hold each
 * pair of adjacent words), none of the bundles `rest` (indexes) can hold the phrase of `tokens`:
 * a bundle lacking any one of its adjacent pairs cannot. First the two seam pairs likeliest to be
 * lacking everywhere (`seams`, junctionPairs: "园 光"), one small file each; else every adjacent
 * pair, each bundle ruled out by one it lacks. Pairs of tokens other than 汉字 and ASCII (whose
 * lower-casing Python, JavaScript and Pagefind may not agree on) rule out nothing. False when the
 * page has no index or a shard is not of this page's bundles (their index hashes differ).
 */
async function absentByPairIndex(tokens, seams, rest, bundles) {
  const index = JSON.parse(root.dataset.searchPairs || "null");
  if (!index || !rest.length) return Boolean(index);
  const metas = bundles.map((b) => b.meta).join(" ");
  const shards = new Map(); // shard number → the promise of its pairs (null: not this page's)
  const holders = async (pair) => {
    const k = shardOf(pair, index.shards);
    if (!shards.has(k)) {
      shards.set(k, fetch(`${index.path}${k}.json`)
        .then((response) => (response.ok ? response.json() : null))
        .then((shard) => ((shard?.covers || []).join(" ") === metas ? shard.pairs : null))
        .catch(() => null));
    }
    const pairs = await shards.get(k);
    if (!pairs) throw new Error("no pair index");
    return pairs[pair] || 0; // a bit per bundle, newest first
  };
  const held = (mask, i) => Math.floor(mask / 2 ** i) % 2 === 1;
  const usable = (pair) => pair.split(" ").every((t) => HAN_OR_ASCII.test(t));
  try {
    const first = seams.map((p) => p.slice(1, -1)).filter(usable).slice(0, 2);
    for (const mask of await Promise.all(first.map(holders))) if (rest.every((i) => !held(mask, i))) return true;
    const every = [...new Set(tokens.slice(1).map((t, i) => `${tokens[i]} ${t}`))].filter(usable);
    const masks = await Promise.all(every.map(holders));
    return rest.every((i) => masks.some((mask) => !held(mask, i)));
  } catch {
    return false;
  }
}

/**
 * Whether no bundle in `rest` (indexes) holds the phrase, proven with up to two of its adjacent
 * pairs (`pairs`: first one the lead bundles lack, the likeliest to be lacking elsewhere too): a
 * bundle lacking one of the pairs cannot hold the phrase. A pair is far cheaper to search
 * than the whole phrase (Pagefind compares each page's entries for every token of it) and
 * needs the index chunks of two characters only.
 */
async function absentFromRest(pairs, rest, search, filters, weights) {
  let unproven = new Set(rest);
  for (const pair of pairs.slice(0, 2)) {
    const hits = new Set((await search(pair, filters)).results.map((r) => bundleOf(r, weights)));
    unproven = new Set([...unproven].filter((i) => hits.has(i)));
    if (!unproven.size) return true;
  }
  return false;
}

/**
 * What the page shows for a query: {results, totalFilters, words, fallback, ownCount, wordCounts}.
 *
 * Best match first (the default): the items whose own title, number or keywords hold the
 * whole query (in their first KEY_SPAN positions), then the other items holding it as one phrase (spaces
 * ignored), then, for a query of several words, the items that hold every word somewhere;
 * each part newest first. `sort` "time" lists the same results newest first. A single
 * phrase that matched nothing falls back to its words (segmentWords), and `fallback` says so.
 * When nothing is found, `wordCounts` ([{word, count}]) are the words looked for one by one
 * (those typed apart, else the first cut of the fallback) and how many items hold each.
 * Counts stay exact: every list is whole, never a sample, and both orders hold the same items.
 * `early(page)` gets, on a page's first search, the first results as soon as they are
 * decided (firstSearch), once.
 */
export async function searchQuery(query, filters = {}, sort = "", early = null) {
  const phrase = pagefindQuery(query);
  if (!phrase) return null;
  const words = queryWords(query);
  if (!pagefind) return firstSearch(query, phrase, words, filters, sort, early);
  const found = find(phrase, filters);
  // Words apart are searched with the whole phrase: they need the same index chunks.
  const eachWord = words.length > 1 ? allOf(words, filters) : null;
  eachWord?.catch(() => {}); // if the phrase fails first, that error is the one reported
  const whole = await found;
  return rank(query, sort, words, { results: whole.results, totals: async () => whole.totalFilters }, eachWord,
              (ws) => allOf(ws, filters));
}

/**
 * A page's first search, the bundles that decide its first page first, which is shown as
 * soon as it is decided (decidedPage), while the other bundles are searched.
 *
 * 1. The newest bundle and the lead bundles (leadBundles: the only older ones whose own
 *    fields may hold the query) are searched for the phrase, before the others are merged.
 * 2. Still on those bundles alone: the words typed apart; and, when they hold no phrase hit,
 *    the words a fallback would look for, after the proof that no other bundle holds the
 *    phrase: from the pair index (absentByPairIndex), and then the first page of the words is
 *    drawn from these bundles before the others are merged; else a pair they lack (firstLacking).
 * 3. The other bundles: unless the pair index proved it, when the pair the lead bundles lack
 *    is lacking in every one of them too, no item holds the phrase (absentFromRest), and it is
 *    not searched there; else the phrase is. Then the words, there too.
 * The lists are joined into the very lists one search of every bundle gives.
 */
async function firstSearch(query, phrase, words, filters, sort, early) {
  const bundles = JSON.parse(root.dataset.pagefindBundles);
  const weights = bundleWeights(bundles.map((b) => b.pages));
  const lead = leadBundles(bundles, query);
  const leadSet = new Set([0, ...lead]);
  const rest = bundles.map((_, i) => i).filter((i) => !leadSet.has(i));
  const every = new Set(bundles.map((_, i) => i));
  const apart = words.length > 1;
  let fallbackWords = [], pairs = []; // cut by the segmenter once the phrase's index chunks are asked for
  let shown = !early;
  const show = (known) => { // the promise of the early page drawn, if one is shown now
    if (shown) return null;
    const page = decidedPage({ ...known, sort, apart, weights, owning: (i) => mayOwn(bundles[i], query) });
    if (!page) return null;
    shown = true;
    performance.mark("search:early");
    return early(page);
  };
  let leadPhrase, leadWords = null, leadPairs = null, indexed = false;
  const pf = await loadPagefind({ lead, async searchLead(pf) {
    const search = searcher(pf);
    const sent = search(phrase, filters);
    // The segmenter (its dictionary loaded on first use) works while the phrase's chunks are fetched.
    await new Promise((resolve) => setTimeout(resolve));
    if (!apart) fallbackWords = segmentWords(query, true);
    pairs = junctionPairs(query);
    leadPhrase = await sent;
    performance.mark("search:newest");
    const drawn = show({ phrase: leadPhrase.results, done: leadSet });
    // Sent now, after the first page's fragments are asked for and before the other bundles
    // are merged, so that they search the lead bundles alone (whose chunks they need are loaded).
    // No phrase hit here: the pair index may prove that no other bundle holds the phrase
    // (absentByPairIndex); else a pair these bundles lack is found first, one search at a time,
    // and the other bundles are merged and searched for it while the words are searched here.
    const none = !leadPhrase.results.length;
    if (none && (apart || fallbackWords.length > 1)) {
      indexed = await absentByPairIndex(queryTokens(query), pairs, rest, bundles);
      performance.mark("search:pairs");
      if (!indexed) {
        leadPairs = firstLacking(pairs, search, filters);
        await leadPairs;
      }
    }
    const wordsHere = apart ? words : none && fallbackWords.length > 1 ? fallbackWords : null;
    if (wordsHere) leadWords = allOf(wordsHere, filters, search);
    leadWords?.catch(() => {}); // reported where awaited
    if (indexed) {
      // No bundle holds the phrase: the first of the items holding every word are those of the
      // lead bundles, shown before the other bundles are merged (their metadata would delay them).
      const here = await leadWords;
      const page = show({ phrase: [], done: every, words: here.results, wordsDone: leadSet });
      if (page) await Promise.resolve(page).catch(() => {});
      return;
    }
    // Nothing more to search here: the other bundles are merged once the early page is drawn,
    // since starting them (their metadata unpacked, a few ms each) would delay its results.
    if (drawn && !leadPairs && !leadWords) await Promise.resolve(drawn).catch(() => {});
  } });
  const search = searcher(pf);
  const inRest = { ...filters, [OLDER]: "1" };
  let proven = indexed;
  if (leadPairs) {
    const { lacking, untried } = await leadPairs;
    proven = !rest.length || (lacking !== null && await absentFromRest([lacking, ...untried], rest, search, inRest, weights));
    performance.mark("search:proven");
  }
  let restPhrase = null;
  if (!proven) restPhrase = await search(phrase, inRest);
  const results = restPhrase ? newestFirst([...leadPhrase.results, ...restPhrase.results]) : leadPhrase.results;
  // With the phrase searched (or proven absent) everywhere, the words' first results are decided too.
  if (leadWords && (apart || !results.length)) {
    const here = await leadWords;
    show({ phrase: results, done: every, words: here.results, wordsDone: leadSet });
  } else show({ phrase: results, done: every });
  const restWords = (ws) => allOf(ws, inRest, search);
  const eachWord = apart ? Promise.all([leadWords, restWords(words)]).then(([a, b]) => joinedWords(a, b)) : null;
  eachWord?.catch(() => {});
  const totals = async () => ownTotals((restPhrase ?? await search(phrase, inRest)).totalFilters);
  const wordsOf = async (ws) => leadWords && !apart && ws.join("\u0000") === fallbackWords.join("\u0000")
    ? joinedWords(await leadWords, await restWords(ws)) : allOf(ws, filters);
  return rank(query, sort, words, { results, totals }, eachWord, wordsOf);
}

/**
 * The first results of the whole list (up to a page) that the bundles searched so far
 * already decide, else null. `phrase`: the phrase's results (newest first) in the bundles
 * `done` (indexes, 0 the newest); `words`: the results holding every word (typed apart, or
 * a fallback's) in the bundles `wordsDone`; `owning(i)`: whether bundle i may hold an
 * own-field hit (mayOwn). A bundle's items are all newer than the next bundle's, so:
 * - own-field hits come first, newest first: those of the bundles before the first one not
 *   searched that may hold one are decided;
 * - when every own-field hit is known, the other phrase hits follow, newest first: those of
 *   the bundles before the first one not searched;
 * - when the phrase is known everywhere, the items holding every word but not the phrase
 *   follow (words apart; a fallback when no item holds the phrase): those of the bundles
 *   before the first one whose words are not searched.
 * 按时间 lists a phrase's results newest first; for words apart, the phrase and word hits
 * together, so only bundles searched for both decide them.
 */
export function decidedPage({ phrase, done, words = null, wordsDone = new Set(), sort, apart, weights, owning }) {
  const floor = (known) => { // a result of a bundle before the first not `known` scores at least this
    let k = 0;
    while (k < weights.length && known(k)) k++;
    return k === weights.length ? -Infinity : k === 0 ? Infinity : weights[k - 1];
  };
  const phraseFloor = floor((i) => done.has(i));
  const wordsFloor = floor((i) => wordsDone.has(i));
  const everywhere = phraseFloor === -Infinity;
  const ids = new Set(phrase.map((r) => r.id));
  const wordOnly = (words || []).filter((r) => !ids.has(r.id));
  let page;
  if (sort === "time") {
    if (apart) {
      const both = floor((i) => done.has(i) && wordsDone.has(i));
      page = words ? newestFirst([...phrase, ...wordOnly]).filter((r) => r.score >= both) : [];
    } else if (phrase.length) page = phrase.filter((r) => r.score >= phraseFloor);
    else page = everywhere ? wordOnly.filter((r) => r.score >= wordsFloor) : [];
  } else {
    const ownFloor = floor((i) => done.has(i) || !owning(i));
    page = phrase.filter((r) => ownHit(r) && r.score >= ownFloor);
    if (ownFloor === -Infinity) {
      page.push(...phrase.filter((r) => !ownHit(r) && r.score >= phraseFloor));
      if (everywhere && (apart || !phrase.length)) page.push(...wordOnly.filter((r) => r.score >= wordsFloor));
    }
  }
  return page.length ? page.slice(0, PAGE_SIZE) : null;
}

/**
 * searchQuery's ordering, once the whole phrase is found in every bundle: `found` {results,
 * totals()}, `eachWord` (words apart) a promise of allOf, `wordsOf(words)` allOf for a fallback.
 */
async function rank(query, sort, words, found, eachWord, wordsOf) {
  performance.mark("search:found");
  const owned = found.results.filter(ownHit);
  const whole = [...owned, ...found.results.filter((r) => !ownHit(r))];
  const ownCount = owned.length;
  let fallback = false;
  let rest;
  let wordCounts = [];
  if (words.length < 2) {
    if (whole.length) {
      const results = sort === "time" ? newestFirst(whole) : whole;
      return { results, totalFilters: await found.totals(), words, fallback, ownCount };
    }
    fallback = true;
    // The words with unknown one-character runs glued (排淤), else as the dictionary cut them.
    for (const glued of [true, false]) {
      words = segmentWords(query, glued);
      const each = words.length > 1 ? await wordsOf(words) : { results: [], counts: [] };
      rest = each.results;
      if (!wordCounts.length) wordCounts = each.counts;
      if (rest.length) break;
    }
    if (!rest.length) {
      return { results: whole, totalFilters: await found.totals(), words: [], fallback: false, ownCount, wordCounts };
    }
  } else {
    const first = new Set(whole.map((r) => r.id));
    const each = await eachWord;
    rest = each.results.filter((r) => !first.has(r.id));
    if (!whole.length && !rest.length) wordCounts = each.counts;
  }
  // Pagefind counts filter choices for one phrase only; a combined list has no such counts.
  const results = [...whole, ...rest];
  return { results: sort === "time" ? newestFirst(results) : results,
           totalFilters: rest.length ? null : await found.totals(),
           words, fallback, phraseCount: whole.length, ownCount, wordCounts };
}

/** The next page of results (`count` of them), each shown as soon as it and those above it have their data. */
async function showMore(count = PAGE_SIZE) {
  const mine = sequence;
  const batch = current.results.slice(current.shown, current.shown + count);
  current.shown += batch.length;
  const pending = batch.map((r) => r.data());
  for (const data of pending) data.catch(() => {}); // the first failure is thrown below, once
  let first = null;
  for (const data of pending) {
    const item = renderResult(await data);
    if (mine !== sequence) return null;
    list.append(item);
    first ??= item;
  }
  more.hidden = current.shown >= current.results.length;
  return first;
}

async function run() {
  const mine = ++sequence;
  const query = input.value.trim();
  const phrase = pagefindQuery(query);
  list.replaceChildren();
  more.hidden = true;
  suggestBox.hidden = true;
  showNamesMeant(query);
  suggestBox.replaceChildren();
  current = null;
  if (!phrase) {
    showCounts(null);
    status.textContent = "请输入要搜索的字词。";
    return;
  }
  performance.mark("search:start");
  status.textContent = "正在搜索…";
  list.setAttribute("aria-busy", "true");
  try {
    const filters = {};
    for (const select of selects) if (select.value) filters[select.name] = select.value;
    // The first page, when the newest bundle decides it, is shown while the others are searched.
    let early = null;
    const search = await searchQuery(query, filters, order.value, (page) => {
      if (mine !== sequence) return;
      current = { results: page, shown: 0 };
      early = showMore();
      early.catch(() => {}); // a failure is reported once, below
      return early;
    });
    if (mine !== sequence) return;
    performance.mark("search:ranked");
    if (early) {
      await early; // the same items, in the same order, as the first of the whole list
      if (mine !== sequence) return;
      current = { results: search.results, shown: current.shown };
      if (current.shown < PAGE_SIZE) await showMore(PAGE_SIZE - current.shown); // the rest of the first page
      if (mine !== sequence) return;
      more.hidden = current.shown >= current.results.length;
    } else {
      current = { results: search.results, shown: 0 };
      await showMore();
    }
    showCounts(search.totalFilters);
    performance.mark("search:shown");
    if (mine !== sequence) return;
    const filtered = Object.keys(filters).length ? "（已筛选）" : "";
    const words = search.words.join("、");
    if (!search.results.length) {
      // Loaded only now: a query that finds something never fetches it.
      const said = await import("./search-suggestions.js")
        .then((m) => m.offer(suggestBox, query, search.wordCounts, JSON.parse(root.dataset.searchNames || "[]")))
        .catch(() => "");
      if (mine !== sequence) return;
      status.textContent = `没有找到包含“${query}”的结果${filtered}。${said}`;
    } else if (search.fallback) {
      status.textContent = `未找到完整短语“${query}”，以下 ${search.results.length} 条结果同时包含：${words}${filtered}`;
    } else if (search.words.length > 1) {
      status.textContent = `找到 ${search.results.length} 条结果，同时包含：${words}${filtered}`;
    } else {
      status.textContent = `找到 ${search.results.length} 条结果${filtered}`;
    }
  } catch (error) {
    if (mine !== sequence) return;
    list.replaceChildren(); // a first page shown early is not the whole story
    more.hidden = true;
    status.textContent = "搜索暂时无法使用，请稍后再试，或按年度、状态、类别浏览。";
    console.error(error);
  } finally {
    if (mine === sequence) list.removeAttribute("aria-busy");
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  writeAddress(true);
  run();
});
for (const select of [...selects, order]) {
  select.addEventListener("change", () => {
    writeAddress(false);
    run();
  });
}
more.addEventListener("click", async () => {
  more.disabled = true;
  try {
    const first = await showMore();
    if (first) first.querySelector("a").focus();
  } finally {
    more.disabled = false;
  }
});
window.addEventListener("popstate", () => {
  readAddress();
  run();
});

root.querySelector("[data-search-nojs]").hidden = true;
form.hidden = false;
readAddress();
if (pagefindQuery(input.value)) preloadIndex(); // a page opened without a query fetches no index
run();
