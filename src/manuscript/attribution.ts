/** Which paragraphs attribute a quotation, read alike by both editions. */
import type { RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { isAttribution, isCredit } from '../text/sentence.js';

/**
 * The paragraphs among `blocks` that attribute a quotation: the dashed name (`— CINDY KOHTALA`), and
 * the credit line set under it (`researcher on peer production, Aalto University`).
 */
export function attributionParagraphs(blocks: readonly RootContent[]): Set<RootContent> {
  const found = new Set<RootContent>();
  blocks.forEach((node, k) => {
    if (node.type !== 'paragraph') return;
    const text = toString(node);
    if (isAttribution(text) || (k > 0 && found.has(blocks[k - 1]!) && isCredit(text))) found.add(node);
  });
  return found;
}
