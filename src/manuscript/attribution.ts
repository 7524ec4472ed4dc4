/** Which paragraphs attribute a quotation, read alike by both editions. */
import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { isAttribution, isCredit } from '../text/sentence.js';

/**
 * The paragraphs among `blocks` that attribute a quotation: the dashed name (`— CINDY KOHTALA`) right
 * after a block quote or a paragraph that closes a quotation, and the credit line set under it
 * (`researcher on peer production, Aalto University`). (A line of dialogue opens with a dash too,
 * but follows no quotation.)
 */
export function attributionParagraphs(blocks: readonly RootContent[]): Set<RootContent> {
  const found = new Set<RootContent>();
  blocks.forEach((node, k) => {
    if (node.type !== 'paragraph' || k === 0) return;
    const text = toString(node);
    const before = blocks[k - 1]!;
    const afterQuotation = before.type === 'blockquote' || (before.type === 'paragraph' && CLOSES_QUOTATION.test(toString(before)));
    if ((isAttribution(text) && afterQuotation) || (found.has(before) && isCredit(text))) found.add(node);
  });
  return found;
}

/** A paragraph that ends on a closing quotation mark (after its last punctuation, if any). */
const CLOSES_QUOTATION = /[”"’»]\s*$/u;
