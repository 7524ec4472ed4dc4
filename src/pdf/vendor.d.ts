declare module 'hypher' {
  export interface HypherLanguage {
    leftmin: number;
    rightmin: number;
    patterns: Record<number, string>;
  }
  class Hypher {
    constructor(language: HypherLanguage);
    hyphenate(word: string): string[];
  }
  export default Hypher;
}

/** TeX's hyphenation patterns for one language, as Hypher packs them (`hyphenation.en-us`, `hyphenation.de`, …). */
declare module 'hyphenation.*' {
  const language: import('hypher').HypherLanguage;
  export default language;
}
