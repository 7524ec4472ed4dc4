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
    const before = blocks[k - 1]!;
    // (only a paragraph that opens with a dash, or follows one found, is read whole: both editions ask of every paragraph)
    const first = node.children[0];
    if (!found.has(before) && !(first?.type === 'text' && OPENS_WITH_DASH.test(first.value))) return;
    const text = toString(node);
    const afterQuotation = before.type === 'blockquote' || (before.type === 'paragraph' && CLOSES_QUOTATION.test(toString(before)));
    if ((isAttribution(text) && afterQuotation) || (found.has(before) && isCredit(text))) found.add(node);
  });
  return found;
}

const OPENS_WITH_DASH = /^\s*(?:[—―–]|--)/u;

/** A paragraph that ends on a closing quotation mark (after its last punctuation, if any). */
const CLOSES_QUOTATION = /[”"’»]\s*$/u;
