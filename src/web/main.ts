/**
 * The check page: files in (dropped, picked or pasted), findings shown in place, exports out.
 * All linting is done by the lint worker (./worker.ts) with the CLI's own core; this module
 * only keeps the page's state and its controls. Text from a report reaches the page only as the
 * HTML reporter's escaped markup; everything written here goes through textContent.
 */
import { LINT_WORKER_SOURCE } from 'reportlint-web:lint-worker';
import type { LintResult, Lang } from '../types.js';
import type { RuleSettings } from '../engine/config.js';
import type { FixedCopy, PageSettings, Reply, Request, RuleInfo } from './protocol.js';
import { WORDS, type Words } from './words.js';

type Ask = Request extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/** The lint worker, asked one thing at a time by id. */
class Linter {
  private worker = new Worker(URL.createObjectURL(new Blob([LINT_WORKER_SOURCE], { type: 'text/javascript' })));
  private waiting = new Map<number, (r: Reply) => void>();
  private next = 1;
  constructor() {
    this.worker.onmessage = (e: MessageEvent<Reply>) => {
      this.waiting.get(e.data.id)?.(e.data);
      this.waiting.delete(e.data.id);
    };
  }
  ask(req: Ask, transfer: Transferable[] = []): Promise<Reply> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.worker.postMessage({ ...req, id }, transfer);
    });
  }
}

interface Entry {
  index: number;
  name: string;
  bytes: Uint8Array;
  result?: LintResult;
  el: HTMLElement;
}

const linter = new Linter();
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const state = {
  // Chinese unless asked otherwise (?lang=en, or the switch, remembered)
  lang: ((new URLSearchParams(location.search).get('lang') ?? localStorage.getItem('reportlint-lang')) === 'en' ? 'en' : 'zh') as Lang,
  template: 'auto' as PageSettings['template'],
  configRules: {} as RuleSettings,
  configName: null as string | null,
  pageRules: {} as RuleSettings,
  entries: [] as Entry[],
  rules: [] as RuleInfo[],
  run: 0,
};
const words = (): Words => WORDS[state.lang];
const settings = (): PageSettings => ({ lang: state.lang, template: state.template, rules: { ...state.configRules, ...state.pageRules } });

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { dataset?: Record<string, string> } = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  const { dataset, ...rest } = props;
  Object.assign(node, rest);
  if (dataset) Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
}

function download(name: string, bytes: Uint8Array | string, mime: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: mime }));
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/* ------------------------------------------------------------------ the static text */

function applyWords(): void {
  const w = words();
  document.documentElement.lang = w.htmlLang;
  document.title = w.title;
  for (const node of document.querySelectorAll<HTMLElement>('[data-w]')) {
    const value = w[node.dataset.w as keyof Words];
    if (typeof value === 'string') node.textContent = value;
  }
  for (const opt of $<HTMLSelectElement>('template').options) opt.textContent = w[`template${opt.value === 'auto' ? 'Auto' : opt.value}` as keyof Words] as string;
  for (const box of document.querySelectorAll<HTMLInputElement>('#filters input')) box.nextSibling!.textContent = w.sev[box.value];
  $('config-state').textContent = state.configName ? w.configLoaded(state.configName) : w.configNone;
  renderRuleLevels();
}

function renderRuleLevels(): void {
  const w = words();
  const rows = state.rules.map((r) => {
    const select = el('select', { dataset: { rule: r.id } });
    for (const level of ['default', 'off', 'info', 'warn', 'error']) select.append(el('option', { value: level, textContent: level === 'default' ? `${w.levels.default}（${w.levels[r.severity]}）` : w.levels[level] }));
    const chosen = state.pageRules[r.id];
    select.value = typeof chosen === 'string' ? chosen : 'default';
    select.onchange = () => {
      if (select.value === 'default') delete state.pageRules[r.id];
      else state.pageRules[r.id] = select.value as 'off';
      void checkAll();
    };
    return el('tr', {}, el('td', {}, el('code', { textContent: r.id })), el('td', { textContent: r.description[state.lang] }), el('td', {}, select));
  });
  $('rule-levels').replaceChildren(...rows);
}

/* ------------------------------------------------------------------ checking */

function showEntry(entry: Entry, reply: Extract<Reply, { type: 'linted' }>): void {
  const w = words();
  entry.result = reply.result;
  const body = el('div', { className: 'entry-body' });
  body.innerHTML = reply.markup; // the reporter's markup: every report string in it is escaped
  const parts: Node[] = [];
  const fixes = reply.result.messages.filter((m) => m.fix);
  if (fixes.length) parts.push(fixesBlock(fixes.map((m) => m.fix!.title), reply.fixed, w));
  entry.el.replaceChildren(...parts, body);
}

function fixesBlock(titles: string[], fixed: FixedCopy | null, w: Words): HTMLElement {
  const list = el('ul', {}, ...titles.map((t) => el('li', { textContent: t })));
  const action = fixed ? el('button', { type: 'button', className: 'download-fixed', textContent: w.downloadFixed(fixed.name), onclick: () => download(fixed.name, fixed.bytes, fixed.mime) }) : el('span', { className: 'muted', textContent: w.noFixedCopy });
  return el('div', { className: 'fixes' }, el('p', { textContent: w.fixes(titles.length) }), list, action);
}

/** Lint every entry (again: settings changed) one after another, with a progress line. */
/** The page is busy from the moment files arrive (reading them is asynchronous too): scripts wait for "done". */
const busy = () => (document.body.dataset.state = 'checking');
const idle = () => (document.body.dataset.state = 'done');

