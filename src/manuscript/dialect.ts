import { gfmFootnoteFromMarkdown, gfmFootnoteToMarkdown } from 'mdast-util-gfm-footnote';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import type { Processor } from 'unified';

/**
 * The manuscript dialect: CommonMark plus GFM footnotes, nothing else from GFM (no tables, no
 * bare-URL autolinks), so a reader of the file sees exactly what the editions will show.
 */
export function remarkManuscriptDialect(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmFootnote());
  (data.fromMarkdownExtensions ??= []).push(gfmFootnoteFromMarkdown());
  (data.toMarkdownExtensions ??= []).push(gfmFootnoteToMarkdown());
}
