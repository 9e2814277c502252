import type { APIRoute, GetStaticPaths } from 'astro';
import { allPatternFiles, iacKinds, kindDir } from '../../../lib/patterns';

/** Serves every pattern and snippet file as plain text, so each can be downloaded exactly as the tests proved it. */
export const getStaticPaths = (() =>
	iacKinds.flatMap((kind) =>
		allPatternFiles(kindDir(kind)).map(({ pattern, file }) => ({
			params: { kind, path: `${pattern}/${file.path}` },
			props: { text: file.text },
		}))
	)) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
	new Response((props as { text: string }).text, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
