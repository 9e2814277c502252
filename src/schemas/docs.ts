import { z } from 'astro/zod';
import { ServiceSchema } from './service.ts';

/** Fields this site adds to Starlight's docs frontmatter. */
export const DocsExtensionSchema = z.object({
	description: z
		.string()
		.min(50, 'a description is one sentence of about 150 characters naming the outcome')
		.max(200)
		.describe('Meta description and link-preview text.'),
	service: ServiceSchema.optional().describe('Present on service pages only.'),
	lastVerified: z.coerce
		.date({ error: 'a date in YYYY-MM-DD form is required' })
		.describe('When a person last checked the whole page against its sources (YYYY-MM-DD).'),
});

export type DocsExtension = z.output<typeof DocsExtensionSchema>;
