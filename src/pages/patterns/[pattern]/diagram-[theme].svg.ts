import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { renderDiagram } from '../../../lib/mermaid';

/**
 * Each pattern's diagram as an SVG file in both themes, for the small pictures on the patterns
 * index: as images they load only when shown, where inline drawings would weigh on the index.
 */
export const getStaticPaths = (async () =>
	(await getCollection('patterns')).flatMap((entry) =>
		(['light', 'dark'] as const).map((theme) => ({ params: { pattern: entry.id, theme }, props: { diagram: entry.data.diagram, theme } }))
	)) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ props }) => {
	const { diagram, theme } = props as { diagram: { mermaid: string; title: string; description: string }; theme: 'light' | 'dark' };
	const rendered = await renderDiagram({ code: diagram.mermaid, title: diagram.title, description: diagram.description });
	return new Response(rendered[theme], { headers: { 'Content-Type': 'image/svg+xml' } });
};
