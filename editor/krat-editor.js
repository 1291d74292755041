// The web editor's start: the Albanian interface, a front-matter format that changes only what the person
// changed, and previews in the site's own look; then Decap CMS starts (window.CMS_MANUAL_INIT, set by
// manual-init.js before the bundle loads, keeps it waiting until the locale is registered).
//
// Why a format of our own: Decap's front-matter writer rewrites the whole YAML on save (comments dropped,
// quotes removed, `[a, b]` turned into a block list, keys reordered), so one changed field would show as a
// rewritten file in the pull request. Here every file is read with the `yaml` package's Document API and its
// text kept with the entry. On save the lines of the values that differ are replaced in that text (`patch`), so
// every other line stays byte for byte as it was; the document with those values set (`update`) is what the
// result is checked against, and what is written whole when a shape cannot be patched. New files are written in
// the configuration's field order.
import { parseDocument, Document, isMap, isScalar, isSeq, visit } from './yaml/index.js';

const CMS = window.CMS;
const SOURCE = '_krat_source'; // the file's text as read, kept in the entry's data; never written to a file
const YEAR = '_krat_year'; // a new record's folder (its `path` in config.yml), from its date; never written
const INTERNAL = /^_krat_/;
const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

// YAML 1.1, as the build reads it (PyYAML), without timestamps (dates stay text) and without '<<' merges;
// so a text such as "11:00", "yes" or "2024" is quoted when written, and read back as the same text.
const YAML_OPTIONS = {
  version: '1.1',
  merge: false,
  customTags: (tags) => tags.filter((tag) => tag.tag !== 'tag:yaml.org,2002:timestamp'),
};
const WRITE_OPTIONS = { lineWidth: 0, indent: 2, indentSeq: true, flowCollectionPadding: false };

/** Split a Markdown file into its front-matter text and its body (all after the closing '---' line). */
function splitFile(text) {
  const match = text.startsWith('---') ? FRONT_MATTER.exec(text) : null;
  if (!match || match.index !== 0) return { yaml: '', body: text };
  return { yaml: match[1], body: text.slice(match[0].length) };
}

/** An empty value: what a cleared field holds. Such a field is left out of the file, not written empty. */
function isEmpty(value) {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') return Object.values(value).every(isEmpty);
  return false;
}

/** Equal values, whatever the order of keys in mappings. */
function sameValue(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (isPlainObject(a) || isPlainObject(b)) {
    if (!isPlainObject(a) || !isPlainObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && sameValue(a[key], b[key]));
  }
  return a === b;
}

/** Bring the YAML node at `path` of `doc` to `value`, touching only what differs: mappings key by key,
 *  lists of the same length item by item; anything else is replaced whole. */
function update(doc, path, before, value) {
  if (sameValue(before, value)) return;
  const node = path.length ? doc.getIn(path, true) : doc.contents;
  const bothMaps = isMap(node) && isPlainObject(before) && isPlainObject(value);
  const sameLengthLists = isSeq(node) && Array.isArray(before) && Array.isArray(value) && before.length === value.length;
  if (bothMaps) {
    for (const key of Object.keys(before)) {
      if (key in value && isEmpty(value[key]) && !isEmpty(before[key])) doc.deleteIn([...path, key]);
    }
    for (const [key, item] of Object.entries(value)) {
      if (isEmpty(item)) continue;
      if (key in before) update(doc, [...path, key], before[key], item);
      else doc.setIn([...path, key], doc.createNode(item));
    }
  } else if (sameLengthLists) {
    value.forEach((item, index) => update(doc, [...path, index], before[index], item));
  } else {
    doc.setIn(path, doc.createNode(value));
  }
}

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The fields of a new file, in the configuration's order (`sortedKeys`), empty ones left out. */
function ordered(meta, sortedKeys) {
  const keys = [...sortedKeys.filter((key) => key in meta), ...Object.keys(meta).filter((key) => !sortedKeys.includes(key))];
  return Object.fromEntries(keys.filter((key) => !isEmpty(meta[key])).map((key) => [key, meta[key]]));
}

/** A YAML text as a document whose numbers keep their written form: the build reads task ids and dates as
 *  written (`1.10` is not `1.1`), so such a number is text here, and stays `1.10` if it is ever written again. */
