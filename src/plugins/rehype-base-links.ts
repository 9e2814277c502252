/**
 * Pages link to each other root-relative ("/services/lambda/"), which breaks when the site is hosted
 * under a sub-path. This rehype plugin prefixes Astro's `base` to every root-relative href, in
 * Markdown links, raw <a> elements and component props (LinkCard href), at build time.
 */
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

/** "/services/" under base "/docs" -> "/docs/services/"; other links are left alone. */
export function withBase(href: string, base: string): string {
	const prefix = base.replace(/\/$/, '');
	if (!prefix || !href.startsWith('/') || href.startsWith('//')) return href;
	if (href === prefix || href.startsWith(`${prefix}/`)) return href;
	return `${prefix}${href}`;
}

interface MdxJsxAttribute {
	type: 'mdxJsxAttribute';
	name: string;
	value?: unknown;
}

export function rehypeBaseLinks(options: { base: string }) {
	return (tree: Root) => {
		visit(tree, (node) => {
			if (node.type === 'element' && node.tagName === 'a' && typeof node.properties?.href === 'string') {
				node.properties.href = withBase(node.properties.href, options.base);
			}
			const attributes = (node as { attributes?: MdxJsxAttribute[] }).attributes;
			if ((node.type as string).startsWith('mdxJsx') && Array.isArray(attributes)) {
				for (const attribute of attributes) {
					if (attribute.type === 'mdxJsxAttribute' && attribute.name === 'href' && typeof attribute.value === 'string') {
						attribute.value = withBase(attribute.value, options.base);
					}
				}
			}
		});
	};
}
