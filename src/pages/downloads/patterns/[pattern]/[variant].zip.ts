import type { APIRoute, GetStaticPaths } from 'astro';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { zipVariant } from '../../../../lib/archive';
import { iacVariants, patternsDir } from '../../../../lib/patterns';

/** One zip per pattern and IaC variant, built from the same files the tests prove. */
export const getStaticPaths = (() =>
	readdirSync(patternsDir)
		.filter((pattern) => statSync(join(patternsDir, pattern)).isDirectory())
		.flatMap((pattern) => iacVariants.map((variant) => ({ params: { pattern, variant } })))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
	new Response(Buffer.from(zipVariant(params.pattern!, params.variant as (typeof iacVariants)[number])), {
		headers: { 'Content-Type': 'application/zip' },
	});
