import type { APIRoute, GetStaticPaths } from 'astro';
import { zipVariant } from '../../../../lib/archive';
import { folderIds, iacKinds, iacVariants, kindDir, type IacKind } from '../../../../lib/patterns';

/** One zip per pattern (or snippet) and IaC variant, built from the same files the tests prove. */
export const getStaticPaths = (() =>
	iacKinds.flatMap((kind) =>
		folderIds(kindDir(kind)).flatMap((pattern) => iacVariants.map((variant) => ({ params: { kind, pattern, variant } })))
	)) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) =>
	new Response(
		Buffer.from(zipVariant(params.pattern!, params.variant as (typeof iacVariants)[number], kindDir(params.kind as IacKind))),
		{ headers: { 'Content-Type': 'application/zip' } }
	);
