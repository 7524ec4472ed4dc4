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

declare module 'hyphenation.en-us' {
  const language: import('hypher').HypherLanguage;
  export default language;
}
declare module 'hyphenation.en-gb' {
  const language: import('hypher').HypherLanguage;
  export default language;
}
declare module 'hyphenation.de' {
  const language: import('hypher').HypherLanguage;
  export default language;
}
declare module 'hyphenation.es' {
  const language: import('hypher').HypherLanguage;
  export default language;
}
declare module 'hyphenation.fr' {
  const language: import('hypher').HypherLanguage;
  export default language;
}
declare module 'hyphenation.it' {
  const language: import('hypher').HypherLanguage;
  export default language;
}
declare module 'hyphenation.nl' {
  const language: import('hypher').HypherLanguage;
  export default language;
}
declare module 'hyphenation.pt' {
  const language: import('hypher').HypherLanguage;
  export default language;
}
