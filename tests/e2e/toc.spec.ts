/**
 * "On this page" highlights the heading being read by observing a set of elements. The site swaps
 * Starlight's selector for src/scripts/toc-targets.ts (see src/plugins/fast-toc.ts), which must find
 * exactly the same elements, and the swap must be in the built script.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { tocTargets } from '../../src/scripts/toc-targets';
import { distDir, sitemapPaths } from './site';

test('the built table-of-contents script uses the replacement, not the selector it replaces', () => {
	const scripts = readdirSync(join(distDir, '_astro')).filter((name) => name.endsWith('.js'));
	const toc = scripts.filter((name) => readFileSync(join(distDir, '_astro', name), 'utf8').includes('customElements.define(`starlight-toc`'));
	expect(toc, 'no built script defines starlight-toc').toHaveLength(1);
	const code = readFileSync(join(distDir, '_astro', toc[0]!), 'utf8');
	expect(code).not.toContain('.sl-heading-wrapper) ~');
	expect(code).toContain('nextElementSibling');
});

for (const path of sitemapPaths()) {
	test(`${path}: the table of contents observes the same elements as Starlight's selector`, async ({ page }) => {
		await page.goto(path);
		const toc = page.locator('starlight-toc');
		if ((await toc.count()) === 0) {
			// Splash pages (the home page) have no table of contents.
			expect(path).toBe('/');
			return;
		}
		const [minH, maxH] = await Promise.all([toc.getAttribute('data-min-h'), toc.getAttribute('data-max-h')]);
		const levels = Array.from({ length: 1 + Number(maxH) - Number(minH) }, (_, i) => `h${Number(minH) + i}`);
		const headings = `h1#_top,:where(${levels.join()})[id]`;
		// The selector of Starlight 0.42's starlight-toc.ts, written out here as the reference.
		const reference = [
			`main :where(${headings})`,
			`main :where(${headings}, .sl-heading-wrapper) ~ *:not(:has(${headings}))`,
			`main .sl-markdown-content > *:not(:has(${headings}))`,
			`main > *:not(:has(${headings}))`,
		].join();
		await page.addScriptTag({ content: `window.__tocTargets = ${tocTargets.toString()};` });
		const result = await page.evaluate(
			({ headings, reference }) => {
				const find = (window as unknown as { __tocTargets: (h: string) => Element[] }).__tocTargets;
				const ours = new Set(find(headings));
				const theirs = new Set(document.querySelectorAll(reference));
				const describe = (e: Element) => `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ''}.${[...e.classList].join('.')}`;
				return {
					count: theirs.size,
					missing: [...theirs].filter((e) => !ours.has(e)).map(describe),
					extra: [...ours].filter((e) => !theirs.has(e)).map(describe),
				};
			},
			{ headings, reference },
		);
		expect(result.missing).toEqual([]);
		expect(result.extra).toEqual([]);
		expect(result.count).toBeGreaterThan(0);
	});
}
