import type { APIRoute, GetStaticPaths } from 'astro';
import { allPatternFiles } from '../../../lib/patterns';

/** Serves every pattern file as plain text, so each can be downloaded exactly as the tests proved it. */
export const getStaticPaths = (() =>
	allPatternFiles().map(({ pattern, file }) => ({
		params: { path: `${pattern}/${file.path}` },
		props: { text: file.text },
	}))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
	new Response((props as { text: string }).text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
