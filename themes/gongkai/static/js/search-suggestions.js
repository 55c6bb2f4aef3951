// What the search page offers when a query found nothing (docs/search.md, “When nothing
// is found”): each word's own count, near titles, unit and category names. Loaded by
// search.js only then, so a query that finds something does not fetch this file.

import { find, normalized, ownHit, pagefindQuery, queryWords } from "./search.js";

const SUGGEST_PAIRS = 12; // at most this many two-character searches for near titles
const SUGGEST_TITLES = 5;
const SUGGEST_NAMES = 5;

/**
 * The overlapping pairs of characters in each word of a query (its characters, for a word
 * of one), lower-cased and width-folded: 非机动车管理办法 → 非机、机动、动车、车管 ….
 */
export function queryPairs(query) {
  const pairs = [];
  for (const word of queryWords(query)) {
    const chars = [...normalized(word).toLowerCase()];
    if (chars.length === 1) pairs.push(chars[0]);
    for (let i = 0; i + 1 < chars.length; i++) pairs.push(chars[i] + chars[i + 1]);
  }
  return [...new Set(pairs)];
}

/**
 * What to offer when a query found nothing: {titles: [{title, url, kind}], names: [{name,
 * kind, url}]}. Near titles are the items whose own title, number or keywords hold the most
 * of the query's character pairs (a search per pair, newest first among equals); names
 * are the units and categories holding most of them.
 */
export async function suggestions(query, names = []) {
  const pairs = queryPairs(query).slice(0, SUGGEST_PAIRS);
  if (!pairs.length) return { titles: [], names: [] };
  const searches = await Promise.all(pairs.map((pair) => find(pagefindQuery(pair))));
  const hits = new Map(); // id → {result, count}
  for (const search of searches) {
    for (const result of search.results.filter(ownHit)) {
      const hit = hits.get(result.id) ?? { result, count: 0 };
      hit.count += 1;
      hits.set(result.id, hit);
    }
  }
  const best = [...hits.values()].sort((a, b) => b.count - a.count || b.result.score - a.result.score)
    .slice(0, SUGGEST_TITLES);
  const data = await Promise.all(best.map((h) => h.result.data()));
  const titles = data.map((d) => ({ title: d.meta?.title || d.url, url: d.url, kind: d.meta?.kind || "" }));
  const scored = names.map((n) => {
    const text = normalized(`${n.name} ${n.short || ""}`).toLowerCase();
    return { ...n, count: pairs.filter((pair) => text.includes(pair)).length };
  });
  const near = scored.filter((n) => n.count > 0).sort((a, b) => b.count - a.count).slice(0, SUGGEST_NAMES);
  return { titles, names: near.map(({ name, kind, url }) => ({ name, kind, url })) };
}

function suggestionList(heading, items) {
  const part = document.createElement("section");
  const title = document.createElement("h2");
  title.textContent = heading;
  const list = document.createElement("ul");
  for (const item of items) {
    const entry = document.createElement("li");
    if (item.url) {
      const link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.text;
      entry.append(link);
    } else entry.append(item.text);
    if (item.note) {
      const note = document.createElement("span");
      note.className = "suggestion-note";
      note.textContent = `（${item.note}）`;
      entry.append(note);
    }
    list.append(entry);
  }
  part.append(title, list);
  return part;
}

/** This page's address searching for `word` instead, the filters and order kept. */
function searchUrl(word) {
  const params = new URLSearchParams(location.search);
  params.set("q", word);
  return `${location.pathname}?${params}`;
}

/** A word's own count, as the page says it: 梓山公园 找到 1 条. */
function wordCount({ word, count }) {
  return `${word} 找到 ${count} 条`;
}

/**
 * Fills `box` with what there is to offer for a query that found nothing, and returns
 * what the status line adds: each word's own count, and a pointer to the suggestions.
 */
export async function offer(box, query, wordCounts, names) {
  const found = await suggestions(query, names).catch(() => ({ titles: [], names: [] }));
  const parts = [];
  if (wordCounts.length)
    parts.push(suggestionList("分别搜索各词", wordCounts.map((c) => ({
      text: c.word, url: c.count ? searchUrl(c.word) : null, note: `找到 ${c.count} 条` }))));
  if (found.titles.length)
    parts.push(suggestionList("相近的标题", found.titles.map((t) => ({ text: t.title, url: t.url, note: t.kind }))));
  if (found.names.length)
    parts.push(suggestionList("相关的承办单位和类别", found.names.map((n) => ({ text: n.name, url: n.url, note: n.kind }))));
  box.replaceChildren(...parts);
  box.hidden = !parts.length;
  const apart = wordCounts.length ? `各词分别：${wordCounts.map(wordCount).join("；")}。` : "";
  return apart + (found.titles.length || found.names.length ? "可以看看下面相近的标题和名称。" : "");
}
