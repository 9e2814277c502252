import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { assertContent } from '../lib/content.ts';
import { closeRenderer } from '../lib/mermaid.ts';
import { closeOgRenderer } from '../lib/og-image.ts';

/**
 * Checks the content as a whole before Astro builds anything, so a broken reference fails
 * `astro build` and `astro dev` with every problem listed by file and field; and closes the
 * browsers that drew the diagrams and the link-preview images when the build is done.
 */
export function contentIntegrity(): AstroIntegration {
	return {
		name: 'aws-patterns:content-integrity',
		hooks: {
			'astro:config:setup': ({ config }) => {
				const root = fileURLToPath(config.root);
				assertContent({ content: `${root}content`, docs: `${root}src/content/docs` }, root);
			},
			'astro:build:done': async () => {
				await Promise.all([closeRenderer(), closeOgRenderer()]);
			},
		},
	};
}
