/**
 * Links into the site must keep working: the built site publishes every page and heading anchor in
 * content/urls/published.json, or redirects it as content/urls/redirects.yaml declares.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { compareManifest, readManifest, readRedirects, scanDist } from '../../src/lib/url-manifest';
import { distDir } from './site';

test('every published URL and heading anchor still resolves, or is redirected', () => {
	const manifest = readManifest();
	expect(Object.keys(manifest).length, 'content/urls/published.json is empty: run `npm run update:urls`').toBeGreaterThan(0);
	expect(compareManifest(manifest, scanDist(distDir), readRedirects())).toEqual([]);
});

test('every declared page redirect is built and leads to its target', async ({ request }) => {
	for (const [from, to] of Object.entries(readRedirects().pages)) {
		expect(existsSync(join(distDir, from, 'index.html')), `${from} has no redirect page`).toBe(true);
		const html = readFileSync(join(distDir, from, 'index.html'), 'utf8');
		expect(html).toContain(to);
		const response = await request.get(to);
		expect(response.status(), `${from} -> ${to}`).toBe(200);
	}
});