function parseYaml(yaml) {
  const doc = parseDocument(yaml, YAML_OPTIONS);
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'number' && node.source !== undefined && node.source !== String(node.value)) {
        node.value = node.source;
      }
    },
  });
  return doc;
}

/** The values of a YAML text, or none when it cannot be read (so saving refuses, see `writeYaml`). */
function readYaml(yaml) {
  const doc = parseYaml(yaml);
  return doc.errors.length ? {} : doc.toJS() || {};
}

/** YAML text holding `meta`: the `source` text with only the differing values changed, or a new document in
 *  the configuration's field order when there is no source (a new file). */
function writeYaml(source, meta, sortedKeys) {
  if (source === undefined) return written(new Document(ordered(meta, sortedKeys), YAML_OPTIONS));
  const doc = parseYaml(source);
  if (doc.errors.length) {
    // Saving would rebuild the fields from what could be read, and lose the rest: refuse instead.
    throw new Error(
      `Fushat e këtij skedari nuk lexohen (${doc.errors[0].message.split('\n')[0]}). ` +
        'Redaktori nuk e ruan, që të mos humbasë asgjë: ndreqeni skedarin me dorë dhe `krat check`.',
    );
  }
  const before = doc.toJS() || {};
  // What the file must hold: the document's own values with the changed ones set (the reference for the check).
  update(doc, [], before, meta);
  const expected = doc.toJS() || {};
  const patched = patch(source, sortedKeys, before, meta);
  if (patched !== null && sameValue(parseYaml(patched).toJS() || {}, expected)) return patched;
  return doc.toString(WRITE_OPTIONS); // a shape `patch` does not handle: the document written whole
}

// Patching the text. Each changed value replaces the lines of its own `key: value` in the source; values
// inside a block mapping, or inside the mappings of a block list of the same length, are patched one by one.
// Anything else (a flow `{…}`, a list that grew or shrank, a cleared first key after "- ") replaces the
// enclosing `key: value` whole. Comments, quotes, flow lists and line breaks elsewhere are untouched.
class Unsupported extends Error {}

function patch(source, sortedKeys, before, after) {
  const doc = parseDocument(source, YAML_OPTIONS);
  if (!isMap(doc.contents)) return null;
  const edits = [];
  try {
    patchMap(source, doc.contents, before, after, edits, sortedKeys);
  } catch (error) {
    if (error instanceof Unsupported) return null;
    throw error;
  }
  let text = source;
  edits
    .map((edit, order) => ({ ...edit, order }))
    .sort((a, b) => b.from - a.from || b.order - a.order)
    .forEach((edit) => {
      text = text.slice(0, edit.from) + edit.text + text.slice(edit.to);
    });
  return text;
}

function keyOf(pair) {
  return String(pair.key && pair.key.value !== undefined ? pair.key.value : pair.key);
}

function lineStart(text, at) {
  return text.lastIndexOf('\n', at - 1) + 1;
}

function lineEnd(text, at) {
  const next = text.indexOf('\n', at);
  return next < 0 ? text.length : next + 1;
}

/** Where `key: value` lies: whole lines, or from the key on when it follows "- " on its line (`inline`). */
function span(text, pair) {
  const keyStart = pair.key.range[0];
  const start = lineStart(text, keyStart);
  const last = (pair.value || pair.key).range[1];
  const inline = text.slice(start, keyStart).trim() !== '';
  return { from: inline ? keyStart : start, to: lineEnd(text, Math.max(last - 1, keyStart)), column: keyStart - start, inline };
}

/** `key: value` as YAML, indented to `column`; a list or mapping keeps the flow style of the one it replaces. */
function rendered(key, value, replaced, column, inline) {
  const doc = new Document({ [key]: value }, YAML_OPTIONS);
  const node = doc.get(key, true);
  if (replaced && replaced.flow && (isMap(node) || isSeq(node))) node.flow = true;
  return indented(written(doc), column, inline);
}

function indented(yaml, column, inline) {
  const pad = ' '.repeat(column);
  return yaml
    .split('\n')
    .map((line, index) => (line && !(inline && index === 0) ? pad + line : line))
    .join('\n');
}

/** A new document's text in the style of the content files: a list of short values on one line, `[a, b]`. */
function written(doc) {
  visit(doc, {
    Seq(_, node) {
      const short = node.items.every((item) => isScalar(item) && String(item.value).length <= 40);
      if (short && node.items.length && node !== doc.contents) node.flow = true;
    },
  });
  return doc.toString(WRITE_OPTIONS);
}

