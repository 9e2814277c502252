import { z } from 'astro/zod';

const isoDate = z.coerce.date({ error: 'a date in YYYY-MM-DD form is required' });
const httpsUrl = z.url({ protocol: /^https$/, error: 'a source is an https:// URL' });

/** One tool or library the site recommends, with the newest release found and where it was read. */
export const ToolVersionSchema = z
	.object({
		id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a tool id is kebab-case, for example aws-cdk-lib'),
		name: z.string().min(1).describe('The name a reader looks for: "AWS CDK library (aws-cdk-lib)".'),
		version: z
			.string()
			.regex(/^\d+\.\d+\.\d+$/, 'a version is MAJOR.MINOR.PATCH, for example 2.276.0 (quote it in YAML)')
			.describe('The newest release found in the source.'),
		released: isoDate.optional().describe('Date of that release (YYYY-MM-DD); omit it when no source gives one.'),
		source: httpsUrl.describe('The page or registry entry the version was read from.'),
		checked: isoDate.describe('When the version was last read from its source (YYYY-MM-DD).'),
		note: z.string().min(1).optional().describe('Caveat shown under the name: a third-party source, a stale snapshot.'),
	})
	.strict();

/** content/tools/versions.yaml: every tool, each id once. */
export const ToolVersionListSchema = z
	.object({
		tools: z
			.array(ToolVersionSchema)
			.min(1)
			.superRefine((tools, ctx) => {
				const seen = new Set<string>();
				tools.forEach((tool, i) => {
					if (seen.has(tool.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `the id "${tool.id}" is listed twice` });
					seen.add(tool.id);
				});
			}),
	})
	.strict();

export type ToolVersionInput = z.input<typeof ToolVersionSchema>;
export type ToolVersion = z.output<typeof ToolVersionSchema>;
export type ToolVersionList = z.output<typeof ToolVersionListSchema>;

/**
 * Validates parsed YAML and throws one error that names the file and every bad field, the way the
 * content check reports problems ("content/tools/versions.yaml: tools.2.source: …").
 */
export function parseToolVersions(data: unknown, file: string): ToolVersionList {
	const result = ToolVersionListSchema.safeParse(data);
	if (result.success) return result.data;
	const lines = result.error.issues.map((issue) => `${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
	throw new Error(`Tool versions are invalid:\n${lines.map((line) => `  - ${line}`).join('\n')}`);
}
