declare module 'hypher' {
  interface HypherLanguage {
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

declare module 'hyphenation.en-us' {
  const language: { leftmin: number; rightmin: number; patterns: Record<number, string> };
  export default language;
}
