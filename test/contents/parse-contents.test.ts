import { describe, expect, it } from 'vitest';
import { parseContents, type Contents, type ContentsEntry } from '../../src/contents/index.js';

const lines = (text: string): string[] => text.split('\n');

function must(c: Contents | null): Contents {
  if (!c) throw new Error('expected a Contents, got null');
  return c;
}

/** `level role page title` per entry, for compact assertions. */
const summary = (c: Contents): string[] => c.entries.map((e) => `${e.level} ${e.role} ${e.pageLabel} ${e.title}`);
const shape = (tree: readonly ContentsEntry[]): unknown[] => tree.map((e) => (e.children.length ? { [e.title]: shape(e.children) } : e.title));

describe('parseContents', () => {
  it('keeps each entry once when the raw text gives the Contents page twice, and keeps both pages out of the body', () => {
    const page = ['# Contents', '', '<b>Chapter One: Rivers and Roads</b>\t<b>3</b>', '<b>Chapter Two: Mills and Markets</b>\t<b>5</b>'];
    const raw = [...page, '', 'The river ran past the old town.', '', ...page, '', '# Chapter One: Rivers and Roads'];
    const c = must(parseContents(raw));
    expect(summary(c)).toEqual(['chapter body 3 Chapter One: Rivers and Roads', 'chapter body 5 Chapter Two: Mills and Markets']);
    expect(c.lines).toEqual(expect.arrayContaining([1, 3, 4, 8, 10, 11]));
    expect(c.lines).not.toContain(6);
  });

  it('reads a bold/tab Contents split into chunks scattered out of order, with hyphen breaks', () => {
    const raw = lines([
      'Body text of some page, ending without a number.', // 1
      '', // 2
      '<b>Chapter Three: Going Home</b>\t<b>40</b>', // 3
      'I. The Long Re- turn . . . . .\t41', // 4
      '<b>Bibliography</b>\t<b>60</b>', // 5
      '<b>About the Author</b>\t<b>70</b>', // 6
      '', // 7
      'More body text here, a paragraph that goes on.', // 8
      '', // 9
      '# Contents', // 10
      '', // 11
      '<b>Preface</b>\t<b>7</b>', // 12
      '<b>Part One: Away</b>\t<b>9</b>', // 13
      '<b>Chapter One: Leaving</b>\t<b>10</b>', // 14
      'Introduction . . . . .\t10', // 15
      'I. The Road . . . . .\t12', // 16
      'II. The Self- Made Map .\t18', // 17
      '<b>Chapter Two: Abroad</b>\t<b>25</b>', // 18
      '', // 19
      '<b>Part Two. Return</b>\t<b>39</b>', // 20
      '', // 21
      'Text of the next page.', // 22
    ].join('\n'));
    const c = must(parseContents(raw));
    expect(summary(c)).toEqual([
      'chapter front 7 Preface',
      'part body 9 Part One: Away',
      'chapter body 10 Chapter One: Leaving',
      'section body 10 Introduction',
      'section body 12 I. The Road',
      'section body 18 II. The Self-Made Map',
      'chapter body 25 Chapter Two: Abroad',
      'part body 39 Part Two. Return',
      'chapter body 40 Chapter Three: Going Home',
      'section body 41 I. The Long Return',
      'chapter back 60 Bibliography',
      'chapter back 70 About the Author',
    ]);
    expect(c.entries.map((e) => e.line)).toEqual([12, 13, 14, 15, 16, 17, 18, 20, 3, 4, 5, 6]);
    expect(c.entries.every((e) => e.numbering === 0)).toBe(true);
    expect(c.lines).toEqual([3, 4, 5, 6, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(shape(c.tree)).toEqual([
      'Preface',
      { 'Part One: Away': [{ 'Chapter One: Leaving': ['Introduction', 'I. The Road', 'II. The Self-Made Map'] }, 'Chapter Two: Abroad'] },
      { 'Part Two. Return': [{ 'Chapter Three: Going Home': ['I. The Long Return'] }] },
      'Bibliography',
      'About the Author',
    ]);
  });

  it('reads dot leaders without tabs or bold, `Table of Contents`, roman front-matter pages', () => {
    const raw = lines([
      'Table of Contents', // 1
      '', // 2
      'Foreword .......... vii', // 3
      'Acknowledgements .......... xi', // 4
      'Chapter 1 The Beginning .......... 1', // 5
      'The Setting .......... 3', // 6
      'Early Trials .......... 9', // 7
      'Chapter 2 The Middle .......... 15', // 8
      'Chapter 3 A Very Long Title That Wraps Onto the Next Line Because It Is Extra-', // 9
      'ordinarily Long .......... 30', // 10
      'Notes .......... 50', // 11
      'Index .......... 58', // 12
      '', // 13
      'The first page of the book starts here, and it is a long sentence.', // 14
    ].join('\n'));
    const c = must(parseContents(raw));
    expect(summary(c)).toEqual([
      'chapter front vii Foreword',
      'chapter front xi Acknowledgements',
      'chapter body 1 Chapter 1 The Beginning',
      'section body 3 The Setting',
      'section body 9 Early Trials',
      'chapter body 15 Chapter 2 The Middle',
      'chapter body 30 Chapter 3 A Very Long Title That Wraps Onto the Next Line Because It Is Extraordinarily Long',
      'chapter back 50 Notes',
      'chapter back 58 Index',
    ]);
    expect(c.entries.map((e) => e.page)).toEqual([7, 11, 1, 3, 9, 15, 30, 50, 58]);
    // (the body's pages are counted afresh: a numbering of their own)
    expect(c.entries.map((e) => e.numbering)).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1]);
    expect(c.entries[6]?.line).toBe(9);
    expect(c.lines).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it('uses numbering and indentation when nothing is bold', () => {
    const raw = lines([
      'CONTENTS', // 1
      'Preface   ix', // 2
      '1. Origins   1', // 3
      '   1.1 Seeds   2', // 4
      '   1.2 Roots   5', // 5
      '2. Growth   10', // 6
      '   2.1 Branches   12', // 7
      'Index   99', // 8
    ].join('\n'));
    const c = must(parseContents(raw));
    expect(summary(c)).toEqual([
      'chapter front ix Preface',
      'chapter body 1 1. Origins',
      'section body 2 1.1 Seeds',
      'section body 5 1.2 Roots',
      'chapter body 10 2. Growth',
      'section body 12 2.1 Branches',
      'chapter back 99 Index',
    ]);
    expect(shape(c.tree)).toEqual(['Preface', { '1. Origins': ['1.1 Seeds', '1.2 Roots'] }, { '2. Growth': ['2.1 Branches'] }, 'Index']);
  });

  it('nests indented chapters under unindented parts', () => {
    const raw = lines([
      '## Contents',
      '',
      'Part I  Beginnings ....... 1',
      '    The First ....... 3',
      '    The Second ....... 20',
      'Part II  Endings ....... 40',
      '    The Third ....... 41',
      'Bibliography ....... 90',
    ].join('\n'));
    const c = must(parseContents(raw));
    expect(summary(c)).toEqual([
      'part body 1 Part I Beginnings',
      'chapter body 3 The First',
      'chapter body 20 The Second',
      'part body 40 Part II Endings',
      'chapter body 41 The Third',
      'chapter back 90 Bibliography',
    ]);
    expect(shape(c.tree)).toEqual([{ 'Part I Beginnings': ['The First', 'The Second'] }, { 'Part II Endings': ['The Third'] }, 'Bibliography']);
  });

  it('reads single-space page numbers under a Contents heading, and part lines printed without a page', () => {
    const raw = lines([
      '**CONTENTS**', // 1
      '', // 2
      'Foreword vii', // 3
      'PART ONE', // 4
      'One: The Dawn 1', // 5
      'Two: The Noon 14', // 6
      'PART TWO', // 7
      'Three: The Dusk 30', // 8
      '', // 9
      'It was a dark night in 1923.', // 10
    ].join('\n'));
    const c = must(parseContents(raw));
    expect(c.entries.map((e) => `${e.line} ${e.level} ${e.role} ${e.page} [${e.pageLabel}] ${e.title}`)).toEqual([
      '3 chapter front 7 [vii] Foreword',
      '4 part body 1 [] PART ONE',
      '5 chapter body 1 [1] One: The Dawn',
      '6 chapter body 14 [14] Two: The Noon',
      '7 part body 30 [] PART TWO',
      '8 chapter body 30 [30] Three: The Dusk',
    ]);
    expect(shape(c.tree)).toEqual(['Foreword', { 'PART ONE': ['One: The Dawn', 'Two: The Noon'] }, { 'PART TWO': ['Three: The Dusk'] }]);
    expect(c.lines).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('orders a later Contents page found first in the file after the headed one, stable at equal pages', () => {
    const raw = lines([
      'I. Second Half . . . . .\t20', // 1
      'II. Last Words . . . . .\t28', // 2
      '', // 3
      'Body.', // 4
      '', // 5
      '# Contents', // 6
      '<b>Chapter One: All</b>\t<b>1</b>', // 7
      'I. First Half . . . . .\t1', // 8
      '<b>Chapter Two: Rest</b>\t<b>20</b>', // 9
    ].join('\n'));
    const c = must(parseContents(raw));
    expect(c.entries.map((e) => `${e.line} ${e.level} ${e.title}`)).toEqual([
      '7 chapter Chapter One: All',
      '8 section I. First Half',
      '9 chapter Chapter Two: Rest',
      '1 section I. Second Half',
      '2 section II. Last Words',
    ]);
    expect(shape(c.tree)).toEqual([{ 'Chapter One: All': ['I. First Half'] }, { 'Chapter Two: Rest': ['I. Second Half', 'II. Last Words'] }]);
  });

  it('does not take the last prose line of the previous page into the first entry of a scattered chunk', () => {
    const raw = lines([
      '# Contents', // 1
      'Chapter One: Start . . . . .\t1', // 2
      'Chapter Two: Middle . . . . .\t9', // 3
      '', // 4
      'and so the argument went on without end', // 5
      'Chapter Three: End . . . . .\t20', // 6
      'Notes . . . . .\t31', // 7
      '', // 8
      'Part of the problem was the weather', // 9
      'Chapter Four: Later . . . . .\t40', // 10
      'Index . . . . .\t50', // 11
    ].join('\n'));
    const c = must(parseContents(raw));
    expect(c.entries.map((e) => `${e.line} ${e.role} ${e.level} ${e.title}`)).toEqual([
      '2 body chapter Chapter One: Start',
      '3 body chapter Chapter Two: Middle',
      '6 body chapter Chapter Three: End',
      '7 body section Notes',
      '10 body chapter Chapter Four: Later',
      '11 back chapter Index',
    ]);
    expect(c.lines).toEqual([1, 2, 3, 6, 7, 10, 11]);
  });

  it('tells front and back matter by name when chapters carry no keyword or number', () => {
    const raw = lines([
      '# Contents',
      '<b>Preface</b>\t<b>ix</b>',
      '<b>The Start</b>\t<b>1</b>',
      'Early Days . . . . .\t2',
      '<b>The End</b>\t<b>20</b>',
      '<b>Index</b>\t<b>40</b>',
    ].join('\n'));
    const c = must(parseContents(raw));
    expect(summary(c)).toEqual([
      'chapter front ix Preface',
      'chapter body 1 The Start',
      'section body 2 Early Days',
      'chapter body 20 The End',
      'chapter back 40 Index',
    ]);
  });

  it('reads markdown-escaped leaders and numbering', () => {
    const raw = lines(['# Contents', '1\\. Origins \\. \\. \\. \\. 1', '2\\. Growth \\. \\. \\. \\. 10', 'Index \\. \\. \\. 99'].join('\n'));
    const c = must(parseContents(raw));
    expect(summary(c)).toEqual(['chapter body 1 1. Origins', 'chapter body 10 2. Growth', 'chapter back 99 Index']);
  });

  it('returns null when nothing looks like a Contents', () => {
    expect(parseContents(lines('# A Book\n\nSome text, p. 12.\n\nMore text 1945.\n\n<sup>1</sup> Ibid., p. 3.'))).toBeNull();
  });

  it('keeps a table of years elsewhere in the text out of the Contents', () => {
    const raw = lines([
      '# Contents',
      'Chapter One: Start . . . . .\t1',
      'Chapter Two: Finish . . . . .\t9',
      '',
      'Body text.',
      '',
      'Coal\t1945',
      'Steel\t1946',
      'Rail\t1947',
    ].join('\n'));
    const c = must(parseContents(raw));
    expect(c.entries.map((e) => e.title)).toEqual(['Chapter One: Start', 'Chapter Two: Finish']);
    expect(c.lines).toEqual([1, 2, 3]);
  });
});
