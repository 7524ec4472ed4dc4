/**
 * A larger synthetic clean manuscript for the EPUB tests: parts, many chapters, sections,
 * ~10 notes per chapter (multi-paragraph, a note referenced twice, a note that opens with a
 * block quote), page markers inline and at block boundaries (arabic and roman, one label
 * repeated), and nasty text: markup characters, raw HTML typed by an editor, `]]>`, control
 * characters, astral and right-to-left text. Deterministic (seeded), no I/O.
 */
import { mulberry32 } from '../helpers/synthetic-book.js';

const prng = mulberry32;

const WORDS = (
  'the of mutual aid and cooperation in a free society where labour owns its tools rent interest profit ' +
  'state market commons association federation credit exchange land property wage workers production'
).split(' ');

/** Pieces of text an editor might type that must come out escaped and well-formed. */
export const NASTY = [
  'AT&T and R&D & co.',
  'if a < b && b > c then',
  'a literal <b>bold</b> tag and <span/> self-closed',
  'the sequence ]]> ends CDATA',
  '<script>alert("x")</script> typed by an editor',
  '</section></body> in the middle',
  'quotes "double" and \'single\' and “curly” ‘ones’',
  'control\u0007chars\u000bhere',
  'astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and emoji 🙂',
  'right-to-left עברית and العربية text',
  'combining e\u0301 and ñ, ß, Œuvre, Ærø',
  'entities &amp; &lt;tag&gt; &#169; &copy; &#0; &#xD800;',
  '<![CDATA[ not cdata ]]> and <?pi target?>',
  'an HTML comment <!-- editor note --> inline',
  'a bare <div class="x"> opening tag',
];

export interface SyntheticOptions {
  chapters: number;
  parts: number;
  notesPerChapter: number;
  seed?: number;
  language?: string;
}

export interface SyntheticBook {
  markdown: string;
  /** Footnote references written (every `[^label]` in the text, repeats included). */
  referenceCount: number;
  /** Distinct notes defined. */
  noteCount: number;
}

