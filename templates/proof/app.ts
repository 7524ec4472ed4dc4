import type { BuildView, CorrectionPreview, OverrideOption, OverrideRequest, OverrideResponse, ProofItem, Status } from '../../src/proof/types.js';

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
};
const list = $<HTMLElement>('list');
const detail = $<HTMLElement>('detail');
const reader = $<HTMLElement>('reader');
const statusEl = $<HTMLElement>('status');
const countEl = $<HTMLElement>('count');
const problemsEl = $<HTMLElement>('problems');
const filterEl = $<HTMLSelectElement>('filter');

let view: BuildView | null = null;
let status: Status | null = null;
let visible: ProofItem[] = [];
let selected = 0;
let blocks: HTMLElement[] = [];
let mode: 'view' | 'override' | 'edit' = 'view';
let chosen: OverrideOption | null = null;
let lastWritten: { at: number } | null = null;
const resolved = new Set<string>();

function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string | null>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  for (const c of children) if (c !== null) el.append(c);
  return el;
}

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  return (await res.json()) as T;
}

function post<T>(url: string, body: unknown): Promise<T> {
  return getJson<T>(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

function severity(item: ProofItem): number {
  return item.badness >= 80 ? 3 : item.badness >= 60 ? 2 : item.badness >= 45 ? 1 : 0;
}

function excerpt(item: ProofItem): string {
  const s = item.now ? `${item.now.before.slice(-50)}⟦${item.now.focus.slice(0, 30)}⟧${item.now.after.slice(0, 60)}` : item.rawSummary || item.result;
  return s.replace(/<!--\s*page\s+(\S+)\s*-->/g, '[p.$1]').replace(/^[^<⟦]*-->/, '…').replace(/\s+/g, ' ');
}

function refilter(): void {
  if (!view) return;
  const f = filterEl.value;
  const keep = visible[selected]?.id;
  visible = view.items.filter((i) => !resolved.has(i.id) && (f === 'all' || i.category === f));
  const again = keep ? visible.findIndex((i) => i.id === keep) : -1;
  selected = again >= 0 ? again : Math.min(selected, Math.max(0, visible.length - 1));
  renderList();
}

function renderList(): void {
  list.replaceChildren();
  const total = view ? view.items.filter((i) => !resolved.has(i.id)).length : 0;
  countEl.textContent = view ? `${visible.length === total ? '' : `${visible.length} shown · `}${total} to review · ${resolved.size} reviewed` : '';
  if (!visible.length) {
    list.append(h('p', { class: 'done' }, view ? 'Nothing left to review here.' : 'Building…'));
    renderDetail();
    return;
  }
  visible.forEach((item, i) => {
    const row = h('button', { type: 'button', class: `item${i === selected ? ' selected' : ''}`, 'data-id': item.id, 'data-kind': item.kind, tabindex: '-1', title: `${item.title} (${item.kind}), raw line ${item.line}` },
      h('div', { class: 'row1' }, h('span', { class: `sev s${severity(item)}` }), h('span', { class: 'ttl' }, item.title), h('span', { class: 'where' }, item.page ? `p. ${item.page}` : '')),
      h('div', { class: 'row2' }, h('span', { class: 'ln' }, `l. ${item.line} `), excerpt(item)));
    row.addEventListener('click', () => select(i));
    list.append(row);
  });
  select(selected, false);
}

function select(i: number, scrollList = true): void {
  if (!visible.length) return;
  selected = Math.max(0, Math.min(visible.length - 1, i));
  mode = 'view';
  chosen = null;
  for (const el of list.querySelectorAll('.item.selected')) el.classList.remove('selected');
  const row = list.children[selected] as HTMLElement | undefined;
  row?.classList.add('selected');
  if (scrollList) row?.scrollIntoView({ block: 'nearest' });
  renderDetail();
  const item = visible[selected];
  if (item?.at) scrollReader(focusPoint(item), 'focus');
}

/** The manuscript offset an item is about: after the junction for page joins and page problems. */
function focusPoint(item: ProofItem): number {
  if (!item.at) return 0;
  return item.category === 'join' || item.category === 'pages' ? item.at.end : item.at.start;
}

/** The reading pane's top-level block holding a manuscript offset. */
function blockAt(offset: number): HTMLElement | null {
  let lo = 0;
  let hi = blocks.length - 1;
  let found: HTMLElement | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const el = blocks[mid]!;
    if (Number(el.dataset.s) <= offset) { found = el; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

function scrollReader(offset: number, cls: 'focus' | 'changed'): void {
  for (const el of reader.querySelectorAll(`.${cls}`)) el.classList.remove(cls);
  const el = blockAt(offset);
  if (!el) return;
  el.classList.add(cls);
  el.scrollIntoView({ block: el.offsetHeight > reader.clientHeight * 0.6 ? 'start' : 'center' });
}

function showText(text: string): Node[] {
  // Paragraph breaks made visible, page comments kept as written.
  return text.split(/(\n\n)/).map((part) => (part === '\n\n' ? h('span', { class: 'para', title: 'paragraph break' }, '¶\n\n') : document.createTextNode(part)));
}

function section(title: string, ...content: Array<Node | string | null>): Node[] {
  return [h('h3', {}, title), ...content.filter((c): c is Node | string => c !== null).map((c) => (typeof c === 'string' ? document.createTextNode(c) : c))];
}

function renderDetail(): void {
  detail.replaceChildren();
  const item = visible[selected];
  if (!item || !view) return;
  detail.dataset.id = item.id;
  detail.dataset.kind = item.kind;
  const meta = h('div', { class: 'meta' },
    h('span', { class: `badge ${item.confidence ?? ''}` }, item.confidence ? `${item.confidence} confidence` : item.kind),
    h('span', {}, item.page ? `print page ${item.page}` : 'print page unknown'),
    h('span', {}, `raw line ${item.line}`),
    h('span', {}, item.kind));
  detail.append(h('h2', {}, item.title), meta);
  const raw = h('div', { class: 'raw' });
  for (const l of item.raw) raw.append(h('div', {}, h('span', { class: 'ln' }, String(l.line)), h('span', { class: 'tx' }, l.clipped === 'start' ? h('span', { class: 'clip' }, '… ') : null, l.text, l.clipped === 'end' ? h('span', { class: 'clip' }, ' …') : null)));
  detail.append(...section('As extracted (raw file)', item.raw.length ? raw : h('p', {}, 'no raw text at this line')));
  if (item.rawSummary) detail.append(h('p', { class: 'summary' }, h('code', {}, item.rawSummary), ' → ', item.result));
  const now = item.now ? h('div', { class: 'now' }, ...showText(item.now.before), h('mark', {}, ...showText(item.now.focus || '‸')), ...showText(item.now.after)) : h('p', { class: 'evidence' }, 'Not found in the manuscript (left out, or changed by a correction).');
  detail.append(...section('In the manuscript now', now));
  requestAnimationFrame(() => {
    const mark = now.querySelector('mark');
    if (mark) now.scrollTop = Math.max(0, mark.offsetTop - now.clientHeight / 3);
  });
  detail.append(...section('Evidence', h('p', { class: 'evidence' }, item.evidence || '(none logged)')));
  const blocked = !!status && (status.problems.length > 0 || status.building) || view.partial;
  const accept = h('button', { type: 'button', class: 'primary', id: 'accept' }, h('kbd', {}, 'a'), ' Accept');
  const override = h('button', { type: 'button', id: 'override' }, h('kbd', {}, 'o'), ' Override…');
  const edit = h('button', { type: 'button', id: 'edit' }, h('kbd', {}, 'e'), ' Edit text…');
  if (!item.options.length || blocked) override.setAttribute('disabled', '');
  if (!item.at || blocked) edit.setAttribute('disabled', '');
  accept.addEventListener('click', () => void acceptItem());
  override.addEventListener('click', () => openOverride());
  edit.addEventListener('click', () => void openEdit());
  detail.append(h('div', { class: 'actions' }, accept, override, edit));
  if (blocked && status?.problems.length) detail.append(h('p', { class: 'msg error' }, 'Overrides are off until the corrections in the red box apply again.'));
  detail.append(h('div', { id: 'panel' }));
}

function panel(): HTMLElement {
  return $<HTMLElement>('panel');
}

function message(text: string, kind: 'ok' | 'error'): void {
  panel().append(h('p', { class: `msg ${kind}` }, text));
}

function openOverride(): void {
  const item = visible[selected];
  if (!item || !item.options.length || document.getElementById('override')?.hasAttribute('disabled')) return;
  mode = 'override';
  chosen = null;
  const p = panel();
  p.className = 'panel';
  const ol = h('ol', {});
  item.options.forEach((o, i) => {
    const b = h('button', { type: 'button', 'data-option': o.id }, o.label);
    b.addEventListener('click', () => void choose(i));
    ol.append(h('li', {}, b));
  });
  p.replaceChildren(h('strong', {}, 'Override: press a number'), ol, h('div', { id: 'preview' }));
  p.scrollIntoView({ block: 'nearest' });
}

/** Words, runs of spaces and page comments: the units the change is shown in. */
function tokens(text: string): string[] {
  return text.split(/(<!--[\s\S]*?-->|\s+)/).filter((t) => t !== '');
}

/** A word-level diff (longest common subsequence) of the find and replace texts. */
function diffTokens(a: string[], b: string[]): Array<{ op: 'same' | 'del' | 'ins'; text: string }> {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const out: Array<{ op: 'same' | 'del' | 'ins'; text: string }> = [];
  let i = 0;
  let j = 0;
  const push = (op: 'same' | 'del' | 'ins', text: string): void => {
    const last = out[out.length - 1];
    if (last?.op === op) last.text += text;
    else out.push({ op, text });
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { push('same', a[i]!); i++; j++; }
    else if (j < m && (i >= n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) { push('ins', b[j]!); j++; }
    else { push('del', a[i]!); i++; }
  }
  return out;
}

/** Changed white space made visible: a paragraph break as ¶, a space as ␣. */
function visibleSpace(text: string): string {
  return /^\s+$/.test(text) ? (text.includes('\n\n') ? '¶' : text.includes('\n') ? '↵' : '␣') : text;
}

function diffView(c: CorrectionPreview): HTMLElement {
  const a = tokens(c.find);
  const b = tokens(c.replace);
  const parts = a.length * b.length <= 250_000 ? diffTokens(a, b) : [{ op: 'del' as const, text: c.find }, { op: 'ins' as const, text: c.replace }];
  const change = h('span', {}, ...parts.flatMap((p) => (p.op === 'same' ? showText(p.text) : [h('span', { class: p.op }, visibleSpace(p.text))])));
  // find/replace exactly as written to the file (hidden copies keep the raw text for tools and tests).
  return h('dl', { class: 'preview' },
    h('dt', {}, 'change'), h('dd', { class: 'change' }, change),
    h('dt', {}, 'why'), h('dd', { class: 'why' }, c.why),
    h('dd', { class: 'find', hidden: '' }, c.find), h('dd', { class: 'replace', hidden: '' }, c.replace));
}

async function preview(request: OverrideRequest, into: HTMLElement): Promise<void> {
  into.replaceChildren(h('p', {}, 'checking…'));
  const res = await post<OverrideResponse>('/api/preview', request);
  into.replaceChildren();
  if (!res.ok || !res.corrections) {
    into.append(h('p', { class: 'msg error' }, res.error ?? 'cannot build this correction'));
    return;
  }
  const note = h('input', { type: 'text', id: 'note', placeholder: 'why (optional, added to the entry)' });
  const write = h('button', { type: 'button', class: 'primary', id: 'write' }, 'Write correction ', h('kbd', {}, 'Enter'));
  write.addEventListener('click', () => void writeOverride(request));
  into.append(...res.corrections.map(diffView), note, write, h('button', { type: 'button', id: 'cancel' }, 'Cancel ', h('kbd', {}, 'Esc')));
  into.querySelector('#cancel')?.addEventListener('click', () => renderDetail());
  into.scrollIntoView({ block: 'nearest' });
  // After checking an edit, Enter in the note writes it; the text area keeps its Enter for new lines.
  if (mode === 'edit') note.focus();
}

async function choose(i: number): Promise<void> {
  const item = visible[selected];
  const option = item?.options[i];
  if (!item || !option || !view) return;
  chosen = option;
  for (const li of panel().querySelectorAll('li')) li.classList.remove('chosen');
  panel().querySelectorAll('li')[i]?.classList.add('chosen');
  await preview({ version: view.version, itemId: item.id, optionId: option.id }, $<HTMLElement>('preview'));
}

let editRange: { start: number; end: number } | null = null;

async function openEdit(): Promise<void> {
  const item = visible[selected];
  if (!item?.at || !view || document.getElementById('edit')?.hasAttribute('disabled')) return;
  mode = 'edit';
  const block = blockAt(focusPoint(item));
  const start = block ? Number(block.dataset.s) : item.at.start;
  const end = block ? Number(block.dataset.e) : item.at.end;
  editRange = { start, end };
  const res = await fetch(`/api/text?start=${start}&end=${end}`);
  const text = await res.text();
  const p = panel();
  p.className = 'panel';
  const area = h('textarea', { id: 'editor', spellcheck: 'true', 'aria-label': 'Manuscript text of this block' });
  area.value = text;
  // A preview is for the text it was made from: editing again takes it away.
  area.addEventListener('input', () => document.getElementById('preview')?.replaceChildren());
  const go = h('button', { type: 'button', class: 'primary', id: 'check-edit' }, 'Check ', h('kbd', {}, 'Ctrl+Enter'));
  go.addEventListener('click', () => void checkEdit());
  p.replaceChildren(h('strong', {}, 'Edit this block (markdown)'), area, go, h('div', { id: 'preview' }));
  p.scrollIntoView({ block: 'nearest' });
  area.focus();
}

async function checkEdit(): Promise<void> {
  const item = visible[selected];
  const area = document.getElementById('editor') as HTMLTextAreaElement | null;
  if (!item || !area || !editRange || !view) return;
  await preview({ version: view.version, itemId: item.id, edit: { ...editRange, replacement: area.value } }, $<HTMLElement>('preview'));
}

async function writeOverride(request: OverrideRequest): Promise<void> {
  const note = (document.getElementById('note') as HTMLInputElement | null)?.value ?? '';
  const res = await post<OverrideResponse>('/api/override', { ...request, note });
  if (!res.ok) {
    message(res.error ?? 'not written', 'error');
    return;
  }
  if (request.itemId) resolved.add(request.itemId);
  lastWritten = { at: Date.now() };
  statusEl.textContent = `correction written (line ${res.lines?.join(', ') ?? '?'}); rebuilding…`;
  statusEl.className = 'building';
  mode = 'view';
  refilter();
  void poll();
}

async function acceptItem(): Promise<void> {
  const item = visible[selected];
  if (!item) return;
  const res = await post<{ ok: boolean; error?: string }>('/api/accept', { itemId: item.id });
  if (!res.ok) {
    message(res.error ?? 'not recorded', 'error');
    return;
  }
  resolved.add(item.id);
  refilter();
}

function renderStatus(): void {
  if (!status) return;
  problemsEl.replaceChildren();
  const troubles = status.problems;
  if (troubles.length || status.fatal) {
    problemsEl.hidden = false;
    problemsEl.append(h('h2', {}, troubles.length ? `${troubles.length === 1 ? 'A correction does' : `${troubles.length} corrections do`} not apply — the page shows the last good build` : 'The build failed — the page shows the last good build'));
    const ul = h('ul', {});
    for (const p of troubles) ul.append(h('li', { class: 'problem', 'data-line': String(p.line) }, h('strong', {}, `${p.file}, line ${p.line}: `), p.message, p.hint ? h('div', { class: 'hint' }, `Hint: ${p.hint}`) : null));
    if (status.fatal) ul.append(h('li', {}, h('code', {}, status.fatal)));
    problemsEl.append(ul);
  } else {
    problemsEl.hidden = true;
  }
  if (status.building) {
    statusEl.textContent = status.message ?? 'rebuilding…';
    statusEl.className = 'building';
  } else if (troubles.length || status.fatal) {
    statusEl.textContent = `build ${status.version}${view?.partial ? ' (without the failing corrections)' : ''} · corrections need fixing`;
    statusEl.className = 'bad';
  } else {
    statusEl.textContent = view ? `build ${view.version} · ${view.correctionsApplied} corrections applied` : 'building…';
    statusEl.className = '';
  }
}

async function loadBuild(): Promise<void> {
  const res = await fetch('/api/build');
  if (!res.ok) return;
  const next = (await res.json()) as BuildView;
  const scroll = reader.scrollTop;
  const first = !view;
  view = next;
  for (const id of next.resolved) resolved.add(id);
  document.title = `Proofing — ${next.title}`;
  $<HTMLElement>('title').textContent = `Proofing: ${next.title}`;
  reader.innerHTML = next.html;
  blocks = [...reader.querySelectorAll<HTMLElement>('[data-s]')];
  reader.dataset.version = String(next.version);
  if (!first) reader.scrollTop = scroll;
  refilter();
  if (lastWritten && next.lastChange) {
    scrollReader(next.lastChange.start, 'changed');
    lastWritten = null;
  }
}

let polling = false;
async function poll(): Promise<void> {
  if (polling) return;
  polling = true;
  try {
    status = await getJson<Status>('/api/status');
    if (!status.building && status.version > 0 && status.version !== view?.version) await loadBuild();
    renderStatus();
    if (mode === 'view') {
      const item = visible[selected];
      const blocked = status.problems.length > 0 || status.building || !!view?.partial;
      const overrideBtn = document.getElementById('override');
      if (item && overrideBtn && overrideBtn.hasAttribute('disabled') !== (blocked || !item.options.length)) renderDetail();
    }
  } catch {
    statusEl.textContent = 'server not reachable';
    statusEl.className = 'bad';
  } finally {
    polling = false;
  }
}

function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

document.addEventListener('keydown', (e) => {
  if (e.altKey || e.metaKey) return;
  if (e.key === 'Escape') {
    if (mode !== 'view') { e.preventDefault(); renderDetail(); mode = 'view'; }
    return;
  }
  if (mode === 'edit' && e.key === 'Enter' && e.ctrlKey) { e.preventDefault(); void checkEdit(); return; }
  if (e.key === 'Enter' && !e.ctrlKey && document.getElementById('write') && !(e.target instanceof HTMLTextAreaElement) && (mode === 'override' || e.target instanceof HTMLInputElement)) {
    e.preventDefault();
    (document.getElementById('write') as HTMLButtonElement).click();
    return;
  }
  if (typing(e.target) || e.ctrlKey) return;
  if (mode === 'override' && /^[1-9]$/.test(e.key)) { e.preventDefault(); void choose(Number(e.key) - 1); return; }
  switch (e.key) {
    case 'j': e.preventDefault(); select(selected + 1); break;
    case 'k': e.preventDefault(); select(selected - 1); break;
    case 'a': e.preventDefault(); void acceptItem(); break;
    case 'o': e.preventDefault(); openOverride(); break;
    case 'e': e.preventDefault(); void openEdit(); break;
    case 'r': e.preventDefault(); void post<Status>('/api/rebuild', {}).then(() => poll()); break;
    default: break;
  }
});
filterEl.addEventListener('change', () => { selected = 0; refilter(); filterEl.blur(); });
$<HTMLButtonElement>('rebuild').addEventListener('click', () => void post<Status>('/api/rebuild', {}).then(() => poll()));

void poll();
setInterval(() => void poll(), 800);
