/**
 * A cache on disk for what the build draws in Chromium (diagrams, link-preview images), so that a
 * second build of the same content, such as `npm test`'s sub-path build or `npm start` after
 * `npm test`, does not draw it again. An entry's key is a hash of everything that shapes the output:
 * the input, the versions of the packages that draw it, and the source of the module that does.
 * Set AWS_PATTERNS_BUILD_CACHE=off to draw everything afresh.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { chromiumExecutable } from './browser.ts';

const require = createRequire(import.meta.url);
const root = join(process.cwd(), 'node_modules', '.cache', 'aws-patterns');

/** The version of an installed package, for cache keys (read from its folder: not every package exports its package.json). */
export function packageVersion(name: string): string {
	let dir = dirname(require.resolve(name));
	while (dirname(dir) !== dir) {
		try {
			const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version: string };
			if (manifest.name === name) return manifest.version;
		} catch {
			// no package.json at this level
		}
		dir = dirname(dir);
	}
	throw new Error(`No package.json found for ${name}`);
}

/** The Chromium that draws, as its path and modification time: a new build of it may draw otherwise. */
export function chromiumIdentity(): string {
	const executable = chromiumExecutable();
	if (!executable) return 'playwright-managed';
	try {
		return `${executable}@${statSync(executable).mtimeMs}`;
	} catch {
		return executable;
	}
}

/** A stable hash of source files of this project (paths from the project root), for cache keys. */
export function sourceHash(...files: string[]): string {
	const hash = createHash('sha256');
	for (const file of files) hash.update(file).update('\0').update(readFileSync(join(process.cwd(), file)));
	return hash.digest('hex');
}

/**
 * The cached bytes for `parts` in `kind`, or else those `make()` gives, stored for next time. A read
 * or write that fails (a read-only node_modules, a full disk) only costs the drawing.
 */
export async function cachedBytes(kind: string, parts: unknown[], make: () => Promise<Uint8Array>, dir = root): Promise<Buffer> {
	const enabled = process.env.AWS_PATTERNS_BUILD_CACHE !== 'off';
	const key = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
	const file = join(dir, kind, key);
	if (enabled) {
		try {
			return readFileSync(file);
		} catch {
			// not cached yet
		}
	}
	const bytes = Buffer.from(await make());
	if (enabled) {
		try {
			mkdirSync(join(dir, kind), { recursive: true });
			// Written under another name and renamed, so that a build running beside this one never reads half a file.
			const partial = `${file}.${process.pid}.partial`;
			writeFileSync(partial, bytes);
			renameSync(partial, file);
		} catch {
			// the cache is only a saving
		}
	}
	return bytes;
}
