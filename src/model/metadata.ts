import { parse as parseYaml } from 'yaml';
import type { BookMetadata, ChangeEntry } from './book.js';

/** A problem with a metadata file, phrased for the editor who wrote it. */
export class MetadataError extends Error {
  constructor(readonly field: string, problem: string) {
    super(`metadata field \`${field}\`: ${problem}`);
    this.name = 'MetadataError';
  }
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function requireString(data: Record<string, unknown>, field: string): string {
  const value = data[field];
  if (typeof value !== 'string' || value.trim() === '') throw new MetadataError(field, 'is required and must be non-empty text');
  return value.trim();
}

function optionalString(data: Record<string, unknown>, field: string): string | undefined {
  const value = data[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new MetadataError(field, 'must be text');
  return value.trim();
}

function dateString(data: Record<string, unknown>, field: string): string {
  const value = data[field];
  // YAML turns an unquoted 2021-01-01 into a Date; accept both spellings.
  const text = value instanceof Date ? value.toISOString().slice(0, 10) : value;
  if (typeof text !== 'string' || !ISO_DATE.test(text)) throw new MetadataError(field, 'must be a date written YYYY-MM-DD');
  // 2020-13-45 has the form but names no day: the editions could not date themselves.
  const day = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== text) throw new MetadataError(field, `must be a real calendar date (${text} is none)`);
  return text;
}

/** Validates plain data (from YAML or front matter) into BookMetadata, naming the first bad field. */
export function validateMetadata(input: unknown): BookMetadata {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new MetadataError('(root)', 'must be a mapping of fields');
  const data = input as Record<string, unknown>;
  const edition = data.edition ?? 1;
  if (typeof edition !== 'number' || !Number.isInteger(edition) || edition < 1) throw new MetadataError('edition', 'must be a whole number from 1');
  const rawChanges = data.changes ?? [];
  if (!Array.isArray(rawChanges)) throw new MetadataError('changes', 'must be a list of { date, note }');
  const changes: ChangeEntry[] = rawChanges.map((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null) throw new MetadataError(`changes[${i}]`, 'must be { date, note }');
    const e = entry as Record<string, unknown>;
    return { date: dateString(e, 'date'), note: requireString(e, 'note') };
  });
  let trim: BookMetadata['trim'];
  if (data.trim !== undefined) {
    const t = data.trim as Record<string, unknown>;
    if (typeof t !== 'object' || t === null || typeof t.width !== 'number' || typeof t.height !== 'number' || t.width < 144 || t.height < 144) {
      throw new MetadataError('trim', 'must be { width, height } in points, each at least 144');
    }
    trim = { width: t.width, height: t.height };
  }
  const subjects = data.subjects;
  if (subjects !== undefined && (!Array.isArray(subjects) || !subjects.every((s) => typeof s === 'string'))) {
    throw new MetadataError('subjects', 'must be a list of text');
  }
  const language = requireString(data, 'language');
  if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(language)) throw new MetadataError('language', 'must be a BCP 47 tag such as `en` or `en-GB`');
  const metadata: BookMetadata = {
    title: requireString(data, 'title'),
    author: requireString(data, 'author'),
    language,
    date: dateString(data, 'date'),
    publisher: requireString(data, 'publisher'),
    rights: requireString(data, 'rights'),
    identifier: requireString(data, 'identifier'),
    edition,
    changes,
  };
  const subtitle = optionalString(data, 'subtitle');
  if (subtitle) metadata.subtitle = subtitle;
  const fileAs = optionalString(data, 'authorFileAs');
  if (fileAs) metadata.authorFileAs = fileAs;
  const description = optionalString(data, 'description');
  if (description) metadata.description = description;
  const pageSource = optionalString(data, 'pageSource');
  if (pageSource) metadata.pageSource = pageSource;
  if (subjects) metadata.subjects = subjects as string[];
  if (trim) metadata.trim = trim;
  if (typeof data.chaptersOnRecto === 'boolean') metadata.chaptersOnRecto = data.chaptersOnRecto;
  return metadata;
}

export function parseMetadataYaml(text: string): BookMetadata {
  return validateMetadata(parseYaml(text));
}

/**
 * The build's source date: SOURCE_DATE_EPOCH (seconds) where given, else the newest date the
 * metadata names. Every date an edition embeds comes from it, so builds are reproducible.
 */
export function buildDate(metadata: BookMetadata, sourceDateEpoch: string | undefined): Date {
  if (sourceDateEpoch && /^\d+$/.test(sourceDateEpoch)) return new Date(Number(sourceDateEpoch) * 1000);
  const newest = [metadata.date, ...metadata.changes.map((c) => c.date)].sort().pop()!;
  return new Date(`${newest}T00:00:00Z`);
}
