import type { APIRoute, GetStaticPaths } from 'astro';
import { createExportContext, pageMarkdown } from '../lib/markdown-export';
import { exportOptions } from '../lib/export-site';

/** Each docs page as Markdown at /<slug>.md (the home page at /index.md), converted once per build. */
export const getStaticPaths = (() => {
	const ctx = createExportContext(exportOptions);
	return ctx.pages.map((page) => ({ params: { slug: page.slug || 'index' }, props: { markdown: pageMarkdown(page, ctx) } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
	new Response((props as { markdown: string }).markdown, { headers: { 'Content-Type': 'text/markdown; charset=utf-8' } });
