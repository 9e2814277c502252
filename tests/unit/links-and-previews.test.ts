import { describe, expect, it } from 'vitest';
import { cardHtml, titleSize } from '../../src/lib/og-image';
import { ogImageSlug, ogImageUrl, previewTags } from '../../src/lib/og-meta';
import { withBase } from '../../src/plugins/rehype-base-links';
import { rehypeBaseLinks } from '../../src/plugins/rehype-base-links';

describe('withBase', () => {
	it.each([
		['/services/lambda/', '/', '/services/lambda/'],
		['/services/lambda/', '/docs', '/docs/services/lambda/'],
		['/services/lambda/#cost-model', '/docs/', '/docs/services/lambda/#cost-model'],
		['/docs/services/', '/docs/', '/docs/services/'],
		['/docsx/', '/docs/', '/docs/docsx/'],
		['//cdn.example.com/x', '/docs/', '//cdn.example.com/x'],
		['https://aws.amazon.com/', '/docs/', 'https://aws.amazon.com/'],
		['#anchor', '/docs/', '#anchor'],
		['../relative/', '/docs/', '../relative/'],
	])('%s under base %s is %s', (href, base, expected) => {
		expect(withBase(href, base)).toBe(expected);
	});

	it('rewrites Markdown links, raw anchors and component href props in the tree', () => {
		const tree = {
			type: 'root',
			children: [
				{ type: 'element', tagName: 'a', properties: { href: '/patterns/' }, children: [] },
				{ type: 'mdxJsxFlowElement', name: 'LinkCard', attributes: [{ type: 'mdxJsxAttribute', name: 'href', value: '/decisions/' }, { type: 'mdxJsxAttribute', name: 'title', value: '/not-a-link/' }], children: [] },
			],
		};
		rehypeBaseLinks({ base: '/sub/' })(tree as never);
		expect((tree.children[0] as { properties: { href: string } }).properties.href).toBe('/sub/patterns/');
		const attrs = (tree.children[1] as { attributes: Array<{ value: string }> }).attributes;
		expect(attrs.map((a) => a.value)).toEqual(['/sub/decisions/', '/not-a-link/']);
	});
});

describe('link previews', () => {
	it('names each page\'s image after its slug, under the base path', () => {
		expect(ogImageSlug('index')).toBe('index');
		expect(ogImageSlug('services')).toBe('services');
		expect(ogImageUrl('services/lambda', 'https://example.org', '/')).toBe('https://example.org/og/services/lambda.png');
		expect(ogImageUrl('index', 'https://example.org', '/docs/')).toBe('https://example.org/docs/og/index.png');
	});

	it('writes the Open Graph image and Twitter tags', () => {
		const tags = previewTags({ entryId: 'services/sqs', title: 'Amazon SQS', description: 'Queues.' }, 'https://example.org', '/');
		const byKey = Object.fromEntries(tags.map((t) => [t.attrs.property ?? t.attrs.name, t.attrs.content]));
		expect(byKey).toMatchObject({
			'og:image': 'https://example.org/og/services/sqs.png',
			'og:image:width': '1200',
			'og:image:height': '630',
			'twitter:image': 'https://example.org/og/services/sqs.png',
			'twitter:title': 'Amazon SQS',
			'twitter:description': 'Queues.',
		});
	});

	it('escapes page text in the card and shrinks long titles', () => {
		const html = cardHtml({ title: '<script>alert(1)</script>', description: 'a & b', category: 'Service', address: 'x' }, '<svg/>');
		expect(html).not.toContain('<script>alert');
		expect(html).toContain('&lt;script&gt;');
		expect(html).toContain('a &amp; b');
		expect(titleSize('Short')).toBeGreaterThan(titleSize('A much longer title that needs to wrap over more than two lines of the card'));
	});
});
