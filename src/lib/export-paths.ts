/**
 * Where the Markdown exports live, shared by the export itself (markdown-export.ts), the Astro
 * endpoints and the route middleware that links each page to its Markdown version. No imports, so
 * the middleware stays light.
 */

export const defaultSite = 'https://aws-patterns.dev';

function basePrefix(base: string): string {
	const trimmed = base.replace(/\/+$/, '');
	return trimmed === '' ? '' : trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

/** A root-relative path ("/services/lambda/") as an absolute URL under the site and its base; a path already under the base keeps it once. */
export function absoluteUrl(path: string, site: string, base: string): string {
	const prefix = basePrefix(base);
	const full = prefix && (path === prefix || path.startsWith(`${prefix}/`)) ? path : `${prefix}${path}`;
	return new URL(full, site).href;
}

/** The HTML page of a slug, root-relative without the base: "/services/lambda/", "/" for home. */
export function pagePath(slug: string): string {
	return slug ? `/${slug}/` : '/';
}

/** The Markdown export of a slug, root-relative without the base: "/services/lambda.md", "/index.md". */
export function markdownPath(slug: string): string {
	return `/${slug || 'index'}.md`;
}

/** The docs slug of a Starlight entry id ("index" is the home page, ""). */
export function slugOfEntry(entryId: string): string {
	return entryId === 'index' ? '' : entryId;
}

/** `<link rel="alternate" type="text/markdown">` for a docs page, as a Starlight head entry. */
export function markdownAlternate(entryId: string, site: string | URL, base: string) {
	return {
		tag: 'link' as const,
		attrs: { rel: 'alternate', type: 'text/markdown', href: absoluteUrl(markdownPath(slugOfEntry(entryId)), String(site), base) },
	};
}
