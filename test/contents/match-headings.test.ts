import { describe, expect, it } from 'vitest';
import { findBodyHeadings, matchHeadings, parseContents, type Contents } from '../../src/contents/index.js';

function must(c: Contents | null): Contents {
  if (!c) throw new Error('expected a Contents, got null');
  return c;
}

const RAW = [
  '# Contents', // 1
  '<b>Chapter One: Leaving</b>\t<b>1</b>', // 2
  'Introduction . . . . .\t1', // 3
  'I. The Road . . . . .\t4', // 4
  'II. The Self- Made Map . . . . .\t8', // 5
  '<b>Chapter Two: Abroad</b>\t<b>12</b>', // 6
  'Introduction . . . . .\t12', // 7
  'I. The Road Back . . . . .\t15', // 8
  '<b>Index</b>\t<b>30</b>', // 9
  '', // 10
  '## Chapter Two: Abroad', // 11
  '', // 12
  '### Introduction', // 13
  '', // 14
  'Text.', // 15
  '', // 16
  '#### **II The Self-Made Map**', // 17
  '', // 18
  '**A bold line that is no heading of the Contents**', // 19
  '', // 20
  '# Chapter One: Leaving', // 21
  '', // 22
  '## Introduction', // 23
  '', // 24
  '## I. The Road', // 25
  '', // 26
  '## I. The Road Back', // 27
].join('\n').split('\n');

describe('findBodyHeadings', () => {
  it('finds # headings and whole-line bold outside the Contents', () => {
    const c = must(parseContents(RAW));
    expect(findBodyHeadings(RAW, c).map((h) => h.line)).toEqual([11, 13, 17, 19, 21, 23, 25, 27]);
    expect(findBodyHeadings(RAW, null).map((h) => h.line)[0]).toBe(1);
  });
});

describe('matchHeadings', () => {
  it('pairs each entry with one heading, tells duplicate titles apart by their neighbours, reports the missing', () => {
    const c = must(parseContents(RAW));
    const matches = matchHeadings(c, findBodyHeadings(RAW, c));
    expect(matches.map((m) => `${m.entry.title} -> ${m.heading?.line ?? 'none'}`)).toEqual([
      'Chapter One: Leaving -> 21',
      'Introduction -> 23',
      'I. The Road -> 25',
      'II. The Self-Made Map -> 17',
      'Chapter Two: Abroad -> 11',
      'Introduction -> 13',
      'I. The Road Back -> 27',
      'Index -> none',
    ]);
    expect(matches.at(-1)?.score).toBe(0);
    expect(matches[3]?.score).toBe(1);
  });

  it('reads a bare number heading and the title heading after it as one', () => {
    const raw = [
      'Table of Contents',
      'Chapter 1 The Beginning .......... 1',
      'Chapter 2 The Middle .......... 15',
      '',
      '# CHAPTER TWO',
      '',
      '## The Middle',
      '',
      '# Chapter 1',
      '## The Beginning',
    ];
    const c = must(parseContents(raw));
    const matches = matchHeadings(c, findBodyHeadings(raw, c));
    expect(matches.map((m) => [m.heading?.line, m.heading?.endLine])).toEqual([[9, 10], [5, 7]]);
    expect(matches.map((m) => m.score)).toEqual([1, 1]);
  });

  it('uses each heading at most once', () => {
    const c = must(parseContents(RAW));
    const only = [{ text: '## I. The Road', line: 100 }];
    const matches = matchHeadings(c, only);
    expect(matches.filter((m) => m.heading !== null).map((m) => m.entry.title)).toEqual(['I. The Road']);
  });
});
