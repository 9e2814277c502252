/**
 * The zip a reader downloads for one variant of a pattern: the variant's folder, plus the shared
 * function code in src/ and GitHub workflows in .github/ when the pattern has them, laid out as in
 * the repository so relative paths (such as CDK's `../../src`) keep working after unzipping.
 */
import { zipSync, strToU8, type Zippable } from 'fflate';
import { patternFiles, sharedFolders, type PatternFile } from './patterns.ts';
import type { IacVariant } from '../schemas/pattern.ts';

export function variantArchiveFiles(pattern: string, variant: IacVariant, root?: string): PatternFile[] {
	const files = patternFiles(pattern, variant, root);
	// Function code and workflows the variants share; a pattern without them stands alone.
	const shared = sharedFolders.flatMap((folder) => {
		try {
			return patternFiles(pattern, folder, root);
		} catch {
			return [];
		}
	});
	return [...files, ...shared];
}

/** A deterministic zip (fixed timestamps) of `<pattern>/<path>` entries. */
export function zipVariant(pattern: string, variant: IacVariant, root?: string): Uint8Array {
	const mtime = new Date('2026-01-01T00:00:00Z');
	const entries: Zippable = Object.fromEntries(
		variantArchiveFiles(pattern, variant, root).map((file): [string, Zippable[string]] => [`${pattern}/${file.path}`, [strToU8(file.text), { mtime }]])
	);
	return zipSync(entries, { level: 9 });
}
