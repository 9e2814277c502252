import type { APIRoute } from 'astro';
import { createExportContext, llmsTxt } from '../lib/markdown-export';
import { exportOptions } from '../lib/export-site';

/** The llmstxt.org index of the site: every docs page's Markdown version, by sidebar section. */
export const GET: APIRoute = () =>
	new Response(llmsTxt(createExportContext(exportOptions)), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
