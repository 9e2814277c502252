import type { APIRoute, GetStaticPaths } from 'astro';
import { companionScripts } from '../../../lib/scripts';

/** Each companion script as plain text, byte for byte the file the script tests run. */
export const getStaticPaths = (() =>
	companionScripts().map((script) => ({ params: { name: script.name }, props: { text: script.text } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
	new Response((props as { text: string }).text, { headers: { 'Content-Type': 'text/x-shellscript; charset=utf-8' } });