/** New items at the end of a block list, written after its last line, at the column of its dashes. */
function appended(text, seq, items) {
  const first = seq.items[0].range[0];
  const start = lineStart(text, first);
  const column = text.slice(start, first).indexOf('-');
  if (column < 0) throw new Unsupported();
  const at = lineEnd(text, Math.max(seq.range[1] - 1, first));
  return { from: at, to: at, text: indented(written(new Document(items, YAML_OPTIONS)), column, false) };
}

function patchMap(text, map, before, after, edits, sortedKeys = []) {
  if (map.flow || !map.items.length) throw new Unsupported();
  const spans = new Map(map.items.map((pair) => [keyOf(pair), span(text, pair)]));
  for (const pair of map.items) {
    const key = keyOf(pair);
    if (!(key in after) || sameValue(before[key], after[key])) continue; // not in the form, or unchanged
    const where = spans.get(key);
    if (isEmpty(after[key])) {
      if (isEmpty(before[key])) continue;
      if (where.inline) throw new Unsupported();
      edits.push({ from: where.from, to: where.to, text: '' });
    } else if (!patchInside(text, pair.value, before[key], after[key], edits)) {
      edits.push({ from: where.from, to: where.to, text: rendered(key, after[key], pair.value, where.column, where.inline) });
    }
  }
  const column = spans.get(keyOf(map.items[0])).column;
  const last = spans.get(keyOf(map.items[map.items.length - 1]));
  for (const key of Object.keys(after)) {
    if (spans.has(key) || isEmpty(after[key])) continue;
    const previous = sortedKeys.slice(0, Math.max(sortedKeys.indexOf(key), 0)).reverse().find((name) => spans.has(name));
    const at = sortedKeys.includes(key) && previous ? spans.get(previous).to : last.to;
    edits.push({ from: at, to: at, text: rendered(key, after[key], null, column, false) });
  }
}

/** Patch inside a block mapping, or inside the mappings of a block list of unchanged length; false when the
 *  value must be replaced whole. Edits are kept only when the whole value could be patched. */
function patchInside(text, node, before, after, edits) {
  const inner = [];
  try {
    if (isMap(node) && isPlainObject(before) && isPlainObject(after)) {
      patchMap(text, node, before, after, inner);
    } else if (isSeq(node) && !node.flow && node.items.length && Array.isArray(before) && Array.isArray(after) && before.length <= after.length) {
      node.items.forEach((item, index) => {
        if (sameValue(before[index], after[index])) return;
        if (!isMap(item) || !isPlainObject(before[index]) || !isPlainObject(after[index])) throw new Unsupported();
        patchMap(text, item, before[index], after[index], inner);
      });
      if (after.length > before.length) inner.push(appended(text, node, after.slice(before.length)));
    } else {
      return false;
    }
  } catch (error) {
    if (error instanceof Unsupported) return false;
    throw error;
  }
  edits.push(...inner);
  return true;
}

/** The entry's fields without ours (`_krat_…`), except the source text, which `toFile` takes out itself. */
function withoutInternal(data) {
  return Object.fromEntries(Object.entries(data).filter(([key]) => key === SOURCE || !INTERNAL.test(key)));
}

/** Just before Decap computes a new record's path: `_krat_year`, the first four digits of its date. Decap's own
 *  `{{year}}` would be the year of saving, or the UTC year of the date's local midnight (editor_config.py). */
function setYear({ entry }) {
  const data = entry.get('data');
  const date = String(data.get('date') ?? '');
  return /^\d{4}/.test(date) ? data.set(YEAR, date.slice(0, 4)) : data;
}

// Records, plans and articles: Markdown with front-matter.
const kratFrontMatter = {
  fromFile(text) {
    const { yaml, body } = splitFile(text);
    return { ...readYaml(yaml), body, [SOURCE]: text };
  },
  toFile(data, sortedKeys = []) {
    const { body = '', [SOURCE]: source, ...meta } = withoutInternal(data);
    const yaml = writeYaml(source === undefined ? undefined : splitFile(source).yaml, meta, sortedKeys);
    return `---\n${yaml}---\n${body}`;
  },
};

