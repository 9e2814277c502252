// @ts-check
// Expressive Code settings, read by Starlight for Markdown code blocks and by the <Code> component.
import { defineEcConfig } from '@astrojs/starlight/expressive-code';

/**
 * Code is not prose: a Terraform file that names "aws_s3_bucket" forty times must not outrank the
 * S3 page in search. Marks every code block for Pagefind to skip.
 * @returns {import('@astrojs/starlight/expressive-code').ExpressiveCodePlugin}
 */
function leaveCodeOutOfSearch() {
	return {
		name: 'aws-patterns:leave-code-out-of-search',
		hooks: {
			postprocessRenderedBlock: ({ renderData }) => {
				renderData.blockAst.properties = { ...renderData.blockAst.properties, dataPagefindIgnore: 'all' };
			},
		},
	};
}

export default defineEcConfig({
	// Wrapped code never scrolls sideways, so no code block needs to be a focusable region
	// (Expressive Code marks scrolling blocks role="region" without a name, which axe flags).
	// Wrapping is visual only: copy and download give the file's own lines. preserveIndent would
	// add an element to every indented line; site.css gives wrapped lines a hanging indent instead.
	defaultProps: { wrap: true, preserveIndent: false },
	plugins: [leaveCodeOutOfSearch()],
});
