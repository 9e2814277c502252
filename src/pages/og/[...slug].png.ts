import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { categoryOf } from '../../lib/page-category';
import { renderOgImage, type OgCard } from '../../lib/og-image';
import { ogImageSlug } from '../../lib/og-meta';

/** A link-preview image for every docs page, at /og/<page slug>.png (the home page: /og/index.png). */
export const getStaticPaths = (async () => {
	const site = new URL(import.meta.env.SITE ?? 'https://aws-patterns.dev');
	const base = import.meta.env.BASE_URL.replace(/\/$/, '');
	return (await getCollection('docs')).map((entry) => {
		const path = entry.id === 'index' ? '/' : `/${entry.id}/`;
		const card: OgCard = {
			title: entry.data.title,
			description: entry.data.description ?? '',
			category: categoryOf(entry.id === 'index' ? '' : entry.id),
			address: `${site.host}${base}${path}`,
		};
		return { params: { slug: ogImageSlug(entry.id) }, props: { card } };
	});
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) =>
	new Response(new Uint8Array(await renderOgImage((props as { card: OgCard }).card)), { headers: { 'Content-Type': 'image/png' } });
