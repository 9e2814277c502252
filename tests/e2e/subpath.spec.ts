/**
 * The site hosted under a sub-path: `npm run build:subpath` builds it with BASE_PATH=/aws-patterns/
 * into dist-subpath/ (scripts/test.mjs does this before the end-to-end tests). Every link, script,
 * stylesheet, image and preview URL in every page must stay under the sub-path and lead to a file
 * the build wrote.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const dist = join(process.cwd(), 'dist-subpath');
const base = '/aws-patterns/';
const site = 'https://example.org';

function htmlFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return htmlFiles(path);
		return name.endsWith('.html') ? [path] : [];
	});
}

function resolves(pathname: string): boolean {
	const local = decodeURIComponent(pathname.slice(base.length - 1));
	const file = join(dist, local);
	return (existsSync(file) && statSync(file).isFile()) || existsSync(join(file, 'index.html'));
}

test('every page built under a sub-path links only inside it, to files that exist', () => {
	expect(existsSync(dist), 'dist-subpath/ is missing: run `npm run build:subpath`').toBe(true);
	const files = htmlFiles(dist);
	expect(files.length).toBeGreaterThan(50);
	const problems: string[] = [];
	let checked = 0;
	for (const file of files) {
		const html = readFileSync(file, 'utf8');
		const page = file.slice(dist.length);
		const urls = [...html.matchAll(/\s(?:href|src|content)="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
		for (const raw of urls) {
			let url: URL;
			if (raw.startsWith('/') && !raw.startsWith('//')) url = new URL(raw, site);
			else if (raw.startsWith(site)) url = new URL(raw);
			else continue;
			// Starlight gives the 404 page a canonical URL of its own, which by design is not a page.
			if (page === '/404.html' && url.pathname === `${base}404/`) continue;
			checked++;
			if (!url.pathname.startsWith(base)) problems.push(`${page}: ${raw} is outside ${base}`);
			else if (!resolves(url.pathname)) problems.push(`${page}: ${raw} leads to no file`);
		}
	}
	expect(checked).toBeGreaterThan(1000);
	expect(problems.slice(0, 30)).toEqual([]);
});

test('the search index, canonical links and preview images carry the sub-path', () => {
	const lambda = readFileSync(join(dist, 'services', 'lambda', 'index.html'), 'utf8');
	expect(lambda).toContain(`<link rel="canonical" href="${site}${base}services/lambda/"`);
	expect(lambda).toContain(`content="${site}${base}og/services/lambda.png"`);
	expect(existsSync(join(dist, 'pagefind', 'pagefind.js'))).toBe(true);
	expect(readFileSync(join(dist, 'sitemap-0.xml'), 'utf8')).toContain(`<loc>${site}${base}services/lambda/</loc>`);
});