export function syntheticManuscript(options: SyntheticOptions): SyntheticBook {
  const random = prng(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const sentence = (n: number): string => {
    const words = Array.from({ length: n }, () => pick(WORDS));
    return `${words[0]!.charAt(0).toUpperCase()}${words[0]!.slice(1)} ${words.slice(1).join(' ')}.`;
  };
  const out: string[] = [];
  let references = 0;
  let notes = 0;
  let page = 0;
  const nextPage = (): string => {
    return String(++page);
  };

  out.push(`---
title: 'Synthetic & <Test> Book: “Everything” ]]> Escaped'
subtitle: A Manuscript of ${options.chapters} Chapters
author: Ann O'Nymous & Co.
authorFileAs: O'Nymous, Ann
language: ${options.language ?? 'en'}
date: 2021-01-01
publisher: Press <&> Sons
rights: 'No rights reserved: copy & share.'
identifier: urn:uuid:5f0c7d62-9a1e-4c53-8d0b-1234567890ab
edition: 3
description: 'A generated book with <markup> & notes.'
subjects: [Testing, 'Anarchism & mutualism']
changes:
  - { date: 2025-03-04, note: 'First edition & <draft>.' }
  - { date: 2026-11-26, note: Third edition with corrected notes. }
pageSource: 'Synthetic print edition (2021)'
---
`);

  out.push('<!-- division: titlepage -->\n# Synthetic & <Test> Book\n\n<!-- page i -->\n\nA Manuscript for Testing\n');
  out.push('<!-- division: dedication -->\n## Dedication\n\n<!-- page iii -->\n\nTo the proofreaders & typesetters.\n\n##### A Deep Sub-head\n\nUnder it.\n');
  out.push('<!-- division: preface -->\n## Preface: On <Escaping> & Other Matters\n\n<!-- page v -->\n');
  out.push(`The preface has a note.[^pref-1] ${NASTY.join(' ')}\n`);
  out.push('<div class="editor">\nA raw HTML block typed by an editor & left in.\n</div>\n');
  out.push('<!-- page vii -->\n\nA paragraph after a roman page break, with a hard break  \nhere and `code <x> & y`.\n');
  out.push('[^pref-1]: A preface note with <angle> brackets & an ampersand.\n');
  references++;
  notes++;

  const perPart = Math.ceil(options.chapters / options.parts);
  for (let c = 1; c <= options.chapters; c++) {
    if ((c - 1) % perPart === 0) {
      const p = (c - 1) / perPart + 1;
      out.push(`<!-- division: part -->\n# Part ${p}: The ${pick(WORDS)} & the ${pick(WORDS)}\n\n<!-- page ${nextPage()} -->\n\nAn introduction to part ${p}.\n`);
    }
    out.push(`<!-- division: chapter -->\n## Chapter ${c}: ${sentence(3).slice(0, -1)} <${c}>\n`);
    // A sub-head the Contents does not list, straight under the chapter title (depth 4 after 2).
    if (c % 2 === 1) out.push(`#### Epigraph & <Note>\n\n${sentence(9)}\n`);
    const defs: string[] = [];
    for (let s = 1; s <= 3; s++) {
      out.push(`### ${['I', 'II', 'III'][s - 1]}. Section “${pick(WORDS)}” & ${pick(WORDS)}\n`);
      out.push(`<!-- page ${nextPage()} -->\n`);
      for (let para = 0; para < 3; para++) {
        let text = `${sentence(12)} ${sentence(8)}`;
        if (random() < 0.5) text += ` ${pick(NASTY)}`;
        if (para === 1) text += ` A page turns mid${random() < 0.5 ? '-' : ' '}sentence<!-- page ${nextPage()} --> and goes on.`;
        out.push(`${text}\n`);
      }
      if (s === 2) out.push(`> ${sentence(10)} A quotation with a note & <markup>.\n>\n> ${sentence(6)}\n`);
      if (s === 3) out.push(`- ${sentence(4)}\n- ${sentence(5)} with *emphasis* & **strong**\n  - nested ${sentence(3)}\n\n3. third\n4. fourth <item>\n`);
    }
    // Notes: references spread over the chapter's paragraphs by appending to the last paragraphs.
    const refs: string[] = [];
    for (let n = 1; n <= options.notesPerChapter; n++) {
      const label = `c${c}-${n}`;
      refs.push(`[^${label}]`);
      references++;
      notes++;
      let body = `${sentence(10)} ${pick(NASTY)}`;
      if (n === 2) body += `\n\n    A second paragraph of the note, also with & and <b>.\n\n    > And a quotation inside it.`;
      if (n === 3) body = `> A note that opens with a quotation & ${sentence(4)}\n\n    ${sentence(5)}`;
      if (n === 4) body += ` See <https://example.org/?a=1&b=<2>>.`;
      defs.push(`[^${label}]: ${body}\n`);
    }
    out.push(`${sentence(15)}${refs.slice(0, 4).join('')} ${sentence(8)}${refs.slice(4).join(' ')} And again${refs[0]}.\n`);
    references++; // the repeated reference
    if (c === 1) out.push(`See [the bibliography](#bibliography) and [a missing anchor](#no-such-anchor) and [an outside link](https://example.org/a&b).\n`);
    out.push(`| Left | Centre |\n|:-----|:------:|\n| a & b | <c> |\n`);
    out.push(`\`\`\`\ncode <block> & ]]> stays\n\`\`\`\n`);
    out.push(`${sentence(6)}\n\n<!-- page ${nextPage()} -->\n`);
    out.push(defs.join('\n'));
  }

  out.push('<!-- division: bibliography -->\n## Bibliography\n\n<!-- page 1 -->\n');
  for (let b = 0; b < 12; b++) out.push(`- ${pick(['Adams', 'Brown', 'Clark', 'Dürer', 'Ørsted'])}, ${pick(['A.', 'B.'])} *${sentence(4).slice(0, -1)}*. City & Co: Press, ${1900 + b}.`);
  out.push('\n<!-- division: about-the-author -->\n## About the Author\n\nAnn writes <books> & notes.\n');
  return { markdown: `${out.join('\n')}\n`, referenceCount: references, noteCount: notes };
}
