/**
 * The link-preview tags every page carries: Starlight already writes og:title, og:description,
 * og:url, og:type, og:site_name and twitter:card (summary_large_image); these add the image drawn
 * for the page (src/pages/og/) and the Twitter title and description.
 */
import { ogImageSize } from './og-image.ts';

export interface HeadTag {
	tag: 'meta';
	attrs: Record<string, string>;
}

/** "services/lambda" -> "services/lambda"; the home page ("index" or "") -> "index". */
export function ogImageSlug(entryId: string): string {
	return entryId === '' || entryId === 'index' ? 'index' : entryId.replace(/\/index$/, '');
}

export function ogImageUrl(entryId: string, site: URL | string, base: string): string {
	return new URL(`${base.replace(/\/$/, '')}/og/${ogImageSlug(entryId)}.png`, site).href;
}

export function previewTags(page: { entryId: string; title: string; description: string }, site: URL | string, base: string): HeadTag[] {
	const image = ogImageUrl(page.entryId, site, base);
	const alt = `${page.title}: AWS Patterns`;
	return [
		{ tag: 'meta', attrs: { property: 'og:image', content: image } },
		{ tag: 'meta', attrs: { property: 'og:image:type', content: 'image/png' } },
		{ tag: 'meta', attrs: { property: 'og:image:width', content: String(ogImageSize.width) } },
		{ tag: 'meta', attrs: { property: 'og:image:height', content: String(ogImageSize.height) } },
		{ tag: 'meta', attrs: { property: 'og:image:alt', content: alt } },
		{ tag: 'meta', attrs: { name: 'twitter:title', content: page.title } },
		{ tag: 'meta', attrs: { name: 'twitter:description', content: page.description } },
		{ tag: 'meta', attrs: { name: 'twitter:image', content: image } },
		{ tag: 'meta', attrs: { name: 'twitter:image:alt', content: alt } },
	];
}
