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
// on the page, whose preloads fetch every bundle's first files at once (preloadIndex);
// a page's first search shows the newest bundle's first page early when it decides it.

const WORD = /^[\p{L}\p{N}]$/u;
const SPACE = "\u2060"; // a space of the original text, glued to the token before it
const BREAK = "\u2063"; // a token between two fields (title, numbers, body)
const CODE = /^u([0-9a-f]{1,6})$/;
export const KEY_SPAN = 256; // an item's own fields hold the word positions below this (tokens.KEY_SPAN)
const PAGE_SIZE = 10;
const BY_DATE = { date: "desc" };
const OLDER = "older"; // a filter that every bundle but the newest holds (loadPagefind)
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
  return text.normalize("NFKC");
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

/**
 * Whether a bundle's own fields (title, number, keywords) may hold the query: not when they
 * lack one of its ASCII characters (bundle.own, plugins/search/own_chars.py: the ASCII
 * characters of the bundle's own fields, NFKC and lower-cased, as the query is here).
 */
export function mayOwn(bundle, query) {
  if (typeof bundle.own !== "string") return true; // a bundle without the list may hold anything
  return [...normalized(query).toLowerCase()].every((ch) => ch >= "\x80" || isSpace(ch) || bundle.own.includes(ch));
}

/** An indexed token → [its text, the space glued after it] (tokens.display_token). */
function showToken(tok) {
  const glued = tok.endsWith(SPACE);
  let core = glued ? tok.slice(0, -SPACE.length) : tok;
  if (core.length > 1 && core.endsWith(".")) core = core.slice(0, -1); // Pagefind ends a block with "."
  if (core === BREAK) return [" · ", ""];
  const code = CODE.exec(core);
  return [code ? String.fromCodePoint(parseInt(code[1], 16)) : core, glued ? " " : ""];
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

let pagefind = null; // a promise of the Pagefind module, the newest bundle ready and the others merging
let current = null; // {results, shown}
let sequence = 0;

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
 * Pagefind, loading: the newest bundle initialised, the others merging. `first`
 * ({phrase, filters}), given when Pagefind is not loaded yet, is searched in the newest
 * bundle alone before the others are merged (first.newest, a promise of its results):
 * its first page can often be shown before the older bundles are searched (searchQuery).
 * The older bundles carry a filter of their own (OLDER), so that the same phrase can
 * then be searched in them without searching the newest one again.
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
    pf = await import(root.dataset.pagefind);
    performance.mark("search:imported");
    // On the page, not in Pagefind's Web Worker, so that its fetches take the preloads (preloadIndex).
    await pf.options({ indexWeight: weights[0], metaCacheTag: bundles[0].meta, noWorker: true });
    await pf.init();
    performance.mark("search:init");
    if (first) first.newest = pf.search(first.phrase, { filters: first.filters, sort: BY_DATE });
    // Not awaited: a search sent now waits in each bundle for that bundle alone, so the
    // first bundles fetch their index chunks while the last are still loading.
    const merged = Promise.all(bundles.slice(1).map((b, i) =>
      pf.mergeIndex(b.path, { indexWeight: weights[i + 1], metaCacheTag: b.meta, mergeFilter: { [OLDER]: "1" } })));
    merged.then(() => performance.mark("search:merged"), forget);
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

/**
 * find(phrase, filters), the newest bundle first when Pagefind was not loaded yet (`first`,
 * from loadPagefind): `early` gets the newest bundle's results as soon as they are found,
 * then the older bundles are searched (OLDER) and both lists joined, newest first.
 */
async function findPhrase(phrase, filters, first, early) {
  if (!first) return find(phrase, filters);
  await loadPagefind(first);
  const newest = await first.newest;
  early(newest.results);
  const older = await find(phrase, { ...filters, [OLDER]: "1" });
  const { [OLDER]: _, ...totalFilters } = older.totalFilters || {};
  // Pagefind's totals count each bundle's pages before filters, the newest bundle's too.
  return { results: [...newest.results, ...older.results], totalFilters };
}

/**
 * The results (newest first) that hold every one of the words, and how many items hold
 * each word on its own ({word, count}), for the page to say which words were found
 * when no item holds them all.
 */
async function allOf(words, filters) {
  const searches = await Promise.all(words.map((w) => find(pagefindQuery(w), filters)));
  const [first, ...others] = searches;
  const ids = others.map((s) => new Set(s.results.map((r) => r.id)));
  return { results: first.results.filter((r) => ids.every((set) => set.has(r.id))),
           counts: words.map((word, i) => ({ word, count: searches[i].results.length })) };
}

/**
 * Results newest first, over searches of the same bundles: sorted by date, a result's
 * score is its place in the archive's date order (bundleWeights), whatever the query.
 */
export function newestFirst(results) {
  return [...results].sort((a, b) => b.score - a.score);
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
 */
export async function searchQuery(query, filters = {}, sort = "", early = null) {
  const phrase = pagefindQuery(query);
  if (!phrase) return null;
  let words = queryWords(query);
  // The first search of a page looks in the newest bundle first (findPhrase): when that
  // bundle alone holds a whole first page, the page is the same as the whole list's.
  const first = pagefind ? null : { phrase, filters };
  let searchWords;
  const wordsNow = new Promise((resolve) => (searchWords = resolve));
  const found = findPhrase(phrase, filters, first, (newest) => {
    performance.mark("search:newest");
    const older = JSON.parse(root.dataset.pagefindBundles).slice(1);
    const page = firstPage(newest, sort, words.length > 1, older.some((b) => mayOwn(b, query)));
    if (page && early) early(page);
    searchWords(); // after the first page's fragments are asked for, not before them
  });
  if (!first) searchWords();
  // Words apart are searched with the whole phrase: they need the same index chunks.
  const eachWord = words.length > 1 ? wordsNow.then(() => allOf(words, filters)) : null;
  eachWord?.catch(() => {}); // if the phrase fails first, that error is the one reported
  found.catch(() => {});
  return rank(query, filters, sort, words, await found, eachWord);
}

/**
 * The first results of the whole list (up to a page) that the newest bundle's results
 * (newest first) already decide, else null. Every item of the newest bundle is newer than
 * every item of the others, so its own-field hits are the first of the best-match order
 * (own hits first, each part newest first), and for one phrase its results are the first
 * of 按时间. When no older bundle may hold an own-field hit (`olderOwn` false, mayOwn),
 * its other hits follow its own ones there too: the body hits are newest first as well.
 * Words apart add items whose dates fall between them: then only the best-match order
 * is decided early.
 */
function firstPage(newest, sort, apart, olderOwn) {
  let page;
  if (sort === "time") page = apart ? [] : newest;
  else page = olderOwn ? newest.filter(ownHit) : [...newest.filter(ownHit), ...newest.filter((r) => !ownHit(r))];
  return page.length ? page.slice(0, PAGE_SIZE) : null;
}

/** searchQuery's ordering, once the whole phrase was found in every bundle. */
async function rank(query, filters, sort, words, found, eachWord) {
  performance.mark("search:found");
  const owned = found.results.filter(ownHit);
  const whole = { ...found, results: [...owned, ...found.results.filter((r) => !ownHit(r))] };
  const ownCount = owned.length;
  let fallback = false;
  let rest;
  let wordCounts = [];
  if (words.length < 2) {
    if (whole.results.length) {
      const results = sort === "time" ? newestFirst(whole.results) : whole.results;
      return { ...whole, results, words, fallback, ownCount };
    }
    fallback = true;
    // The words with unknown one-character runs glued (排淤), else as the dictionary cut them.
    for (const glued of [true, false]) {
      words = segmentWords(query, glued);
      const each = words.length > 1 ? await allOf(words, filters) : { results: [], counts: [] };
      rest = each.results;
      if (!wordCounts.length) wordCounts = each.counts;
      if (rest.length) break;
    }
    if (!rest.length) return { ...whole, words: [], fallback: false, ownCount, wordCounts };
  } else {
    const first = new Set(whole.results.map((r) => r.id));
    const each = await eachWord;
    rest = each.results.filter((r) => !first.has(r.id));
    if (!whole.results.length && !rest.length) wordCounts = each.counts;
  }
  // Pagefind counts filter choices for one phrase only; a combined list has no such counts.
  const results = [...whole.results, ...rest];
  return { results: sort === "time" ? newestFirst(results) : results,
           totalFilters: rest.length ? null : whole.totalFilters,
           words, fallback, phraseCount: whole.results.length, ownCount, wordCounts };
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
