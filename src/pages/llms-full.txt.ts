import type { APIRoute } from 'astro';
import { createExportContext, llmsFullTxt } from '../lib/markdown-export';
import { exportOptions } from '../lib/export-site';

/** Every docs page as Markdown in one file, in the order of llms.txt. */
export const GET: APIRoute = () =>
	new Response(llmsFullTxt(createExportContext(exportOptions)), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
