import { createRequire } from 'node:module';

/** The four faces the book is set in. */
export type FontStyle = 'R' | 'I' | 'B' | 'BI';
export const FONT_STYLES: readonly FontStyle[] = ['R', 'I', 'B', 'BI'];

const require = createRequire(import.meta.url);
const PACKAGE = '@expo-google-fonts/eb-garamond';

/**
 * EB Garamond as whole TTFs: the @fontsource files are split by unicode subset (and WOFF2
 * renders blank in pdfkit), while the book needs Latin Extended Additional and combining marks.
 */
const FILES: Record<FontStyle, string> = {
  R: '400Regular/EBGaramond_400Regular.ttf',
  I: '400Regular_Italic/EBGaramond_400Regular_Italic.ttf',
  B: '700Bold/EBGaramond_700Bold.ttf',
  BI: '700Bold_Italic/EBGaramond_700Bold_Italic.ttf',
};

export function fontFile(style: FontStyle): string {
  return require.resolve(`${PACKAGE}/${FILES[style]}`);
}
