/**
 * What kind of page a slug is, shown next to search results and on link-preview images, so a
 * reader can tell the Lambda service page from a pattern that deploys Lambda before opening either.
 */
export const categories = {
	services: 'Service',
	decisions: 'Decision guide',
	patterns: 'Pattern',
	'well-architected': 'Well-Architected',
	iac: 'Infrastructure as code',
	tools: 'Tool',
} as const;

export type Category = (typeof categories)[keyof typeof categories] | 'Overview';

/** The category of a docs slug ("services/lambda", "patterns", ""). Section index pages belong to their section. */
export function categoryOf(slug: string): Category {
	const section = slug.replace(/^\/+/, '').split('/')[0] ?? '';
	return section in categories ? categories[section as keyof typeof categories] : 'Overview';
}