let checking = false;
async function checkAll(only?: Entry[]): Promise<void> {
  const run = ++state.run;
  checking = true;
  const todo = only ?? state.entries;
  const started = performance.now();
  busy();
  for (let i = 0; i < todo.length; i++) {
    const entry = todo[i];
    $('progress').textContent = words().progress(i, todo.length, entry.name);
    // the worker gets a copy: the page keeps the bytes to check again when a setting changes
    const reply = await linter.ask({ type: 'lint', index: entry.index, name: entry.name, bytes: entry.bytes.slice(), settings: settings() });
    if (run !== state.run) return; // a newer run took over (and will say when it is done)
    if (reply.type === 'linted') showEntry(entry, reply);
    else if (reply.type === 'failed') entry.el.replaceChildren(el('p', { className: 'failed', textContent: words().failed(entry.name, reply.message) }));
  }
  $('progress').textContent = todo.length ? words().finished(todo.length, performance.now() - started) : '';
  $('exports').hidden = state.entries.length === 0;
  checking = false;
  idle();
}

let nextIndex = 0;
/** New files shown and checked; `all`: everything is checked again (a config came with them). */
function addFiles(files: Array<{ name: string; bytes: Uint8Array }>, all = false): void {
  const added = files.map((f) => {
    const entry: Entry = { index: nextIndex++, name: f.name, bytes: f.bytes, el: el('div', { className: 'entry', dataset: { fileName: f.name } }) };
    $('results').append(entry.el);
    return entry;
  });
  state.entries.push(...added);
  // a check already under way is taken over by one of everything
  void checkAll(checking || all ? undefined : added);
}

const CONFIG_NAME = /(^|\/)(\.reportlintrc(\.json|\.ya?ml)?|package\.json)$/i;

async function readFiles(list: FileList | File[]): Promise<void> {
  busy();
  const files = [...list];
  const config = files.find((f) => CONFIG_NAME.test(f.name));
  // a config that comes with reports applies to them: it is read first, and one check follows
  const changed = config ? await loadConfig(config, false) : false;
  const reports = await Promise.all(files.filter((f) => f !== config).map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
  if (reports.length || (changed && state.entries.length)) addFiles(reports, changed);
  else idle();
}

/** Read a config file; `recheck`: check everything again under it (else the caller does). Whether it was taken. */
async function loadConfig(file: File, recheck = true): Promise<boolean> {
  busy();
  const reply = await linter.ask({ type: 'config', name: file.name, text: await file.text() });
  if (reply.type !== 'config') {
    if (reply.type === 'failed') $('config-state').textContent = reply.message;
    if (recheck) idle();
    return false;
  }
  state.configRules = reply.rules;
  state.configName = file.name;
  if (reply.template) $<HTMLSelectElement>('template').value = state.template = reply.template;
  if (reply.lang && reply.lang !== state.lang) state.lang = reply.lang;
  applyWords();
  if (recheck) {
    if (state.entries.length) void checkAll();
    else idle();
  }
  return true;
}

/* ------------------------------------------------------------------ controls */

function wire(): void {
  const drop = $('drop');
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    drop.classList.remove('over');
    if (e.dataTransfer?.files.length) void readFiles(e.dataTransfer.files);
  });
  // a file dropped beside the zone is not opened by the browser in place of the page
  window.addEventListener('dragover', (e) => e.preventDefault());
  window.addEventListener('drop', (e) => e.preventDefault());
  $<HTMLInputElement>('pick').onchange = (e) => {
    const input = e.target as HTMLInputElement;
    if (input.files?.length) void readFiles(input.files).then(() => (input.value = ''));
  };
  $<HTMLInputElement>('config-pick').onchange = (e) => {
    const input = e.target as HTMLInputElement;
    if (input.files?.[0]) void loadConfig(input.files[0]).then(() => (input.value = ''));
  };
  $('paste-check').onclick = () => {
    const text = $<HTMLTextAreaElement>('paste').value;
    if (text.trim()) addFiles([{ name: words().pasteName, bytes: new TextEncoder().encode(text) }]);
  };
  $<HTMLSelectElement>('template').onchange = (e) => {
    state.template = (e.target as HTMLSelectElement).value as PageSettings['template'];
    void checkAll();
  };
  $('lang').onclick = () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('reportlint-lang', state.lang);
    applyWords();
    void checkAll();
  };
  for (const box of document.querySelectorAll<HTMLInputElement>('#filters input'))
    box.onchange = () => $('results').classList.toggle(`hide-${box.value}`, !box.checked);
  const exportAs = (kind: 'xlsx' | 'html') => async () => {
    const results = state.entries.flatMap((e) => (e.result ? [e.result] : []));
    const reply = await linter.ask({ type: 'export', kind, results, lang: state.lang });
    if (reply.type === 'exported') download(kind === 'xlsx' ? 'reportlint.xlsx' : 'reportlint.html', reply.bytes, reply.mime);
  };
  $('export-xlsx').onclick = exportAs('xlsx');
  $('export-html').onclick = exportAs('html');
  $('clear').onclick = () => {
    state.run++;
    state.entries = [];
    $('results').replaceChildren();
    $('progress').textContent = '';
    $('exports').hidden = true;
    checking = false;
    idle();
  };
}

async function start(): Promise<void> {
  wire();
  const reply = await linter.ask({ type: 'rules' });
  if (reply.type === 'rules') state.rules = reply.rules;
  applyWords();
  document.body.dataset.state = 'ready';
}

void start();
