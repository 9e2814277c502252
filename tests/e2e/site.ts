/** Shared helpers for the end-to-end tests: the built site's pages, read from its sitemap. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const distDir = join(process.cwd(), 'dist');

/** Every page path the sitemap publishes, for example "/services/lambda/". */
export function sitemapPaths(): string[] {
	const files = readdirSync(distDir).filter((name) => /^sitemap-\d+\.xml$/.test(name));
	if (files.length === 0) throw new Error('dist/ has no sitemap: run `npm run build` first.');
	const paths = files.flatMap((name) =>
		[...readFileSync(join(distDir, name), 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname)
	);
	return [...new Set(paths)].sort();
}

/** One page of each kind, for the checks that are too slow to run on every page. */
export const pageTypes = {
	home: '/',
	'section index': '/services/',
	service: '/services/lambda/',
	'decision guide': '/decisions/compute/',
	pattern: '/patterns/serverless-rest-api/',
	guide: '/iac/',
} as const;
