/**
 * "On this page" highlights the heading being read by observing a set of elements. The site swaps
 * Starlight's selector for src/scripts/toc-targets.ts (see src/plugins/fast-toc.ts): the swap must be
 * in the built script. That it finds exactly the same elements is checked on every page by
 * every-page.spec.ts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { distDir } from './site';

test('the built table-of-contents script uses the replacement, not the selector it replaces', () => {
	const scripts = readdirSync(join(distDir, '_astro')).filter((name) => name.endsWith('.js'));
	const toc = scripts.filter((name) => readFileSync(join(distDir, '_astro', name), 'utf8').includes('customElements.define(`starlight-toc`'));
	expect(toc, 'no built script defines starlight-toc').toHaveLength(1);
	const code = readFileSync(join(distDir, '_astro', toc[0]!), 'utf8');
	expect(code).not.toContain('.sl-heading-wrapper) ~');
	expect(code).toContain('nextElementSibling');
});
