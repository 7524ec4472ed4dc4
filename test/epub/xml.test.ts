import type { Element } from 'hast';
import { describe, expect, it } from 'vitest';
import { cleanXmlText, escapeXml, toXml } from '../../src/epub/xml.js';
import { parseXml } from './helpers.js';

const el = (tagName: string, properties: Element['properties'], children: Element['children'] = []): Element => ({ type: 'element', tagName, properties, children });

describe('toXml', () => {
  it('escapes markup characters in text and attributes, including the > of ]]>', () => {
    const xml = toXml(el('p', { title: 'a "b" & <c>' }, [{ type: 'text', value: 'x < y && z ]]> <b>not a tag</b>' }]));
    expect(xml).toBe('<p title="a &quot;b&quot; &amp; &lt;c&gt;">x &lt; y &amp;&amp; z ]]&gt; &lt;b&gt;not a tag&lt;/b&gt;</p>');
    expect(() => parseXml(xml)).not.toThrow();
  });

  it('drops characters XML 1.0 cannot hold and keeps all other Unicode', () => {
    expect(cleanXmlText('a\u0000b\u0007c\u000bd\ud800e\uffff')).toBe('abcde');
    expect(cleanXmlText('é ñ 𝔘 🙂 עברית \t\n')).toBe('é ñ 𝔘 🙂 עברית \t\n');
    expect(escapeXml('\u0001&')).toBe('&amp;');
  });

  it('closes empty non-void elements explicitly and writes void elements self-closed', () => {
    expect(toXml(el('span', { id: 'page-1', ariaLabel: '1', 'epub:type': 'pagebreak' }))).toBe('<span id="page-1" aria-label="1" epub:type="pagebreak"></span>');
    expect(toXml(el('br', {}))).toBe('<br/>');
    expect(toXml(el('p', { className: ['a', 'b'], hidden: true, start: 3 }))).toBe('<p class="a b" hidden="hidden" start="3"></p>');
  });

  it('never passes raw HTML or comments through', () => {
    expect(toXml({ type: 'root', children: [{ type: 'raw', value: '<script>x</script>' }, { type: 'comment', value: 'c' }, { type: 'text', value: 't' }] })).toBe('t');
  });
});