// The data files (contacts, campaigns): YAML alone.
const kratYaml = {
  fromFile(text) {
    return { ...readYaml(text), [SOURCE]: text };
  },
  toFile(data, sortedKeys = []) {
    const { [SOURCE]: source, ...meta } = withoutInternal(data);
    return writeYaml(source, meta, sortedKeys);
  },
};

// Previews: the site's style sheets (listed by the page as <link rel="krat-preview-style">) and, for records,
// plans and articles, the title, a line of facts and the body as the site's pages show them.
function registerPreviews(collections) {
  const h = window.h;
  for (const link of document.querySelectorAll('link[rel="krat-preview-style"]')) {
    CMS.registerPreviewStyle(link.href);
  }
  // A select's stored value shown by its label (meeting → Takim), as the form shows it.
  const labelOf = (collection, name, value) => {
    const field = (collection.fields || []).find((item) => item.name === name);
    const option = ((field && field.options) || []).find((item) => item.value === value);
    return option ? option.label : String(value);
  };
  const facts = (collection, entry, names) =>
    names
      .map((name) => [name, entry.getIn(['data', name])])
      .filter(([, value]) => value !== undefined && value !== null && value !== '')
      .map(([name, value]) =>
        (value && value.toJS ? value.toJS() : [value]).map((item) => labelOf(collection, name, item)).join(', '),
      )
      .join(' · ');
  const preview = (collection, names) =>
    function KratPreview({ entry, widgetFor }) {
      return h(
        'div',
        { className: 'md-typeset krat-preview' },
        h('h1', null, entry.getIn(['data', 'title']) || ''),
        h('p', { className: 'krat-preview__facts' }, facts(collection, entry, names)),
        widgetFor('body'),
      );
    };
  for (const collection of collections) {
    const folder = collection.folder || '';
    if (folder.startsWith('content/takime/')) {
      CMS.registerPreviewTemplate(collection.name, preview(collection, ['date', 'time', 'bodies', 'kind', 'visibility']));
    } else if (folder.startsWith('content/plane')) {
      CMS.registerPreviewTemplate(collection.name, preview(collection, ['prefecture', 'period', 'visibility']));
    } else if (folder.startsWith('content/ndergjegjesim')) {
      CMS.registerPreviewTemplate(collection.name, preview(collection, ['date', 'audience', 'visibility']));
    }
  }
}

// Names for Decap's elements that have none, for people who use a screen reader (axe-core's rules
// aria-input-field-name, frame-title, button-name, aria-command-name): the Markdown text box takes its field's
// label, the preview frame a title, and each list item's bar its three controls (open or close, move, remove).
// Decap draws them as a form opens and as items are added, so they are named as they appear.
function name(element, text) {
  if (element && !element.hasAttribute('aria-label')) element.setAttribute('aria-label', text);
}

function nameUnnamedElements() {
  for (const box of document.querySelectorAll('[data-slate-editor]:not([aria-label])')) {
    const label = box.closest('[class*="ControlContainer"]')?.querySelector('label');
    if (label) name(box, label.textContent.trim());
  }
  for (const frame of document.querySelectorAll('iframe:not([title])')) frame.setAttribute('title', 'Parapamja');
  for (const bar of document.querySelectorAll('[class*="ListItemTopBar"]')) {
    const buttons = bar.querySelectorAll(':scope > button');
    name(buttons[0], 'Hap ose mbyll elementin');
    if (buttons.length > 1) name(buttons[buttons.length - 1], 'Hiq elementin');
    name(bar.querySelector(':scope > [aria-roledescription="sortable"]'), 'Zhvendos elementin');
  }
}

async function start() {
  CMS.registerLocale('sq', window.KRAT_DECAP_SQ);
  CMS.registerCustomFormat('krat-frontmatter', 'md', kratFrontMatter);
  CMS.registerCustomFormat('krat-yaml', 'yml', kratYaml);
  CMS.registerEventListener({ name: 'preSave', handler: setYear });
  const configUrl = document.querySelector('link[rel="cms-config-url"]').href;
  const config = parseDocument(await (await fetch(configUrl)).text()).toJS();
  registerPreviews(config.collections || []);
  new MutationObserver(nameUnnamedElements).observe(document.body, { childList: true, subtree: true });
  CMS.init();
}

start();
