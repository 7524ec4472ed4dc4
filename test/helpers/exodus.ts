import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Report } from '../../src/diagnostics/diagnostic.js';
import { parseMetadataYaml } from '../../src/model/metadata.js';
import { buildManuscript, type ManuscriptBuild } from '../../src/pipeline.js';

export const EXODUS_RAW = fileURLToPath(new URL('../../manuscript/exodus.raw.md', import.meta.url));
export const EXODUS_META = fileURLToPath(new URL('../../manuscript/exodus.meta.yaml', import.meta.url));

let cached: ManuscriptBuild | undefined;

/** The real book through ingest → order → repair → manuscript, built once per test process. */
export function exodusBuild(): ManuscriptBuild {
  cached ??= buildManuscript(
    { raw: readFileSync(EXODUS_RAW, 'utf8'), metadata: parseMetadataYaml(readFileSync(EXODUS_META, 'utf8')), sourceFile: EXODUS_RAW, sourceDate: new Date('2026-11-26T00:00:00Z') },
    new Report(),
  );
  return cached;
}
