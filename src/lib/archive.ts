/**
 * The zip a reader downloads for one variant of a pattern: the variant's folder, plus the folders
 * every variant uses (function code in src/, a state machine definition, manifests), laid out as in
 * the repository so relative paths (such as CDK's `../../src`) keep working after unzipping.
 */
import { zipSync, strToU8, type Zippable } from 'fflate';
import { patternFiles, sharedFolders, type PatternFile } from './patterns.ts';
import type { IacVariant } from '../schemas/pattern.ts';

export function variantArchiveFiles(pattern: string, variant: IacVariant, root?: string): PatternFile[] {
	return [...patternFiles(pattern, variant, root), ...sharedFolders(pattern, root).flatMap((folder) => patternFiles(pattern, folder, root))];
}

/** A deterministic zip (fixed timestamps) of `<pattern>/<path>` entries. */
export function zipVariant(pattern: string, variant: IacVariant, root?: string): Uint8Array {
	const mtime = new Date('2026-01-01T00:00:00Z');
	const entries: Zippable = Object.fromEntries(
		variantArchiveFiles(pattern, variant, root).map((file): [string, Zippable[string]] => [`${pattern}/${file.path}`, [strToU8(file.text), { mtime }]])
	);
	return zipSync(entries, { level: 9 });
}
