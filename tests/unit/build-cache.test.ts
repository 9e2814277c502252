import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test, vi } from 'vitest';
import { cachedBytes, packageVersion } from '../../src/lib/build-cache';

const dir = mkdtempSync(join(tmpdir(), 'build-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const draw = (text: string) => vi.fn(async () => new TextEncoder().encode(text));

test('draws once, then answers from the cache for the same key, and draws again for another', async () => {
	vi.stubEnv('AWS_PATTERNS_BUILD_CACHE', 'on');
	const first = draw('first');
	expect((await cachedBytes('kind', ['a', 1], first, dir)).toString()).toBe('first');
	const again = draw('not used');
	expect((await cachedBytes('kind', ['a', 1], again, dir)).toString()).toBe('first');
	expect(again).not.toHaveBeenCalled();
	const other = draw('other');
	expect((await cachedBytes('kind', ['a', 2], other, dir)).toString()).toBe('other');
	expect(other).toHaveBeenCalledOnce();
	expect(readdirSync(join(dir, 'kind'))).toHaveLength(2); // no partial file left behind
	vi.unstubAllEnvs();
});

test('AWS_PATTERNS_BUILD_CACHE=off draws every time and stores nothing', async () => {
	vi.stubEnv('AWS_PATTERNS_BUILD_CACHE', 'off');
	const fresh = draw('fresh');
	expect((await cachedBytes('off-kind', ['a', 1], fresh, dir)).toString()).toBe('fresh');
	expect((await cachedBytes('off-kind', ['a', 1], fresh, dir)).toString()).toBe('fresh');
	expect(fresh).toHaveBeenCalledTimes(2);
	expect(readdirSync(dir)).not.toContain('off-kind');
	vi.unstubAllEnvs();
});

test('reads the versions of the packages that draw, including one that does not export its package.json', () => {
	for (const name of ['mermaid', 'svgo', 'playwright-core']) expect(packageVersion(name)).toMatch(/^\d+\.\d+\.\d+/);
});
