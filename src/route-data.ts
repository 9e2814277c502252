/**
 * Starlight route middleware: changes each page's route data before it renders.
 * Adds the link-preview image and Twitter tags (src/lib/og-meta.ts) to every docs page, and puts
 * the site's base path in front of the home page's hero links, follows renamed anchors, and lists
 * the services index's categories, the decision guides' groups and the patterns' groups in their
 * tables of contents.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { previewTags } from './lib/og-meta';
import { withBase } from './plugins/rehype-base-links';
import { readRedirects } from './lib/url-manifest';
import { markdownAlternate } from './lib/export-paths';
import { servicesById } from './lib/site-data';
import { categoryLabel } from './lib/sidebar';
import { serviceCategories } from './schemas/service';
import { getCollection } from 'astro:content';
import { groupGuides } from './lib/decision-tree';
import { codePageOf } from './lib/patterns';
import { patternCategories, patternCategoryLabels } from './schemas/pattern';

const { anchors } = readRedirects();

export const onRequest = defineRouteMiddleware(async (context) => {
	const route = context.locals.starlightRoute;
	// Hero buttons link root-relative in frontmatter, out of reach of the Markdown plugins.
	for (const action of route.entry.data.hero?.actions ?? []) action.link = withBase(action.link, import.meta.env.BASE_URL);
	// The 404 page is not a docs entry and has no preview image.
	if (route.entry.id === '404' || !context.site) return;
	const description = route.entry.data.description ?? '';
	const path = `/${route.entry.id === 'index' ? '' : `${route.entry.id}/`}`;
	const moved = Object.fromEntries(
		Object.entries(anchors)
			.filter(([from]) => from.startsWith(`${path}#`))
			.map(([from, to]) => [from.slice(path.length + 1), to])
	);
	if (Object.keys(moved).length > 0) {
		// An old #anchor from content/urls/redirects.yaml: jump to the heading's new id.
		route.head.push({
			tag: 'script',
			content: `(()=>{const m=${JSON.stringify(moved)};const to=m[decodeURIComponent(location.hash.slice(1))];if(to)location.replace('#'+to)})()`,
		});
	}
	// The services index's category headings come from <ServiceList>, whose output Starlight's
	// table of contents never sees: list them there, as a long index needs.
	if (route.entry.id === 'services' && route.toc) {
		const present = new Set([...(await servicesById()).values()].map((service) => service.category));
		const categories = serviceCategories.filter((category) => present.has(category));
		route.toc.items.push(...categories.map((category) => ({ depth: 2, slug: category, text: categoryLabel(category), children: [] })));
	}
	// Likewise the decision guides' groups, from <DecisionGuideList>.
	if (route.entry.id === 'decisions' && route.toc) {
		const groups = groupGuides(await getCollection('decisions'), (tree) => tree.data.group);
		route.toc.items.push(...groups.map(({ group, label }) => ({ depth: 2, slug: group, text: label, children: [] })));
	}
	// A variant's code page (src/pages/patterns/[pattern]/[variant].astro) shares its pattern's preview
	// image; the pattern's Markdown version is where its code is for programs.
	const code = codePageOf(route.entry.id);
	const entryId = code ? `patterns/${code.pattern}` : route.entry.id;
	// And the patterns index's groups, from <PatternGallery>.
	if (route.entry.id === 'patterns' && route.toc) {
		const present = new Set((await getCollection('patterns')).map((pattern) => pattern.data.category));
		route.toc.items.push(...patternCategories.filter((category) => present.has(category)).map((category) => ({ depth: 2, slug: category, text: patternCategoryLabels[category], children: [] })));
	}
	// Every docs page has a Markdown version (src/pages/[...slug].md.ts) for programs and agents.
	route.head.push(markdownAlternate(entryId, context.site, import.meta.env.BASE_URL));
	route.head.push(...previewTags({ entryId, title: route.entry.data.title, description }, context.site, import.meta.env.BASE_URL));
});
