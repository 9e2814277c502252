import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { DocsExtensionSchema } from './schemas/docs';
import { PriceListSchema } from './schemas/pricing';
import { DecisionTreeSchema } from './schemas/decision';
import { PatternSchema } from './schemas/pattern';
import { SnippetSchema } from './schemas/snippet';

export const collections = {
	docs: defineCollection({ loader: docsLoader(), schema: docsSchema({ extend: DocsExtensionSchema }) }),
	pricing: defineCollection({
		loader: glob({ pattern: '*.yaml', base: './content/pricing' }),
		schema: PriceListSchema,
	}),
	decisions: defineCollection({
		loader: glob({ pattern: '*.yaml', base: './content/decisions' }),
		schema: DecisionTreeSchema,
	}),
	patterns: defineCollection({
		loader: glob({
			pattern: '*/pattern.yaml',
			base: './content/patterns',
			generateId: ({ entry }) => entry.split('/')[0]!,
		}),
		schema: PatternSchema,
	}),
	snippets: defineCollection({
		loader: glob({
			pattern: '*/snippet.yaml',
			base: './content/snippets',
			generateId: ({ entry }) => entry.split('/')[0]!,
		}),
		schema: SnippetSchema,
	}),
};
